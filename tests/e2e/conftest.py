"""Fixtures for the real-browser journeys.

Session scope: the mock backend (`python -m app.mock_backend`) on a free loopback port, the app (`python -m app`)
on another one pointed at it, and one headless Chromium (Playwright async API, on pytest-asyncio's session loop).
Function scope: a fresh browser context per test (390x844), and on failure a screenshot of every open page plus
the browser console log in `test-artifacts/`. Servers run in their own process groups and are killed at the end of
the session, also when a test fails.

Why async: Playwright's sync API marks the main thread's event loop as running for as long as it lives, which
breaks every pytest-asyncio test collected after the journeys in the same run.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, async_playwright, expect

from tests.conftest import STARTED_AGAIN_PROPERTY
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import VIEWPORT, is_trap, launch_options
from tests.support import servers

EXPECT_TIMEOUT_MS = 10_000
ACTION_TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 30_000
TEST_TIME_LIMIT_S = 300.0
"""A journey still running after this long has hung (the longest take about a minute): it fails with its artifacts
and the run goes on. Some Playwright calls have no timeout of their own (a key press or a wheel step waits for the
renderer to acknowledge it)."""
RENDERER_CHECK_EVERY_S = 5.0
RENDERER_ANSWER_TIMEOUT_S = 10.0
"""A page whose renderer does not run a trivial script within this long has stopped answering: a healthy one answers
in milliseconds, and in under a second while Flutter builds its first frame on a busy 2-core machine."""
CLOSE_TIMEOUT_S = 30.0

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_PAGES = pytest.StashKey["_Pages"]()
STARTED_AGAIN: list[str] = []
"""Journeys started again after a hung renderer or a trapped web client, in this process (a pytest-xdist worker);
their reports carry them to the end of the run (tests/conftest.py)."""


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item so fixtures can tell, at teardown, whether the test failed."""
    report: pytest.TestReport = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    if report.when == "call":  # the report reaches the main process under pytest-xdist, this list does not
        mine = f"{item.nodeid}: "
        report.user_properties += [(STARTED_AGAIN_PROPERTY, line) for line in STARTED_AGAIN if line.startswith(mine)]
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """Every journey runs under `_guarded` (pytest-asyncio reads `item.obj` when it runs the test)."""
    test = getattr(item, "obj", None)
    if inspect.iscoroutinefunction(test) and not hasattr(test, "guarded"):
        item.obj = _guarded(test, item.stash.get(_PAGES, None), item.nodeid, item.name)  # type: ignore[attr-defined]


def _guarded(
    test: Callable[..., Awaitable[None]], pages: _Pages | None, name: str = "test", stem: str | None = None
) -> Callable[..., Awaitable[None]]:
    """The journey, stopped as hung after `TEST_TIME_LIMIT_S`, or as soon as one of its pages' renderers stops
    answering; then started once more from the beginning in fresh browser contexts (its first attempt's artifacts
    are kept with "-hung" in their names).

    Why a second attempt: a Chromium renderer sometimes spins (two cores busy) and answers nothing more, on the
    sign-in screen that every journey opens: in two CI runs so far (about a hundred sign-ins each), not once in 250
    sign-ins in a row on this machine (`screens.open_signed_in` in a loop of fresh contexts), and the app's server
    saw nothing from that page after it connected. A journey that failed after its web client stopped on a
    WebAssembly trap is started again too: Flutter's client died on opening Profile once in a local run ("null
    function", then "table index is out of bounds"), its screen blank though the app had sent it. The page reloads
    itself then (assets/pwa/recover.js), as a customer's would, but a journey loses the semantics tree it enabled
    (`screens.enable_semantics`) and any dialog it had open. A journey that hangs twice, or fails any other way,
    fails; every journey started again is listed at the end of the run. `name` is its node id, `stem` names its
    artifacts (the test's name, without the module's path)."""

    @functools.wraps(test)
    async def guarded(*args: object, **kwargs: object) -> None:
        why = await _attempt(test, args, kwargs, pages)
        if why is None:
            return
        if pages is None:
            pytest.fail(why)
        STARTED_AGAIN.append(f"{name}: {why}")
        await pages.start_over(f"{stem or name}-hung", kwargs)
        why_again = await _attempt(test, args, kwargs, pages)
        if why_again is not None:
            pytest.fail(f"{why_again} (the first attempt too: {why})")

    guarded.guarded = True  # type: ignore[attr-defined]
    return guarded


async def _attempt(
    test: Callable[..., Awaitable[None]], args: tuple[object, ...], kwargs: dict[str, object], pages: _Pages | None
) -> str | None:
    """Run the journey once: None when it passes, why it hung, or its own failure raised."""
    run = asyncio.ensure_future(test(*args, **kwargs))
    watch = asyncio.ensure_future(pages.first_hung_page() if pages is not None else asyncio.Event().wait())
    try:
        done, _ = await asyncio.wait({run, watch}, timeout=TEST_TIME_LIMIT_S, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
        run.cancel()
        await asyncio.wait({run, watch}, timeout=CLOSE_TIMEOUT_S)  # the journey's own clean-up may wait on a page
    if run in done:
        error = run.exception()
        if error is None:
            return None
        hung = await pages.hung_page() if pages is not None else None
        if hung is not None:
            return f"failed ({type(error).__name__}) with the renderer of {hung!r} not answering"
        trapped = pages.trapped_page() if pages is not None else None
        if trapped is not None:
            return f"failed ({type(error).__name__}) after the web client of {trapped} stopped on a WebAssembly trap"
        raise error
    if watch in done:
        return f"stopped: the renderer of {watch.result()!r} did not answer for {RENDERER_ANSWER_TIMEOUT_S:g} s"
    return f"still running after {TEST_TIME_LIMIT_S:g} s: stopped as hung"


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S.%f")[:-3]


def _failed(item: pytest.Item) -> bool:
    return any(r.failed for r in item.stash.get(_REPORTS, {}).values())


# ---------------------------------------------------------------- servers


@pytest.fixture(scope="session")
def backend() -> Iterator[servers.Server]:
    """The mock loyalty API over real HTTP. Its state is in memory: a restart reseeds the demo data. With its test
    fault switch (`--faults`): a test can make it hang and come back (`BackendApi.hang`)."""
    server = servers.backend_server("--faults")
    with servers.running(server):
        yield server


@pytest.fixture
def restartable_backend(backend: servers.Server) -> Iterator[servers.Server]:
    """The session's backend, for a test that stops and restarts it (same port); always left running."""
    yield backend
    if not backend.running:
        backend.start()


@pytest.fixture(scope="session")
def app(backend: servers.Server) -> Iterator[servers.Server]:
    """The Starboard web app, pointed at the session's backend."""
    server = servers.app_server(backend.url)
    with servers.running(server):
        yield server


@pytest.fixture(scope="session")
def app_url(app: servers.Server) -> str:
    return app.url


@pytest.fixture(scope="session")
def bare_app() -> Iterator[servers.Server]:
    """The bare Flet counter page (no backend): verifies the harness itself."""
    server = servers.bare_server()
    with servers.running(server):
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def api(backend: servers.Server) -> AsyncIterator[BackendApi]:
    """Direct HTTP access to the backend, to read what it holds as a given member."""
    async with BackendApi(backend.url) as client:
        yield client


# ---------------------------------------------------------------- browser


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    async with async_playwright() as p:
        yield p


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser(playwright: Playwright) -> AsyncIterator[Browser]:
    # Fails (loudly) when Chromium is missing: CI must always run the journeys.
    browser = await playwright.chromium.launch(**launch_options())
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield browser
    await browser.close()


@dataclass
class _Pages:
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    console: dict[int, list[str]] = field(default_factory=dict)
    hung: set[int] = field(default_factory=set)
    """Pages found not answering: no screenshot or accessibility tree is asked of them (each would time out)."""
    traps: dict[int, str] = field(default_factory=dict)
    """Pages whose web client stopped on a WebAssembly trap (a `RuntimeError` in the page), with the first one."""

    async def new_page(self, label: str | None = None, *, same_device_as: Page | None = None) -> Page:
        """A page in a fresh context, or a new tab next to `same_device_as` (sharing its storage)."""
        if same_device_as is not None:
            context = same_device_as.context
        else:
            context = await self.browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
            self.contexts.append(context)
        page = await context.new_page()
        self.labels[id(page)] = label or f"page{len(self.labels) + 1}"
        log = self.console.setdefault(id(page), [])

        def on_console(msg: ConsoleMessage) -> None:
            log.append(f"{_now()} [{msg.type}] {msg.text}")

        page.on("console", on_console)

        def on_page_error(exc: Exception) -> None:
            log.append(f"{_now()} [pageerror] {exc}")
            if is_trap(exc):
                self.traps.setdefault(id(page), str(exc))

        page.on("pageerror", on_page_error)
        page.on(
            "framenavigated",
            lambda frame: log.append(f"{_now()} [navigated] {frame.url}") if frame.parent_frame is None else None,
        )
        return page

    async def hung_page(self) -> str | None:
        """The label of a page whose renderer does not answer within `RENDERER_ANSWER_TIMEOUT_S`, if any."""
        for context in list(self.contexts):
            for page in list(context.pages):
                try:
                    await asyncio.wait_for(page.evaluate("0"), RENDERER_ANSWER_TIMEOUT_S)
                except TimeoutError:
                    self.hung.add(id(page))
                    return self.labels.get(id(page), "page")
                except Exception:
                    pass  # closed, or navigating: not hung
        return None

    def trapped_page(self) -> str | None:
        """A page whose web client stopped on a WebAssembly trap, if any: its label and the trap."""
        for context in self.contexts:
            for page in context.pages:
                if id(page) in self.traps:
                    return f"{self.labels.get(id(page), 'page')!r} ({self.traps[id(page)]})"
        return None

    async def first_hung_page(self) -> str:
        """Checks the pages every `RENDERER_CHECK_EVERY_S` until one stops answering; returns its label."""
        while True:
            await asyncio.sleep(RENDERER_CHECK_EVERY_S)
            hung = await self.hung_page()
            if hung is not None:
                return hung

    async def start_over(self, artifacts_name: str, kwargs: dict[str, object]) -> None:
        """Keep the artifacts of every page, close them all, and give the journey a fresh `page` if it has one."""
        await self.save_artifacts(artifacts_name)
        await self.close()
        self.contexts.clear()
        self.hung.clear()  # closed now; their ids may be a new page's
        self.traps.clear()
        if "page" in kwargs:
            kwargs["page"] = await self.new_page("page")

    async def save_artifacts(self, test_name: str) -> None:
        servers.ARTIFACTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", test_name)
        for context in self.contexts:
            for page in context.pages:
                base = servers.ARTIFACTS / f"{stem}-{self.labels.get(id(page), 'page')}"
                if id(page) in self.hung:
                    tree = "(none: the page's renderer stopped answering)"
                else:
                    try:
                        await page.screenshot(path=f"{base}.png")
                    except Exception as e:  # the page may be gone; the console log is still worth keeping
                        base.with_suffix(".screenshot-error.txt").write_text(repr(e))
                    try:
                        tree = await page.locator("body").aria_snapshot(timeout=5_000)
                    except Exception as e:
                        tree = f"(no accessibility tree: {e!r})"
                lines = [
                    f"saved at: {datetime.now().astimezone().isoformat(timespec='milliseconds')}",
                    f"url: {page.url}",
                    "--- console:",
                    *self.console.get(id(page), []),
                    "--- accessibility tree:",
                    tree,
                ]
                base.with_suffix(".console.log").write_text("\n".join(lines) + "\n")

    async def save_last_screens(self, test_name: str) -> None:
        """Each page's last screen after a passing journey (test-artifacts/last-screens/), to look at."""
        folder = servers.ARTIFACTS / "last-screens"
        folder.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", test_name)
        for context in self.contexts:
            for page in context.pages:
                with contextlib.suppress(Exception):  # best effort: a passing test never fails for its picture
                    await page.screenshot(path=str(folder / f"{stem}-{self.labels.get(id(page), 'page')}.png"))

    async def close(self) -> None:
        for context in self.contexts:
            try:
                # A renderer that stopped answering must not hold the run here either (see TEST_TIME_LIMIT_S).
                await asyncio.wait_for(context.close(), CLOSE_TIMEOUT_S)
            except Exception:
                pass


@pytest_asyncio.fixture(loop_scope="session")
async def new_page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Callable[..., Awaitable[Page]]]:
    """Factory: `await new_page("grace")` opens a page in a fresh context (its own cookies and storage);
    `await new_page("later", same_device_as=page)` opens another tab of the same browser profile."""
    pages = _Pages(browser)
    request.node.stash[_PAGES] = pages
    yield pages.new_page
    if _failed(request.node):
        await pages.save_artifacts(request.node.name)
    else:
        await pages.save_last_screens(request.node.name)
    await pages.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(new_page: Callable[..., Awaitable[Page]]) -> Page:
    """A page in a fresh 390x844 browser context."""
    return await new_page("page")
