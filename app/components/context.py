"""How components reach the session: `use_session()`, `use_screen(StateClass)` and `use_observed(obj)`.

`page.render(App, session)` hands the session to the root, which provides it to every component below
(`provide_session`). A component re-renders only when what it observes changes:
`use_screen(RewardsState)` observes that screen's state; `use_member()` the member's name, balance and unread inbox
count (the top bar); `use_i18n()` the session's language (every text); `use_wide()` the window's width class.
`use_session()` observes nothing: it is for actions and for reaching the states. A component that reads the session's
own fields while rendering (auth, theme mode) observes it: `use_observed(use_session())`.

Why `use_session()` observes nothing: it used to be Flet's `use_context`, which subscribes a component to a context
value that is an `ft.Observable`. With the session in the context, every component below it (86 in a signed-in
session that had visited its tabs) re-rendered on every notice: 60-100 ms of one event loop for one SnackBar, the
longest pauses of a 100-customer crowd (docs/capacity.md). It is not a context either: `use_context` finds a value by
walking up the parent components, weak references that die when a memoized component skips a render and its
successor takes over its body (the shell's `Frame`); the lookup then failed in the next render of a screen of its
own. There is one session per page: the page's Flet session keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import flet as ft

from app.i18n import Translator
from app.state import Member, ScreenState, Session

Obs = TypeVar("Obs", bound=ft.Observable)
S = TypeVar("S", bound=ScreenState)

_STORE_KEY = "starboard.session"
"""Where the page's Flet session keeps the app's session (`page.session.store`: it lives as long as the page)."""


def provide_session(session: Session, content: Callable[[], ft.Control]) -> ft.Control:
    """The root's `content`, with `session` reachable from every component of this page (`use_session()`)."""
    ft.context.page.session.store.set(_STORE_KEY, session)
    return content()


def use_session() -> Session:
    """The session, for actions and to reach the states; not observed (see the module's docstring)."""
    session = ft.context.page.session.store.get(_STORE_KEY)
    if not isinstance(session, Session):
        raise RuntimeError("use_session() is called outside of provide_session() (render the App component)")
    return session


class Unobserved(Generic[Obs]):
    """A state handed to a memoized component without subscribing it to the state (Flet subscribes a component to
    every `ft.Observable` among its arguments): the component re-renders when its other arguments change (what it
    shows of the state) or its own hooks say so. Two are equal when they hold the same state."""

    __slots__ = ("value",)

    def __init__(self, value: Obs) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unobserved) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)

    def __repr__(self) -> str:
        return f"Unobserved({type(self.value).__name__})"


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


_SHOWN_KEY = "starboard.shown"
"""Where the page's Flet session keeps the path of the screen the shell shows now (`page.session.store`)."""


def provide_shown(path: str) -> None:
    """Called by the shell on every render: `path` is the screen it shows (a tab tapped counts at once, before the
    browser's URL follows)."""
    ft.context.page.session.store.set(_SHOWN_KEY, path)


def shown_path() -> str | None:
    """The path of the screen the shell shows now, None outside the signed-in shell. Not observed: a kept tab is not
    rendered again when it is shown or hidden, so this says whether what a render changes is on screen."""
    shown = ft.context.page.session.store.get(_SHOWN_KEY)
    return shown if isinstance(shown, str) else None
