"""The page's theme holds nothing the Flutter client cannot compare with the theme it had.

On every route change (every tab switch) Flet's client rebuilds the page and parses its theme again. When the new
theme is not equal to the last one, `MaterialApp` animates from one to the other over 200 ms and rebuilds every
widget that reads the theme in each of those frames. A value the client turns into a `WidgetStateProperty` (a
field typed `ControlStateValue`, such as `NavigationBarTheme.label_text_style`) is never equal to the last one.
With the bottom bar's label size in the page theme, the 1.2 s after a tab switch held 387-466 ms of main-thread
work and 6-9 frames over 16 ms; with it on the bar's own theme, 140-238 ms and 1-2 frames
(`python -m benchmarks.frames`, docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import flet as ft
from flet.messaging.session import Session as FletSession

from app.state import Session
from app.views.root import configure_page
from app.views.shell import TAB_LABEL_SIZE
from tests.app.test_render_fanout import _Browser


def _state_valued(value: Any, where: str) -> list[str]:
    """Paths of the fields set in `value` (a Flet dataclass, nested) whose type allows a per-state dict."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return []
    found: list[str] = []
    hints = typing.get_type_hints(type(value))
    for field in dataclasses.fields(value):
        set_to = getattr(value, field.name)
        if set_to is None:
            continue
        if "ControlState" in str(hints.get(field.name, "")):
            found.append(f"{where}.{field.name}")
        found += _state_valued(set_to, f"{where}.{field.name}")
    return found


async def test_the_page_theme_has_no_per_state_values(session: Session) -> None:
    page = FletSession(_Browser()).page
    configure_page(page, session)
    assert page.theme is not None and page.dark_theme is not None
    assert _state_valued(page.theme, "theme") == []
    assert _state_valued(page.dark_theme, "dark_theme") == []


def test_the_check_finds_a_per_state_value() -> None:
    labels = ft.TextStyle(size=TAB_LABEL_SIZE)
    theme = ft.Theme(navigation_bar_theme=ft.NavigationBarTheme(label_text_style=labels))
    assert _state_valued(theme, "theme") == ["theme.navigation_bar_theme.label_text_style"]
