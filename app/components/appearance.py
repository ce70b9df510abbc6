"""Appearance: follow the system (the default), or always light, or always dark: one choice of three.

A switch could not say "follow the system": on a phone set to dark it read "off" while the app was dark, and
turning it on and off left the app forced light.
"""

from __future__ import annotations

import flet as ft

from app.components.context import use_session
from app.state.storage import ThemeMode

_CHOICES: tuple[tuple[ThemeMode, str, ft.IconData], ...] = (
    ("system", "System", ft.Icons.BRIGHTNESS_AUTO_OUTLINED),
    ("light", "Light", ft.Icons.LIGHT_MODE_OUTLINED),
    ("dark", "Dark", ft.Icons.DARK_MODE_OUTLINED),
)


@ft.component
def AppearanceChoice() -> ft.Control:
    session = use_session()

    async def choose(e: ft.Event[ft.RadioGroup]) -> None:
        value = e.control.value
        for mode, _, _ in _CHOICES:
            if mode == value:
                await session.set_theme_mode(mode)

    return ft.Semantics(
        label="Appearance",
        container=True,
        content=ft.RadioGroup(
            value=session.theme_mode,
            on_change=choose,
            content=ft.Row(
                [ft.Radio(value=mode, label=label) for mode, label, _ in _CHOICES],
                wrap=True,
                spacing=8,
            ),
        ),
    )
