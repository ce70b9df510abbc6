"""Icon-only buttons with an accessible name.

In Flet 1.0.5 web, `IconButton(tooltip=...)` does not name the button (the tooltip becomes a separate label node
and the button stays nameless); a `semantics_label` on the button's `ft.Icon` does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft


def IconAction(
    icon: ft.IconData,
    label: str,
    on_click: Callable[[], Awaitable[None] | None],
    disabled: bool = False,
    color: ft.ColorValue | None = None,
) -> ft.Control:
    return ft.IconButton(icon=ft.Icon(icon, semantics_label=label, color=color), on_click=on_click, disabled=disabled)
