"""The member card and Profile, one tap from the top of Home (they were under "More" at the bottom, where a
member looking for the card at the till did not find it). "More" lists the other linked screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import flet as ft

from app.i18n import Translator

if TYPE_CHECKING:
    from app.views.routes import Screen

ON_TOP = ("/card", "/profile")
"""The linked screens Home shows at the top, next to the balance, instead of under "More"."""


def link_button(
    screen: Screen, t: Translator, make: Callable[..., ft.Control] = ft.FilledTonalButton, **style: Any
) -> ft.Control:
    """A button to a screen Home links to, named by its title in the member's language."""
    page = ft.context.page
    return make(screen.title(t), icon=screen.link_icon, on_click=lambda: page.navigate(screen.path), **style)


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def CardAndProfile(t: Translator) -> ft.Control:
    from app.views.routes import SCREENS  # at render time: the registry imports every screen, Home included

    on_top = [next(s for s in SCREENS if s.path == path) for path in ON_TOP]
    # The card first, and the most prominent.
    makes = [ft.FilledButton] + [ft.FilledTonalButton] * (len(on_top) - 1)
    return ft.Row([link_button(s, t, make, expand=True) for s, make in zip(on_top, makes, strict=True)], spacing=12)
