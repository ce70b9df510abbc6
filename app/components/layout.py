"""Small layout pieces every screen uses: section headers, cards, a scrolling screen body."""

from __future__ import annotations

from typing import Any

import flet as ft

MAX_CONTENT_WIDTH = 640
"""The width of a screen's column on a wide window (ScreenBody gets about this from its breakpoints)."""


def Heading(title: str, **text: Any) -> ft.Control:
    """A section's title, a heading for screen readers (they jump from heading to heading); `text`: `ft.Text` style."""
    style: dict[str, Any] = {"theme_style": ft.TextThemeStyle.TITLE_MEDIUM, "weight": ft.FontWeight.W_600, **text}
    return ft.Semantics(header=True, container=True, content=ft.Text(title, **style))


@ft.component
def SectionHeader(title: str, trailing: ft.Control | None = None) -> ft.Control:
    row: list[ft.Control] = [Heading(title)]
    if trailing is not None:
        row.append(trailing)
    return ft.Container(
        content=ft.Row(row, alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
        padding=ft.Padding.only(top=8, left=4, right=4),
    )


@ft.component
def SectionCard(content: ft.Control, bgcolor: ft.ColorValue | None = None, padding: int = 16) -> ft.Control:
    return ft.Card(
        content=ft.Container(content=content, padding=padding),
        bgcolor=bgcolor,
        margin=0,
        elevation=0,
        variant=ft.CardVariant.FILLED if bgcolor is None else ft.CardVariant.ELEVATED,
    )


@ft.component
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
