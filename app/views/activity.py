"""Activity: the ledger, newest first, filtered by kind, the next page loaded as the list nears its end."""

from __future__ import annotations

import flet as ft

from app.api.models import ActivityEntry
from app.components.context import use_screen
from app.components.feedback import InlineError, when_loaded
from app.components.icons import EARN_ICONS
from app.components.layout import MAX_CONTENT_WIDTH, SectionCard
from app.state import ActivityState
from app.state.activity import FILTERS, signed_stars

EMPTY = {
    None: "Nothing here yet. Your purchases, rewards and gifts will show here.",
    "earned": "No Stars earned yet. Every purchase earns Stars.",
    "spent": "No rewards redeemed yet.",
    "gifts": "No gifts sent or received yet.",
    "expired": "No Stars have expired. Stars expire {expiry_months} months after you earn them.",
}
THE_END = {
    None: "That's all your activity.",
    "earned": "That's every Star you earned.",
    "spent": "That's every reward you redeemed.",
    "gifts": "That's every gift.",
    "expired": "That's every expiry.",
}
NEAR_END_SCREENS = 2.0
"""Load the next page when the list is this many screen heights (at least NEAR_END_PIXELS) from its end."""
NEAR_END_PIXELS = 600
SCROLL_EVENT_MS = 50
"""Flet sends at most one scroll event of each kind per interval and none once the list stops at its end: a wheel
or trackpad reaching the end between two events left the list stuck (benchmarks: wheel steps 30 ms apart never
loaded a second page). A shorter interval and a margin of two screens make a next-page event arrive in time."""

KIND_ICONS: dict[str, ft.IconData] = {
    **EARN_ICONS,
    "bonus": ft.Icons.AUTO_AWESOME_OUTLINED,
    "gift_in": ft.Icons.CARD_GIFTCARD,
    "gift_out": ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED,
    "redeem": ft.Icons.REDEEM,
    "expire": ft.Icons.HOURGLASS_BOTTOM_ROUNDED,
}


@ft.component
def ActivityScreen() -> ft.Control:
    state = use_screen(ActivityState)

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
        state, "Loading your activity", "Activity could not load", lambda: _list(state), layout=scrolling
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
    kinds = [kind for kind, _ in FILTERS]

    async def select(e: ft.Event[ft.Tabs]) -> None:
        await state.set_filter(kinds[e.control.selected_index])

    return ft.Tabs(
        length=len(FILTERS),
        selected_index=kinds.index(state.kind) if state.kind in kinds else 0,
        on_change=select,
        content=ft.TabBar(
            tabs=[ft.Tab(label=label) for _, label in FILTERS],
            scrollable=True,
            tab_alignment=ft.TabAlignment.START,
        ),
    )


def _list(state: ActivityState) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if not state.entries:
        text = EMPTY.get(state.kind, EMPTY[None]).format(expiry_months=state.expiry_months)
        empty = ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT, expand=True)
        controls.append(SectionCard(ft.Row([empty])))
        return controls
    controls += [EntryRow(e, key=e.id) for e in state.entries]
    if state.more_error:
        controls.append(InlineError(state.more_error, on_retry=state.load_more))
    if state.has_more:
        controls.append(
            ft.Container(
                content=ft.OutlinedButton(
                    "Loading..." if state.loading_more else "Load more",
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
                THE_END.get(state.kind, THE_END[None]),
                color=ft.Colors.ON_SURFACE_VARIANT,
                size=12,
                text_align=ft.TextAlign.CENTER,
                width=MAX_CONTENT_WIDTH,
            )
        )
    return controls


@ft.memo  # an entry never changes: loading the next page must not render and diff every row already shown
@ft.component
def EntryRow(entry: ActivityEntry) -> ft.Control:
    positive = entry.stars >= 0
    details: list[ft.Control] = [
        ft.Text(entry.reason, weight=ft.FontWeight.W_600, size=14),
        ft.Text(f"{entry.created_at:%d %b %Y, %H:%M}", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if entry.message:
        details.append(ft.Text(f"\u201c{entry.message}\u201d", size=13, italic=True))
    if entry.thanks:
        details.append(ft.Text(f"Thank-you: {entry.thanks}", size=13, color=ft.Colors.PRIMARY))
    return SectionCard(
        ft.Row(
            [
                ft.Container(
                    content=ft.Icon(KIND_ICONS.get(entry.kind, ft.Icons.STARS_ROUNDED), size=20),
                    bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                    border_radius=20,
                    padding=8,
                ),
                ft.Column(details, spacing=2, expand=True),
                ft.Column(
                    [
                        ft.Text(
                            signed_stars(entry.stars),
                            weight=ft.FontWeight.BOLD,
                            color=ft.Colors.PRIMARY if positive else ft.Colors.ERROR,
                        ),
                        ft.Text(f"Balance {entry.balance_after:,}", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
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
