"""What the Friends sections of the social layer share (Star Pool, Leaderboard, Gift someone new).

Each section observes its own state and loads (or fails) on its own, like the other Friends sections: a spinner,
its error with Retry, or its content.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from app.components.feedback import InlineError, Loading
from app.components.layout import SectionHeader
from app.state import ScreenState


def section(title: str, state: ScreenState, loading: str, content: Callable[[], list[ft.Control]],
            trailing: ft.Control | None = None) -> ft.Control:
    """A section: its heading (`title`, a heading for screen readers), then the loading ladder of `state`."""
    body: list[ft.Control]
    if state.status == "error" and state.error:
        body = [InlineError(state.error, on_retry=state.refresh)]
    elif state.status != "ready":
        body = [Loading(loading)]
    else:
        body = ([InlineError(state.error, on_retry=state.refresh)] if state.error else []) + content()
    return ft.Column(
        [SectionHeader(title, trailing), *body], spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
    )


def tap(action: Callable[..., Awaitable[Any]], *args: Any) -> Callable[[], Awaitable[None]]:
    """An async `on_click` running `action(*args)` (Flet awaits only coroutine functions)."""

    async def handler() -> None:
        await action(*args)

    return handler
