"""Activity: the ledger, newest first, filtered by kind, the next page loaded as the list nears its end."""

from __future__ import annotations

import flet as ft

from app.api.models import ActivityEntry, ActivityFilter
from app.components.context import use_i18n, use_screen
from app.components.feedback import InlineError, when_loaded
from app.components.icons import kind_icon
from app.components.layout import MAX_CONTENT_WIDTH, SectionCard
from app.i18n import Translator
from app.state import ActivityState
from app.state.activity import FILTERS, filter_label


def _empty(kind: ActivityFilter | None, expiry_months: int | None, t: Translator) -> str:
    """What an empty list says, per filter."""
    if kind == "earned":
        return t._("No Stars earned yet. Every purchase earns Stars.")
    if kind == "spent":
        return t._("No rewards redeemed yet.")
    if kind == "gifts":
        return t._("No gifts sent or received yet.")
    if kind == "expired":
        if expiry_months is None:
            return t._("No Stars have expired.")
        return t.n_(
            "No Stars have expired. Stars expire {n} month after you earn them.",
            "No Stars have expired. Stars expire {n} months after you earn them.",
            expiry_months,
        )
    return t._("Nothing here yet. Your purchases, rewards and gifts will show here.")


def _the_end(kind: ActivityFilter | None, t: Translator) -> str:
    """The line under the last entry, per filter."""
    said = {
        "earned": t._("That's every Star you earned."),
        "spent": t._("That's every reward you redeemed."),
        "gifts": t._("That's every gift."),
        "expired": t._("That's every expiry."),
    }
    return said.get(kind or "", t._("That's all your activity."))


NEAR_END_SCREENS = 2.0
"""Load the next page when the list is this many screen heights (at least NEAR_END_PIXELS) from its end."""
NEAR_END_PIXELS = 600
SCROLL_EVENT_MS = 50
"""Flet sends at most one scroll event of each kind per interval and none once the list stops at its end: a wheel
or trackpad reaching the end between two events left the list stuck (benchmarks: wheel steps 30 ms apart never
loaded a second page). A shorter interval and a margin of two screens make a next-page event arrive in time."""


@ft.component
def ActivityScreen() -> ft.Control:
    state = use_screen(ActivityState)
    t = use_i18n()

    async def on_scroll(e: ft.OnScrollEvent) -> None:
        if e.max_scroll_extent - e.pixels < max(NEAR_END_PIXELS, NEAR_END_SCREENS * e.viewport_dimension):
            await state.load_more()

    def scrolling(controls: list[ft.Control]) -> ft.Control:
        return ft.Column(
            [_centred(ft.Column(controls, spacing=8))],
            scroll=ft.ScrollMode.AUTO,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            on_scroll=on_scroll,
            scroll_interval=SCROLL_EVENT_MS,
            expand=True,
            width=float("inf"),  # the whole window width scrolls, not only the centred column
        )

    body = when_loaded(
        state, t._("Loading your activity"), t._("Activity could not load"), lambda: _list(state, t), layout=scrolling
    )
    # Centred on a wide window: the container fills the width the shell gives, the column sits in its middle.
    return ft.Container(
        content=ft.Column(
            [_centred(FilterTabs(state)), body],
            spacing=0,
            expand=True,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        alignment=ft.Alignment.TOP_CENTER,
        expand=True,
    )


def _centred(content: ft.Control) -> ft.Control:
    return ft.Container(
        content=content, width=MAX_CONTENT_WIDTH, padding=ft.Padding.symmetric(horizontal=16, vertical=6)
    )


@ft.component
def FilterTabs(state: ActivityState) -> ft.Control:
    """The filters, one at a time: tabs (a screen reader hears "tab, 2 of 5, selected"), not chips, which Flutter
    exposes as independent checkboxes."""
    t = use_i18n()
    kinds = list(FILTERS)

    async def select(e: ft.Event[ft.Tabs]) -> None:
        await state.set_filter(kinds[e.control.selected_index])

    return ft.Tabs(
        length=len(FILTERS),
        selected_index=kinds.index(state.kind) if state.kind in kinds else 0,
        on_change=select,
        content=ft.TabBar(
            tabs=[ft.Tab(label=filter_label(kind, t)) for kind in FILTERS],
            scrollable=True,
            tab_alignment=ft.TabAlignment.START,
        ),
    )


def _list(state: ActivityState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if not state.entries:
        text = _empty(state.kind, state.expiry_months, t)
        empty = ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT, expand=True)
        controls.append(SectionCard(ft.Row([empty])))
        return controls
    controls += [EntryRow(e, t, key=e.id) for e in state.entries]
    if state.more_error:
        controls.append(InlineError(state.more_error, on_retry=state.load_more))
    if state.has_more:
        controls.append(
            ft.Container(
                content=ft.OutlinedButton(
                    t._("Loading...") if state.loading_more else t._("Load more"),
                    icon=ft.Icons.EXPAND_MORE,
                    on_click=state.load_more,
                    disabled=state.loading_more,
                ),
                alignment=ft.Alignment.CENTER,
                padding=8,
            )
        )
    else:
        controls.append(
            ft.Text(
                _the_end(state.kind, t),
                color=ft.Colors.ON_SURFACE_VARIANT,
                size=12,
                text_align=ft.TextAlign.CENTER,
                width=MAX_CONTENT_WIDTH,
            )
        )
    return controls


@ft.memo  # an entry never changes: loading the next page must not render and diff every row already shown
@ft.component
def EntryRow(entry: ActivityEntry, t: Translator) -> ft.Control:
    positive = entry.stars >= 0
    details: list[ft.Control] = [
        ft.Text(entry.reason, weight=ft.FontWeight.W_600, size=14),
        ft.Text(t.date_time(entry.created_at), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if entry.message:
        # Translators: a gift's message, quoted as your language quotes ("..." in English, «...» in Spanish).
        details.append(ft.Text(t._("\u201c{message}\u201d", message=entry.message), size=13, italic=True))
    if entry.thanks:
        # Translators: {thanks} is what the friend wrote back.
        details.append(ft.Text(t._("Thank-you: {thanks}", thanks=entry.thanks), size=13, color=ft.Colors.PRIMARY))
    return SectionCard(
        ft.Row(
            [
                ft.Container(
                    content=ft.Icon(kind_icon(entry.kind), size=20),
                    bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                    border_radius=20,
                    padding=8,
                ),
                ft.Column(details, spacing=2, expand=True),
                ft.Column(
                    [
                        ft.Text(
                            t.signed_stars(entry.stars),
                            weight=ft.FontWeight.BOLD,
                            color=ft.Colors.PRIMARY if positive else ft.Colors.ERROR,
                        ),
                        ft.Text(
                            t._("Balance {balance}", balance=entry.balance_after),
                            size=12,
                            color=ft.Colors.ON_SURFACE_VARIANT,
                        ),
                    ],
                    spacing=2,
                    horizontal_alignment=ft.CrossAxisAlignment.END,
                ),
            ],
            spacing=12,
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        padding=12,
    )
