"""What re-renders when the session changes: only the components that show what changed.

The real `App` renders in-process into a Flet session whose connection only collects what would go to the browser
(no socket, no browser); the screen states are a signed-in session over the in-process mock backend. Renders are
counted by component. A notice (a SnackBar) used to re-render every component below the root, 86 of them in a session
that had visited its tabs, because reading the session from the context subscribed each of them to it
(app/components/context.py).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator

import flet as ft
import pytest
from flet.components.component import Component
from flet.controls.context import _context_page
from flet.messaging.connection import Connection
from flet.messaging.protocol import Message
from flet.messaging.session import Session as FletSession
from flet.pubsub.pubsub_hub import PubSubHub

from app import flet_fixes
from app.state import Session
from app.views.root import App, configure_page


class _Collecting(Connection):
    """A connection that keeps what the app sends instead of sending it."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.get_running_loop()
        self.pubsubhub = PubSubHub(loop=self.loop)
        self.sent: list[Message] = []

    def send_message(self, message: Message) -> None:
        self.sent.append(message)


async def _settled() -> None:
    """Let the session's update loop and the effects (screen loads over the in-process API) run out."""
    for _ in range(20):
        await asyncio.sleep(0.01)


@pytest.fixture
def flet_as_served(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flet with the fixes `python -m app` applies that shape renders (app/flet_fixes.py), for this test only."""
    from flet.controls import base_control
    from flet.controls.object_patch import DiffBuilder

    for owner, name in [
        (DiffBuilder, "_removed_controls"),
        (DiffBuilder, "_configure_dataclass"),
        (Component, "before_update"),
        (base_control, "validate"),
    ]:
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back afterwards
    flet_fixes.memo_keeps_children_mounted()
    flet_fixes.configure_walks_no_plain_values()
    flet_fixes.validation_keeps_no_empty_set()


@pytest.fixture
def renders(page: ft.Page, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Renders by component name from now on: a component's own update, and its render as its parent re-renders
    (a memoized one that kept its body is not counted)."""
    counted: Counter[str] = Counter()
    update, before_update = Component.update, Component.before_update

    def counting_update(self: Component) -> None:
        counted[self.fn.__name__] += 1
        update(self)

    def counting_before_update(self: Component) -> None:
        last = self._state.last_b
        before_update(self)
        if not (self.memoized and self._b is last and last is not None):  # a memo that skipped is no render
            counted[self.fn.__name__] += 1

    monkeypatch.setattr(Component, "update", counting_update)
    monkeypatch.setattr(Component, "before_update", counting_before_update)
    yield counted


@pytest.fixture
async def page(session: Session, flet_as_served: None) -> AsyncIterator[ft.Page]:
    """`App` rendered on Badges (a tab with a tile per badge) as `app/ui.py` renders it, signed in."""
    flet_session = FletSession(_Collecting())
    page = flet_session.page
    token = _context_page.set(page)
    try:
        page.route = "/badges"
        configure_page(page, session)
        page.render(App, session)
        flet_session.get_page_patch()  # the whole page, as the browser gets it on registering
        await _settled()
        yield page
    finally:
        _context_page.reset(token)


async def test_a_notice_re_renders_the_root_not_the_screens(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:
    assert session.wide is False

    session.notify_customer("Grace Hopper sent you 5 Stars.")
    await _settled()

    assert renders["App"] == 1  # the root shows notices
    # ... and the frame around the screens re-renders with it (its tabs are memoized); no screen does
    assert set(renders) <= {"App", "Router", "Shell", "InboxButton", "Celebration"}, renders


async def test_a_wider_window_re_renders_the_screens_laid_out_by_it(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:

    session.set_window_width(1280)
    await _settled()

    assert session.wide is True
    assert renders["BadgesScreen"] == 1 and renders["Shell"] >= 1  # the grid widens; the rail replaces the bar
    assert renders["App"] == 0


async def test_signing_out_still_reaches_the_guard(session: Session, page: ft.Page, renders: Counter[str]) -> None:

    await session.sign_out()
    await _settled()

    assert renders["Shell"] >= 1  # it observes the session's auth: a signed-out visitor is sent to sign in
