"""Badges: every badge as a grid, earned first; locked ones greyed with their progress. Tap one for its detail."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.api.models import Badge
from app.components.badge_medal import BadgeMedal
from app.components.context import use_i18n, use_screen, use_wide
from app.components.feedback import when_loaded
from app.components.layout import SectionCard, SectionHeader, body_for
from app.components.share import ShareButton
from app.components.stars import StarsProgress, badges_earned
from app.i18n import Translator
from app.state import BadgesState
from app.state.badges import badge_label

TILE_WIDTH = 114  # three to a row, edge to edge, on a 390 px phone (358 px of content, 8 px gaps)


@ft.component
def BadgesScreen() -> ft.Control:
    state = use_screen(BadgesState)
    wide = use_wide()
    t = use_i18n()
    ft.use_dialog(_detail(state, t))
    return when_loaded(
        state, t._("Loading badges"), t._("Badges could not load"), lambda: _grids(state, t), layout=body_for(wide)
    )


def _grids(state: BadgesState, t: Translator) -> list[ft.Control]:
    earned, locked, open_ = state.earned, state.locked, state.open_detail
    controls: list[ft.Control] = []
    controls.append(
        SectionCard(
            ft.Row(
                [
                    ft.Icon(ft.Icons.MILITARY_TECH, size=32, color=ft.Colors.PRIMARY),
                    ft.Text(
                        badges_earned(len(earned), len(state.badges), t),
                        theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        expand=True,
                    ),
                ],
                spacing=12,
            ),
            padding=14,
        )
    )
    if earned:
        controls += [SectionHeader(t.p_("badges", "Earned")), BadgeGrid(earned, open_, t, key="earned")]
    if locked:
        controls += [SectionHeader(t._("Still to earn")), BadgeGrid(locked, open_, t, key="locked")]
    return controls


# A change of the screen (a badge's detail opened, a reload with the same badges) leaves the grid as it is. One
# memoized grid rather than a memoized component per tile: 27 components cost every session about 30 KB
# (docs/capacity.md), and a badge that changes is rare (a visit, a challenge): then its grid's tiles are built again.
@ft.memo
@ft.component
def BadgeGrid(badges: list[Badge], on_open: Callable[[Badge], None], t: Translator) -> ft.Control:
    return ft.Row(
        [_tile(b, on_open, t) for b in badges],
        wrap=True,
        spacing=8,
        run_spacing=8,
        alignment=ft.MainAxisAlignment.START,
    )


def _tile(badge: Badge, on_open: Callable[[Badge], None], t: Translator) -> ft.Control:
    earned = badge.earned_at is not None
    # The tile's name says it all (`badge_label`); its texts are read by eye only (`semantics_label=""`), so they
    # do not repeat in that name. The bar keeps a node of its own, with its value.
    rows: list[ft.Control] = [
        BadgeMedal(badge),
        ft.Text(
            badge.name,
            size=13,
            weight=ft.FontWeight.W_600,
            text_align=ft.TextAlign.CENTER,
            max_lines=2,
            color=None if earned else ft.Colors.ON_SURFACE_VARIANT,
            semantics_label="",
        ),
    ]
    if not earned:
        rows.append(
            ft.Text(
                t._("{progress}/{target}", progress=badge.progress, target=badge.target),
                size=12,
                color=ft.Colors.ON_SURFACE_VARIANT,
                semantics_label="",
            )
        )
        rows.append(StarsProgress(_share(badge), _bar_name(badge, t)))
    tile = ft.Container(
        content=ft.Column(rows, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=6, tight=True),
        width=TILE_WIDTH,
        padding=10,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH if earned else ft.Colors.SURFACE_CONTAINER_LOW,
        on_click=lambda: on_open(badge),
        ink=True,
    )
    return ft.Semantics(content=tile, label=badge_label(badge, t), button=True, container=True, key=badge.id)


def _share(badge: Badge) -> float:
    return badge.progress / badge.target if badge.target else 0.0


def _bar_name(badge: Badge, t: Translator) -> str:
    # Translators: a progress bar's accessible name; {badge} is a badge's name.
    return t._("{badge}: {progress} of {target} done", badge=badge.name, progress=badge.progress, target=badge.target)


def _detail(state: BadgesState, t: Translator) -> ft.AlertDialog | None:
    badge = state.selected
    if badge is None:
        return None
    if badge.earned_at is not None:
        status: ft.Control = ft.Row(
            [
                ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=18),
                ft.Text(
                    t._("Earned on {date}", date=t.date(badge.earned_at)),
                    color=ft.Colors.PRIMARY,
                    weight=ft.FontWeight.W_600,
                ),
            ],
            spacing=6,
            tight=True,
        )
    else:
        status = StarsProgress(
            _share(badge),
            _bar_name(badge, t),
            t._("Locked: {progress} of {target} so far", progress=badge.progress, target=badge.target),
        )
    return ft.AlertDialog(
        semantics_label=badge.name,  # the dialog's accessible name (else Flutter web names every dialog "Alert")
        title=ft.Text(badge.name, text_align=ft.TextAlign.CENTER),
        icon=ft.Row([BadgeMedal(badge, size=96)], alignment=ft.MainAxisAlignment.CENTER),
        content=ft.Column(
            [
                ft.Text(badge.description, text_align=ft.TextAlign.CENTER),
                # Translators: {criteria} is the API's sentence saying how the badge is earned.
                ft.Text(
                    t._("How to earn it: {criteria}", criteria=badge.criteria), text_align=ft.TextAlign.CENTER, size=13
                ),
                status,
            ],
            tight=True,
            spacing=12,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            width=300,
        ),
        actions=[
            *(
                [
                    ShareButton(
                        t._("Share this badge"),
                        badge.share_text,
                        lambda how: state.record_share("badge", how, badge.id),
                        state.sharing,
                    )
                ]
                if badge.share_text
                else []
            ),
            ft.TextButton(t._("Close"), on_click=state.close_detail),
        ],
        actions_alignment=ft.MainAxisAlignment.CENTER,
        on_dismiss=state.close_detail,
    )
