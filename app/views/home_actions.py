"""The member card and Profile, one tap from the top of Home (they were under "More" at the bottom, where a
member looking for the card at the till did not find it). "More" lists the other linked screens."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.components.context import use_i18n

ON_TOP = ("/card", "/profile")
"""The linked screens Home shows at the top, next to the balance, instead of under "More"."""


@ft.component
def CardAndProfile() -> ft.Control:
    from app.views.routes import SCREENS  # at render time: the registry imports every screen, Home included

    t = use_i18n()
    page = ft.context.page

    def go(path: str) -> Callable[[], None]:
        return lambda: page.navigate(path)

    buttons: list[ft.Control] = []
    for path in ON_TOP:
        screen = next(s for s in SCREENS if s.path == path)
        make = ft.FilledButton if not buttons else ft.FilledTonalButton  # the card first, and the most prominent
        buttons.append(make(screen.title(t), icon=screen.link_icon, on_click=go(path), expand=True))
    return ft.Row(buttons, spacing=12)
