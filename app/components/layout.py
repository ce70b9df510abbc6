"""Small layout pieces every screen uses: section headers, cards, a scrolling screen body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

MAX_CONTENT_WIDTH = 640
"""The width of a screen's column on a wide window (ScreenBody gets about this from its breakpoints)."""


def Heading(title: str, **text: Any) -> ft.Control:
    """A section's title, a heading for screen readers (they jump from heading to heading); `text`: `ft.Text` style."""
    style: dict[str, Any] = {"theme_style": ft.TextThemeStyle.TITLE_MEDIUM, "weight": ft.FontWeight.W_600, **text}
    return ft.Semantics(header=True, container=True, content=ft.Text(title, **style))


def SectionHeader(title: str, trailing: ft.Control | None = None) -> ft.Control:
    heading = Heading(title)
    return ft.Container(
        content=heading
        if trailing is None
        else ft.Row([heading, trailing], alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
        padding=ft.Padding.only(top=8, left=4, right=4),
    )


def SectionCard(content: ft.Control, bgcolor: ft.ColorValue | None = None, padding: int = 16) -> ft.Control:
    return ft.Card(
        content=ft.Container(content=content, padding=padding),
        bgcolor=bgcolor,
        margin=0,
        elevation=0,
        variant=ft.CardVariant.FILLED if bgcolor is None else ft.CardVariant.ELEVATED,
    )


def ScreenBody(controls: list[ft.Control]) -> ft.Control:
    """A screen's content: a scrolling column, centred and no wider than a phone-friendly column on wide windows."""
    # Full width on a phone; on wider windows a centred column (Flet has no max-width, so a ResponsiveRow's
    # breakpoints narrow it: about 640 px at 1280 px).
    return ft.Column(
        [
            ft.ResponsiveRow(
                [
                    ft.Container(
                        content=ft.Column(controls, spacing=16),
                        col={"xs": 12, "md": 9, "lg": 7, "xl": 6},
                        padding=ft.Padding.symmetric(horizontal=16, vertical=12),
                    )
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            )
        ],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


TILE_WIDTH = 340
"""A tile's width in a grid on a wide window (three columns beside the rail at 1280 px)."""


def WideScreenBody(controls: list[ft.Control]) -> ft.Control:
    """`ScreenBody` for a screen laid out as a grid on a wide window: it uses most of the width instead of a phone's
    column (at 1280 px Rewards was one 560 px column with most of the window empty)."""
    return ft.Column(
        [
            ft.ResponsiveRow(
                [
                    ft.Container(
                        content=ft.Column(controls, spacing=16),
                        col={"xs": 12, "xl": 11, "xxl": 10},
                        padding=ft.Padding.symmetric(horizontal=24, vertical=12),
                    )
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            )
        ],
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


def body_for(wide: bool) -> Callable[[list[ft.Control]], ft.Control]:
    """The screen body for the window's width class (`Session.wide`: from 840 px)."""
    return WideScreenBody if wide else ScreenBody


def tiles(controls: list[ft.Control], wide: bool, width: int = TILE_WIDTH) -> list[ft.Control]:
    """Tiles as a list on a phone; on a wide window one wrapping grid of `width`-wide tiles."""
    if not wide or not controls:
        return controls
    return [
        ft.Row(
            [ft.Container(content=c, width=width) for c in controls],
            wrap=True,
            spacing=16,
            run_spacing=16,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    ]
