"""What the sections of the Friends screen share: each one loads (and fails) on its own, in the member's language.

A section is `FriendsSection(state, texts, content)`: it observes its own state (so it re-renders alone), reads the
session's translator, and shows the loading ladder of `state` under its heading. `texts(t)` names the section in the
member's language; `content(state, t)` builds what it shows once loaded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import flet as ft

from app.api.models import Friend
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed
from app.components.feedback import InlineError, Loading
from app.components.layout import SectionHeader
from app.i18n import Translator
from app.state import ScreenState

S = TypeVar("S", bound=ScreenState)


@dataclass(frozen=True)
class SectionTexts:
    """A section's own words: its heading, the spinner's name, and (for sections with a reload button, whose heading
    shows while loading) the reload button's accessible name."""

    title: str
    loading: str
    reload: str | None = None


@ft.component
def FriendsSection(
    state: S, texts: Callable[[Translator], SectionTexts], content: Callable[[S, Translator], list[ft.Control]]
) -> ft.Control:
    """One section of the Friends screen. With a `reload` text, its heading (with the reload button) stays above the
    loading ladder; without, the heading comes with the content."""
    observed = use_observed(state)
    t = use_i18n()
    said = texts(t)
    if said.reload is None:
        return section_loaded(observed, said.loading, lambda: [SectionHeader(said.title), *content(observed, t)])
    reload = IconAction(ft.Icons.REFRESH, said.reload, observed.refresh)
    body = section_loaded(observed, said.loading, lambda: content(observed, t))
    return ft.Column(
        [SectionHeader(said.title, reload), body], spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
    )


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


def friend_picker(
    label: str, none_chosen: str, friends: list[Friend], chosen_id: str | None, on_select: Callable[[str | None], None]
) -> ft.Control:
    """A drop-down of the member's friends, in a row of its own (it takes the row's width).

    A Dropdown's label does not reach the accessibility tree in Flet 1.0.5 web (it is a nameless button); a Semantics
    container gives it its name, `label`, and says who is chosen (`none_chosen` when nobody is): the drop-down's own
    texts are lost to screen readers.
    """
    chosen = next((f for f in friends if f.id == chosen_id), None)
    picker = ft.Semantics(
        label=label,
        value=chosen.name if chosen else none_chosen,
        container=True,
        expand=True,
        content=ft.Dropdown(
            label=label,
            value=chosen_id,
            options=[ft.DropdownOption(key=f.id, text=f.name) for f in friends],
            on_select=lambda e: on_select(e.control.value),
            leading_icon=ft.Icons.PERSON_OUTLINE,
            expand=True,
        ),
    )
    return ft.Row([picker])


def tap(action: Callable[..., Awaitable[Any]], *args: Any) -> Callable[[], Awaitable[None]]:
    """An `on_click` that runs `action(*args)`: an async handler, because Flet awaits only coroutine functions
    (a plain lambda returning a coroutine would leave it never awaited)."""

    async def handler() -> None:
        await action(*args)

    return handler
