"""A small rounded label with an icon ("+50 Stars", "Earned"), used on cards."""

from __future__ import annotations

import flet as ft


def Pill(text: str, icon: ft.IconData | None = None, color: ft.ColorValue | None = None) -> ft.Control:
    fg = color or ft.Colors.ON_PRIMARY_CONTAINER
    row: list[ft.Control] = []
    if icon is not None:
        row.append(ft.Icon(icon, size=16, color=fg))
    row.append(ft.Text(text, size=13, weight=ft.FontWeight.W_600, color=fg))
    return ft.Container(
        content=ft.Row(row, spacing=4, tight=True),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=14,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )
