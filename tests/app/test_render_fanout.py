"""What re-renders when the session changes: only the components that show what changed.

The real `App` renders in-process into a Flet session whose connection only collects what would go to the browser
(no socket, no browser); the screen states are a signed-in session over the in-process mock backend. Renders are
counted by component. A notice (a SnackBar) used to re-render every component below the root, 86 of them in a session
that had visited its tabs, because reading the session from the context subscribed each of them to it
(app/components/context.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import flet as ft
import httpx
import pytest
from flet.components.component import Component
from flet.controls.context import _context_page
from flet.messaging.connection import Connection
from flet.messaging.protocol import Message, MessageAction
from flet.messaging.session import Session as FletSession
from flet.pubsub.pubsub_hub import PubSubHub

from app import flet_fixes
from app.state import BadgesState, RewardsState, Session
from app.views import shell
from app.views.root import App, configure_page
from app.views.routes import TABS

TAB_PATHS = {tab.path for tab in TABS}


class _Browser(Connection):
    """A connection that keeps what the app sends, and answers a navigation as the browser would: it takes the
    route and tells the page (tests/support/flet_wire.py does the same on a real socket)."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.get_running_loop()
        self.pubsubhub = PubSubHub(loop=self.loop)
        self.sent: list[Message] = []
        self.session: FletSession | None = None
        self.page_url = "http://127.0.0.1:8550"

    def send_message(self, message: Message) -> None:
        self.sent.append(message)
        body = message.body
        if message.action == MessageAction.INVOKE_METHOD and body.name == "push_route":
            asyncio.get_running_loop().create_task(self._take_route(body.control_id, body.call_id, body.args["route"]))

    async def _take_route(self, control_id: int, call_id: str, route: str) -> None:
        assert self.session is not None
        self.session.handle_invoke_method_results(control_id, call_id, None, None)
        self.session.page.route = route
        await self.session.dispatch_event(self.session.page._i, "route_change", {"route": route})


async def _settled() -> None:
    """Let the session's update loop and the effects (screen loads over the in-process API) run out."""
    for _ in range(20):
        await asyncio.sleep(0.01)


async def _settled_until(done: Callable[[], bool], rounds: int = 50) -> None:
    """Settle again and again until `done()` holds, `rounds` times at most (the test asserts what it needs after)."""
    for _ in range(rounds):
        await _settled()
        if done():
            return


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
        (FletSession, "__init__"),
        (FletSession, "_Session__find_live_control"),
        (base_control.BaseControl, "_trigger_event"),
    ]:
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back afterwards
    flet_fixes.index_only_addressable_controls()
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


@contextlib.asynccontextmanager
async def _served(render: Callable[[ft.Page], None]) -> AsyncIterator[ft.Page]:
    """A page of a Flet session over `_Browser`, with `render(page)` done and the whole page sent, as the browser
    gets it on registering."""
    browser = _Browser()
    flet_session = browser.session = FletSession(browser)
    page = flet_session.page
    token = _context_page.set(page)
    try:
        render(page)
        flet_session.get_page_patch()
        await _settled()
        yield page
    finally:
        _context_page.reset(token)


@pytest.fixture
async def page(session: Session, flet_as_served: None) -> AsyncIterator[ft.Page]:
    """`App` rendered on Badges (a tab with a tile per badge) as `app/ui.py` renders it, signed in."""

    def render(page: ft.Page) -> None:
        page.route = "/badges"  # what the browser registers with
        configure_page(page, session)
        page.render(App, session)

    async with _served(render) as page:
        yield page


async def test_a_notice_re_renders_the_root_not_the_screens(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:
    assert session.wide is False

    session.notify_customer("Grace Hopper sent you 5 Stars.")
    await _settled()

    assert renders["App"] == 1  # the root shows notices
    # ... and the router with it, but not the frame around the screens (top bar, navigation) nor any screen
    assert set(renders) <= {"App", "Router", "Shell"}, renders


async def test_a_wider_window_re_renders_the_screens_laid_out_by_it(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:

    session.set_window_width(1280)
    await _settled()

    assert session.wide is True
    assert renders["BadgesScreen"] == 1 and renders["Frame"] == 1  # the grid widens; the rail replaces the bar
    assert renders["App"] == 0


async def test_signing_out_still_reaches_the_guard(session: Session, page: ft.Page, renders: Counter[str]) -> None:

    await session.sign_out()
    await _settled()

    assert renders["Frame"] >= 1  # it observes the session's auth: a signed-out visitor is sent to sign in


async def _tap_tab(page: ft.Page, path: str) -> None:
    """What the browser sends when the customer taps a tab in the bottom bar: the bar's new value, then the event."""
    nav = next(c for c in page.session.index.values() if isinstance(c, ft.NavigationBar))
    index = next(i for i, tab in enumerate(TABS) if tab.path == path)
    page.session.apply_patch(nav._i, {"selected_index": index})
    await page.session.dispatch_event(nav._i, "change", str(index))
    await _settled()


async def test_a_tab_switch_renders_the_frame_once_not_again_when_the_url_follows(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:
    await _tap_tab(page, "/rewards")

    assert page.route == "/rewards"  # the browser took the route, and the router followed
    assert renders["Router"] == 1 and renders["Shell"] == 2  # on the tap, then when the URL changed
    assert renders["Frame"] == 1, renders  # shown at the tap; the URL catching up finds it shown
    assert renders["RewardsScreen"] >= 1 and renders["BadgesScreen"] == 0  # the new tab built; the old one kept

    renders.clear()
    await _tap_tab(page, "/friends")  # a screen that renders sections of its own (they read the session)
    await _tap_tab(page, "/badges")  # back to a kept tab

    assert page.route == "/badges"
    assert renders["FriendsSection"] >= 7, renders  # every section of the Gift tab came, after its load
    assert renders["Frame"] == 2 and renders["BadgesScreen"] == 0 and renders["BadgeGrid"] == 0, renders


async def test_the_redeem_dialog_and_the_balance_leave_the_catalog_alone(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:
    await _tap_tab(page, "/rewards")
    rewards = session.screen(RewardsState)
    renders.clear()

    rewards.ask_to_redeem(next(r for r in rewards.rewards if r.can_redeem))
    await _settled()
    rewards.cancel_redeem()
    await _settled()
    session.member.balance = (session.member.balance or 0) + 1  # the dialog's line reads it; the catalog does not
    await _settled()

    assert renders["RewardsScreen"] == 3 and renders["RewardsBody"] == 0, renders

    rewards.set_tab("mine")
    await _settled()

    assert renders["RewardsBody"] == 1  # what the body shows changed


async def test_a_badges_detail_leaves_the_grids_alone(session: Session, page: ft.Page, renders: Counter[str]) -> None:
    badges = session.screen(BadgesState)  # the page opens on Badges
    badges.open_detail(badges.badges[0])
    await _settled()
    badges.close_detail()
    await _settled()

    assert renders["BadgesScreen"] == 2 and renders["BadgeGrid"] == 0, renders

    locked = next(b for b in badges.badges if b.earned_at is None)
    badges.badges = [b if b is not locked else b.model_copy(update={"progress": b.progress + 1}) for b in badges.badges]
    await _settled()

    assert renders["BadgeGrid"] == 1, renders  # the grid with the changed badge, not the other


def _mounted(page: ft.Page) -> list[Any]:
    """Every control shown or kept under the page (the walk Flet's diff makes)."""
    found: list[Any] = []
    todo: list[Any] = [page]
    while todo:
        value = todo.pop()
        if isinstance(value, list | tuple):
            todo.extend(value)
        elif isinstance(value, ft.BaseControl):
            found.append(value)
            todo.extend(getattr(value, name) for name in flet_fixes._walked_fields(type(value)) if name != "_parent")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            todo.extend(getattr(value, name) for name in flet_fixes._walked_fields(type(value)))
    return found


def _built_tabs(page: ft.Page) -> list[ft.Container]:
    """The frame's container of each tab built in the session, shown or hidden."""
    return [c for c in _mounted(page) if isinstance(c, ft.Container) and c.key in TAB_PATHS]


@pytest.fixture
def prefetching(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session.prefetch_tabs_after = 0.01  # `STARBOARD_PREFETCH_TABS_SECONDS`, made short
    # A tab's load may hold the turn to build ahead this long: Friends' seven sections took more than the 2 s of
    # production in one CI run, with other test workers busy beside it (the tests that want it short set it again).
    monkeypatch.setattr(shell, "PREFETCH_PATIENCE_SECONDS", 30.0)
    # The other test workers keep this machine's cores busy: a sleep often ends a few ms late for that alone.
    monkeypatch.setattr(shell, "QUIET_LAG_SECONDS", 0.05)


async def test_the_other_tabs_are_loaded_and_built_hidden_so_a_first_visit_only_shows_one(
    prefetching: None, session: Session, page: ft.Page, renders: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first screen (Badges) is in; then each other tab loads and is built, one at a time.
    await _settled_until(
        lambda: len(_built_tabs(page)) == len(TABS) and all(session.screen(tab.state).status == "ready" for tab in TABS)
    )
    await _settled()
    tabs = _built_tabs(page)
    assert sorted(str(c.key) for c in tabs) == sorted(TAB_PATHS)  # every tab built ...
    assert [c.key for c in tabs if c.visible] == ["/badges"]  # ... and only the one on screen shown
    asked: list[str] = []
    send = session.client._http.send

    async def counting_send(request: httpx.Request, **kwargs: Any) -> httpx.Response:
        asked.append(f"{request.method} {request.url.path}")
        return await send(request, **kwargs)

    monkeypatch.setattr(session.client._http, "send", counting_send)
    renders.clear()

    await _tap_tab(page, "/rewards")

    assert asked == [], "a first visit within the freshness window asks the API for nothing"
    assert renders["RewardsScreen"] == 0, "the kept screen is shown, not built again"
    assert [c.key for c in _built_tabs(page) if c.visible] == ["/rewards"]


@pytest.fixture
async def busy() -> AsyncIterator[asyncio.Semaphore]:
    """Another session of the process is building its tabs ahead (it holds the turn until the test releases it)."""
    gate = shell._prefetch_gate()
    await gate.acquire()
    yield gate
    if gate.locked():
        gate.release()


async def test_a_session_waits_its_turn_to_build_ahead(
    prefetching: None, busy: asyncio.Semaphore, session: Session, page: ft.Page
) -> None:
    await asyncio.sleep(0.5)
    await _settled()
    assert {c.key for c in _built_tabs(page)} == {"/badges"}, "only the tab on screen while another session builds"
    assert session.screen(RewardsState).status == "idle"

    busy.release()  # the other session's turn is over
    await _settled_until(lambda: len(_built_tabs(page)) == len(TABS))
    assert sorted(str(c.key) for c in _built_tabs(page)) == sorted(TAB_PATHS)


async def test_building_ahead_waits_for_a_quiet_event_loop(
    prefetching_later: None, session: Session, page: ft.Page
) -> None:
    """Other customers' work comes first: while the event loop has callbacks waiting, no tab is built ahead."""
    loop = asyncio.get_running_loop()
    busy_until = loop.time() + 1.2  # from before this session's wait (`prefetching_later`) to well after it

    def hog() -> None:  # another customer's render, again and again: 10 ms of every 10 ms
        started = loop.time()
        while loop.time() - started < 0.01:
            pass
        if loop.time() < busy_until:
            loop.call_soon(hog)

    loop.call_soon(hog)
    await asyncio.sleep(1.0)
    assert {c.key for c in _built_tabs(page)} == {"/badges"}, "nothing built ahead while the loop was busy"

    await _settled_until(lambda: len(_built_tabs(page)) == len(TABS))
    assert sorted(str(c.key) for c in _built_tabs(page)) == sorted(TAB_PATHS), "built once it was quiet"


@pytest.fixture
def browser_gone(monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """Rewards' load waits for the browser (its storage keeps the codes) until the returned event is set."""
    monkeypatch.setattr(shell, "PREFETCH_PATIENCE_SECONDS", 0.2)
    answered = asyncio.Event()
    load = RewardsState.ensure_loaded

    async def waiting_for_the_browser(self: RewardsState) -> None:
        await answered.wait()
        await load(self)

    monkeypatch.setattr(RewardsState, "ensure_loaded", waiting_for_the_browser)
    return answered


async def test_a_tab_whose_load_does_not_end_hands_the_turn_to_build_ahead_on(
    prefetching: None, browser_gone: asyncio.Event, session: Session, page: ft.Page
) -> None:
    """A tab closed just after signing in: Rewards keeps its codes in the browser's storage and waits for the
    browser's answer, which never comes (until the session expires, 5 minutes later). That session held the process's
    turn to build ahead all along, and no other customer's tabs were built ahead (found with `make bench`)."""
    gate = shell._prefetch_gate()
    await _settled_until(lambda: bool(shell._tab_loads) and not gate.locked())
    assert not gate.locked(), "the next session can build ahead"
    assert shell._tab_loads, "Rewards' load goes on ..."
    assert {c.key for c in _built_tabs(page)} == {"/badges", "/"}, "the tabs after Rewards wait for their first visit"

    browser_gone.set()
    await _settled_until(lambda: not shell._tab_loads)
    assert not shell._tab_loads, "... and ends when the browser answers"
    assert session.screen(RewardsState).status == "ready"


@pytest.fixture
def prefetching_later(session: Session) -> None:
    session.prefetch_tabs_after = 0.5  # long enough for the test to close the tab first


async def test_a_closed_tab_builds_nothing_ahead(prefetching_later: None, session: Session, page: ft.Page) -> None:
    """The browser left before its turn to build ahead came (a page closed just after signing in): its session,
    kept for a while in case it comes back, loads nothing and builds nothing."""
    await page.session.disconnect(300)
    await asyncio.sleep(1.0)
    await _settled()
    assert {c.key for c in _built_tabs(page)} == {"/badges"}
    assert session.screen(RewardsState).status == "idle"


async def test_without_prefetching_a_tab_is_built_on_its_first_visit(
    session: Session, page: ft.Page, renders: Counter[str]
) -> None:
    await asyncio.sleep(0.2)
    await _settled()
    keys = {c.key for c in _built_tabs(page)}
    assert keys == {"/badges"} and renders["RewardsScreen"] == 0


async def test_a_crowded_process_builds_nothing_ahead(
    prefetching_later: None, session: Session, page: ft.Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `prefetch_up_to_sessions` sessions in the process, first visits are built on the tap: every session's
    tabs built ahead at once held 1.17 MB per session at 1,000 sessions (docs/capacity.md)."""
    monkeypatch.setattr(shell, "live_sessions", lambda: session.prefetch_up_to_sessions + 1)
    await asyncio.sleep(1.0)
    await _settled()
    assert {c.key for c in _built_tabs(page)} == {"/badges"}
    assert session.screen(RewardsState).status == "idle"


async def test_the_index_holds_every_control_the_client_may_name_and_few_others(
    session: Session, page: ft.Page
) -> None:
    """`index_only_addressable_controls`: after every tab, the session's index holds every input, navigation and
    control with an event handler (the client's events and changes find them without a walk) and not the texts,
    icons and layout around them."""
    walks = flet_fixes.AddressableIndex.walks
    for path in ("/rewards", "/friends", "/challenges", "/"):
        await _tap_tab(page, path)
    assert page.route == "/"

    mounted = _mounted(page)
    held = dict(page.session.index.data)  # type: ignore[attr-defined]
    addressable = [c for c in mounted if flet_fixes._addressable(c)]
    assert any(isinstance(c, ft.TextField) for c in addressable) and any(isinstance(c, ft.Button) for c in addressable)
    assert {c._i for c in addressable} <= set(held)
    assert len(held) < len(mounted) / 4, (len(held), len(mounted))
    assert flet_fixes.AddressableIndex.walks == walks  # no event or change of the walk needed one


async def test_a_client_naming_made_up_ids_gets_a_bounded_number_of_walks(
    session: Session, page: ft.Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An id the index does not hold costs a walk of the page (10-15 ms once every tab is open). A client that sends
    events, property changes or method answers for made-up ids gets `WALK_BURST` walks, then `WALKS_PER_SECOND`;
    past that such an id is not found, and the ids of the page's own controls still are."""
    for path in ("/rewards", "/friends", "/challenges", "/"):
        await _tap_tab(page, path)
    now = [1000.0]
    monkeypatch.setattr(flet_fixes.AddressableIndex, "clock", staticmethod(lambda: now[0]))
    index = page.session.index  # type: ignore[attr-defined]
    assert isinstance(index, flet_fixes.AddressableIndex)
    index._budget, index._budget_at = index.WALK_BURST, now[0]
    field = next(c for c in _mounted(page) if isinstance(c, ft.TextField))
    field_id = field._i
    walked_for: list[int] = []
    find_mounted = flet_fixes._find_mounted

    def counting_walk(root: object, control_id: int) -> object:
        walked_for.append(control_id)
        return find_mounted(root, control_id)

    monkeypatch.setattr(flet_fixes, "_find_mounted", counting_walk)
    flet_walks = 0
    flets_walk = flet_fixes._flet_find_live_control

    def counting_flets_walk(self: object, value: object, control_id: int, parent: object = None, visited=None):  # type: ignore[no-untyped-def]
        nonlocal flet_walks
        flet_walks += visited is None
        return flets_walk(self, value, control_id, parent, visited)

    monkeypatch.setattr(flet_fixes, "_flet_find_live_control", counting_flets_walk)
    refused = flet_fixes.AddressableIndex.refused
    session_ = page.session  # type: ignore[attr-defined]
    made_up = range(10**9, 10**9 + 200)
    for control_id in made_up:
        session_.apply_patch(control_id, {"value": "x"})  # a property change
        await session_.dispatch_event(control_id, "click", None)  # an event: our walk, then Flet's
        with pytest.raises(RuntimeError):
            session_.handle_invoke_method_results(control_id, "call", None, None)  # a method's answer
    assert len(walked_for) + flet_walks == index.WALK_BURST  # 600 messages, 10 walks
    assert flet_fixes.AddressableIndex.refused - refused == len(made_up) * 4 - index.WALK_BURST  # 4 walks asked an id
    assert index.get(field_id) is field and field.value != "x"  # held: no walk needed, and nothing was changed

    now[0] += 1.0  # a second later: 2 more walks
    assert [index.get(i) for i in made_up[:3]] == [None, None, None]
    assert len(walked_for) + flet_walks == index.WALK_BURST + index.WALKS_PER_SECOND
    index.pop(field_id)  # as Flet's diff can report a live control removed
    now[0] += 1.0
    assert index.get(field_id) is field  # found by walking, within the budget


async def test_a_control_its_own_handler_replaced_is_not_walked_for_after_the_handler(flet_as_served: None) -> None:
    """Once a handler has run, Flet looks its control up again (to auto-update it, which components never need).
    A button whose handler swaps it for a text is gone by then: our index answers None, as Flet's did, without a
    walk of the page; a lookup of the same id outside that handler still walks."""

    @ft.component
    def Review() -> ft.Control:
        sent, set_sent = ft.use_state(False)

        async def send() -> None:
            set_sent(True)
            await asyncio.sleep(0.05)  # as a handler awaiting the API: the new render lands meanwhile

        return ft.Text("Gift sent") if sent else ft.Button("Send gift", on_click=send)

    async with _served(lambda page: page.render(Review)) as page:
        flet_session = page.session
        button = next(c for c in _mounted(page) if isinstance(c, ft.Button))
        button_id = button._i
        walks = flet_fixes.AddressableIndex.walks
        await flet_session.dispatch_event(button_id, "click", None)
        await _settled()
        assert any(isinstance(c, ft.Text) and c.value == "Gift sent" for c in _mounted(page))
        assert button_id not in flet_session.index.data  # type: ignore[attr-defined]
        assert flet_fixes.AddressableIndex.walks == walks  # the lookup after the handler did not walk
        assert flet_session.index.get(button_id) is None  # type: ignore[attr-defined]
        assert flet_fixes.AddressableIndex.walks == walks + 1  # any other lookup of an id not held does
