"""The lines a card of one item ends with (a challenge, an offer): what became of it, why acting on it failed, and
the one button that acts on it, which says it is working and waits while any item of the list is being acted on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.components.feedback import InlineError


def StatusLine(icon: ft.IconData, text: str) -> ft.Control:
    """What became of the item ("Activated: ...", "Completed on ..."), in the accent colour."""
    return ft.Row(
        [
            ft.Icon(icon, size=18, color=ft.Colors.PRIMARY),
            ft.Text(text, size=13, color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600, expand=True),
        ],
        spacing=6,
    )


def FailedOn(item_id: str, failed: tuple[str, str] | None) -> list[ft.Control]:
    """The sentence of the last action that failed, on the item it failed on (`failed` is `(item id, sentence)`)."""
    return [InlineError(failed[1])] if failed is not None and failed[0] == item_id else []


def ItemAction(
    label: str,
    working: str,
    icon: ft.IconData,
    on_click: Callable[[], Awaitable[None]],
    item_id: str,
    busy_with: str | None,
) -> ft.Control:
    """The card's button: `working` ("Joining...") while this item is acted on (`busy_with`, the id of the item
    being acted on, is `item_id`); disabled while any item is."""
    return ft.FilledButton(
        working if busy_with == item_id else label,
        icon=icon,
        on_click=on_click,
        disabled=busy_with is not None,
        width=float("inf"),
    )
