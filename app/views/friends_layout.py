"""What the sections of the Friends screen share: each one loads (and fails) on its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.components.feedback import InlineError, Loading
from app.state import ScreenState


def section_loaded(state: ScreenState, loading: str, content: Callable[[], list[ft.Control]]) -> ft.Control:
    """One section's ladder: a spinner named `loading`, its error with Retry, or `content()` (under the error of a
    reload that failed). A plain function, like `when_loaded`: the section component observing `state` re-renders it."""
    if state.status == "error" and state.error:
        return InlineError(state.error, on_retry=state.refresh)
    if state.status != "ready":
        return Loading(loading)
    controls: list[ft.Control] = []
    if state.error:
        controls.append(InlineError(state.error, on_retry=state.refresh))
    return ft.Column(controls + content(), spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def tap(action: Callable[[str], Awaitable[None]], item_id: str) -> Callable[[], Awaitable[None]]:
    """An `on_click` that runs `action(item_id)`: an async handler, because Flet awaits only coroutine functions
    (a plain lambda returning a coroutine would leave it never awaited)."""

    async def handler() -> None:
        await action(item_id)

    return handler
