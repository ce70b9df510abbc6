"""How components reach the session: `use_session()`, `use_screen(StateClass)` and `use_observed(obj)`.

`page.render(App, session)` hands the session to the root, which provides it through `SessionContext`.
`use_context` subscribes the calling component to the `Session` itself (auth, theme, notices);
`use_screen(RewardsState)` subscribes it to that screen's state as well, so it re-renders when that changes;
`use_member()` to the member's name, balance and unread inbox count (the top bar); `use_i18n()` to the session's
language (every text).
"""

from __future__ import annotations

from typing import TypeVar

import flet as ft

from app.i18n import Translator
from app.state import Member, ScreenState, Session

Obs = TypeVar("Obs", bound=ft.Observable)
S = TypeVar("S", bound=ScreenState)

SessionContext: ft.ContextProvider[Session | None] = ft.create_context(None)


def use_session() -> Session:
    session = ft.use_context(SessionContext)
    if session is None:
        raise RuntimeError("use_session() is called outside of SessionContext (render the App component)")
    return session


def use_observed(state: Obs) -> Obs:
    """Re-render the calling component when `state` changes. `state` must live as long as the session (a sign-out
    resets screen states in place, so a component keeps observing the same object)."""
    observed, _ = ft.use_state(state)
    return observed


def use_screen(kind: type[S]) -> S:
    """The state of one screen, observed: the calling component re-renders when it changes."""
    return use_observed(use_session().screen(kind))


def use_member() -> Member:
    """The signed-in member's name, balance and unread inbox count, observed."""
    return use_observed(use_session().member)


def use_i18n() -> Translator:
    """The session's translator, observed: the calling component re-renders in a new language when it changes."""
    return use_observed(use_session().speech).t
