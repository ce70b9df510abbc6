"""A line that ends with one action: what the line is about takes the room left, its button sits at the end (the
inbox's "Mark all read" after its count, "Add friend" after the friend code typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft


def with_action(
    lead: ft.Control,
    label: str,
    icon: ft.IconData,
    on_click: Callable[[], Any],
    *,
    disabled: bool = False,
    tonal: bool = False,
    top: bool = False,
) -> ft.Control:
    """`lead` (give it `expand=True`) then a text button named `label`; `tonal` for a form's submit button, `top` to
    line the button up with the top of `lead` (a text field whose error may grow below it)."""
    kind = ft.FilledTonalButton if tonal else ft.TextButton
    return ft.Row(
        [lead, kind(label, icon=icon, on_click=on_click, disabled=disabled)],
        vertical_alignment=ft.CrossAxisAlignment.START if top else ft.CrossAxisAlignment.CENTER,
    )
