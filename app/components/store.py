"""How components reach the session store: `use_session()` and `use_observed(obj)`.

`page.render(App, session)` hands the store to the root, which provides it through `SessionContext`.
`use_context` subscribes the calling component to the `Session` itself (auth, balance, theme, notices);
`use_observed(session.home)` subscribes it to one screen's state as well, so it re-renders when that changes.
"""

from __future__ import annotations

from typing import TypeVar

import flet as ft

from app.state import Session

S = TypeVar("S", bound=ft.Observable)

SessionContext: ft.ContextProvider[Session | None] = ft.create_context(None)


def use_session() -> Session:
    session = ft.use_context(SessionContext)
    if session is None:
        raise RuntimeError("use_session() is called outside of SessionContext (render the App component)")
    return session


def use_observed(state: S) -> S:
    """Re-render the calling component when `state` changes. `state` must live as long as the session."""
    observed, _ = ft.use_state(state)
    return observed
