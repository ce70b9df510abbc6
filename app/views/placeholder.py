"""A stand-in for a screen that is not built yet, so its URL, tab and back navigation already work."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.components.layout import ScreenBody, SectionCard


def placeholder(title: str) -> Callable[[], ft.Control]:
    @ft.component
    def Placeholder() -> ft.Control:
        return ScreenBody(
            [
                SectionCard(
                    ft.Column(
                        [
                            ft.Icon(ft.Icons.CONSTRUCTION_ROUNDED, size=40, color=ft.Colors.PRIMARY),
                            ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE),
                            ft.Text("This screen is on its way.", color=ft.Colors.ON_SURFACE_VARIANT),
                        ],
                        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    )
                )
            ]
        )

    Placeholder.__name__ = Placeholder.__qualname__ = f"{title.replace(' ', '')}Placeholder"
    return Placeholder
