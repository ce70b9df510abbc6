"""Appearance: follow the system (the default), or always light, or always dark: one choice of three.

A switch could not say "follow the system": on a phone set to dark it read "off" while the app was dark, and
turning it on and off left the app forced light.
"""

from __future__ import annotations

import flet as ft

from app.components.context import use_i18n, use_observed, use_session
from app.i18n import Translator
from app.state.storage import ThemeMode

_MODES: tuple[ThemeMode, ...] = ("system", "light", "dark")


def _mode_label(mode: ThemeMode, t: Translator) -> str:
    labels: dict[ThemeMode, str] = {
        "system": t.p_("appearance", "System"),
        "light": t.p_("appearance", "Light"),
        "dark": t.p_("appearance", "Dark"),
    }
    return labels[mode]


@ft.component
def AppearanceChoice() -> ft.Control:
    session = use_observed(use_session())  # its theme mode
    t = use_i18n()

    async def choose(e: ft.Event[ft.RadioGroup]) -> None:
        value = e.control.value
        for mode in _MODES:
            if mode == value:
                await session.set_theme_mode(mode)

    return ft.Semantics(
        label=t._("Appearance"),
        container=True,
        content=ft.RadioGroup(
            value=session.theme_mode,
            on_change=choose,
            content=ft.Row(
                [ft.Radio(value=mode, label=_mode_label(mode, t)) for mode in _MODES],
                wrap=True,
                spacing=8,
            ),
        ),
    )
