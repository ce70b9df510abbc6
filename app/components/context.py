"""How components reach the session: `use_session()`, `use_screen(StateClass)` and `use_observed(obj)`.

`page.render(App, session)` hands the session to the root, which provides it to every component below
(`provide_session`). A component re-renders only when what it observes changes:
`use_screen(RewardsState)` observes that screen's state; `use_member()` the member's name, balance and unread inbox
count (the top bar); `use_i18n()` the session's language (every text); `use_wide()` the window's width class.
`use_session()` observes nothing: it is for actions and for reaching the states. A component that reads the session's
own fields while rendering (auth, theme mode, notices) observes it: `use_observed(use_session())`.

Why `use_session()` observes nothing: Flet's `use_context` subscribes a component to a context value that is an
`ft.Observable`. When the context held the session itself, every component below it (86 in a signed-in session that
had visited its tabs) re-rendered on every notice: 60-100 ms of one event loop for one SnackBar, the longest pauses
of a 100-customer crowd (docs/capacity.md). The context now holds the session in a box that is not observable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import flet as ft

from app.i18n import Translator
from app.state import Member, ScreenState, Session

Obs = TypeVar("Obs", bound=ft.Observable)
S = TypeVar("S", bound=ScreenState)

@dataclass(frozen=True, eq=False)
class _Provided:
    """The session as the context holds it: not an `ft.Observable`, so reading the context subscribes to nothing."""

    session: Session


_SessionContext: ft.ContextProvider[_Provided | None] = ft.create_context(None)


def provide_session(session: Session, content: Callable[[], ft.Control]) -> ft.Control:
    """The root's `content`, with `session` reachable from every component in it (`use_session()`). Call it from
    the root component's render: the box is made once per session, so a re-render of the root is no context change."""
    provided = ft.use_memo(lambda: _Provided(session), [session])
    return _SessionContext(provided, content)


def use_session() -> Session:
    """The session, for actions and to reach the states; not observed (see the module's docstring)."""
    provided = ft.use_context(_SessionContext)
    if provided is None:
        raise RuntimeError("use_session() is called outside of provide_session() (render the App component)")
    return provided.session


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


def use_wide() -> bool:
    """Whether the window is wide (`Session.wide`), observed: the screens laid out by it re-render when it changes."""
    return use_observed(use_session().window).wide


def use_i18n() -> Translator:
    """The session's translator, observed: the calling component re-renders in a new language when it changes."""
    return use_observed(use_session().speech).t
