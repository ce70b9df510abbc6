"""The pieces every form card is made of: the card itself, the button that says it is working, and the note that
says what a form earned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.components.context import use_i18n
from app.components.feedback import InlineError
from app.components.layout import SectionCard


def FormCard(rows: list[ft.Control], *, error: str | None = None, spacing: int = 12) -> ft.Control:
    """A form in a card, its fields stretched to the card's width; `error` (why the last submit failed) under it."""
    if error:
        rows = [*rows, InlineError(error)]
    return SectionCard(ft.Column(rows, spacing=spacing, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


def SubmitButton(
    label: str,
    working: str,
    icon: ft.IconData,
    on_click: Callable[[], Any],
    busy: bool,
    *,
    tonal: bool = False,
) -> ft.Control:
    """A form's submit button: it says `working` ("Saving...") and cannot be tapped again while the form is busy."""
    button = ft.FilledTonalButton if tonal else ft.FilledButton
    return button(working if busy else label, icon=icon, on_click=on_click, disabled=busy)


@ft.component
def EarnedNote(earned: str, detail: str) -> ft.Control:
    """What a form just earned: "You earned 25 Stars", and the why and the new balance."""
    t = use_i18n()
    return ft.Container(
        content=ft.Column(
            [
                # Translators: {stars} is an amount of Stars, already in your language ("25 Estrellas").
                ft.Text(
                    t._("You earned {stars}", stars=earned),
                    weight=ft.FontWeight.BOLD,
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
                ft.Text(detail, size=13, color=ft.Colors.ON_PRIMARY_CONTAINER),
            ],
            spacing=2,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=12,
        padding=12,
    )
