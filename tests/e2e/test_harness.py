"""The harness on its own: a bare Flet counter page served offline, found by role and name in Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, expect

from tests.e2e import conftest
from tests.e2e.screens import button, open_app, text
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_bare_counter_counts_taps(page: Page, bare_app: servers.Server) -> None:
    await open_app(page, bare_app.url)
    await expect(text(page, "0 stars")).to_be_visible()
    for n in range(1, 4):
        await button(page, "Add star").click()
        await expect(text(page, f"{n} stars")).to_be_visible()
    assert page.viewport_size == {"width": 390, "height": 844}


async def test_a_double_click_is_two_taps(page: Page, bare_app: servers.Server) -> None:
    """Journeys use `dblclick()` to tap twice quickly; this proves a Flet button really receives both taps."""
    await open_app(page, bare_app.url)
    await expect(text(page, "0 stars")).to_be_visible()
    await button(page, "Add star").dblclick()
    await expect(text(page, "2 stars")).to_be_visible()


async def test_a_journey_that_hangs_fails_after_the_time_limit_and_its_own_timeouts_stay_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conftest, "TEST_TIME_LIMIT_S", 0.05)

    async def hangs() -> None:
        await asyncio.Event().wait()  # a Playwright call that never returns

    async def times_out() -> None:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)

    with pytest.raises(pytest.fail.Exception, match="still running after 0.05 s"):
        await conftest._guarded(hangs, None)()
    with pytest.raises(TimeoutError):
        await conftest._guarded(times_out, None)()


SPIN = "setTimeout(() => { for (;;) {} }, 0)"
"""Makes the page's renderer spin and answer nothing more, as a Chromium renderer sometimes does on its own."""


@pytest.fixture
def quick_renderer_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(conftest, "RENDERER_CHECK_EVERY_S", 0.1)
    monkeypatch.setattr(conftest, "RENDERER_ANSWER_TIMEOUT_S", 1.0)
    started_again: list[str] = []
    monkeypatch.setattr(conftest, "STARTED_AGAIN", started_again)
    return started_again


@pytest_asyncio.fixture(loop_scope="session")
async def own_pages(browser: Browser) -> AsyncIterator[conftest._Pages]:
    """Pages of the test's own (not the `new_page` fixture's, which the test's own guard watches)."""
    pages = conftest._Pages(browser)
    yield pages
    await pages.close()


def _breaks_once(
    bare_app: servers.Server, pages: list[Page], breaks: Callable[[Page], Awaitable[None]]
) -> Callable[[Page], Awaitable[None]]:
    """A counter journey whose first attempt `breaks` its page; every attempt's page is added to `pages`."""

    async def journey(page: Page) -> None:
        pages.append(page)
        await open_app(page, bare_app.url)
        await expect(text(page, "0 stars")).to_be_visible()
        if len(pages) == 1:
            await breaks(page)
        await button(page, "Add star").click()
        await expect(text(page, "1 stars")).to_be_visible()

    return journey


async def test_a_journey_whose_renderer_stops_answering_is_started_again_in_a_fresh_browser_context(
    quick_renderer_checks: list[str], own_pages: conftest._Pages, bare_app: servers.Server
) -> None:
    pages: list[Page] = []

    async def spin(page: Page) -> None:
        await page.evaluate(SPIN)
        await page.keyboard.press("Tab")  # waits for the renderer's acknowledgement: forever

    first = await own_pages.new_page("page")
    await conftest._guarded(_breaks_once(bare_app, pages, spin), own_pages, "journey")(page=first)

    assert len(pages) == 2 and pages[1] is not first
    assert first.is_closed()
    assert quick_renderer_checks == ["journey: stopped: the renderer of 'page' did not answer for 1 s"]


async def test_a_journey_whose_renderer_stops_answering_twice_fails(
    quick_renderer_checks: list[str], own_pages: conftest._Pages, bare_app: servers.Server
) -> None:
    async def journey(page: Page) -> None:
        await open_app(page, bare_app.url)
        await page.evaluate(SPIN)
        await button(page, "Add star").click()  # times out (15 s) unless the renderer is found hung first

    guarded = conftest._guarded(journey, own_pages, "journey")
    with pytest.raises(pytest.fail.Exception, match=r"did not answer for 1 s \(the first attempt too: stopped"):
        await guarded(page=await own_pages.new_page("page"))
    assert len(quick_renderer_checks) == 1


async def test_a_journey_that_fails_after_its_web_client_stopped_on_a_trap_is_started_again(
    quick_renderer_checks: list[str], own_pages: conftest._Pages, bare_app: servers.Server
) -> None:
    pages: list[Page] = []

    async def trap(page: Page) -> None:
        await page.evaluate("setTimeout(() => { throw new WebAssembly.RuntimeError('null function'); }, 0)")
        await page.wait_for_timeout(200)  # the page's error event reaches Playwright
        raise AssertionError("the screen stayed blank")  # what the journey that met one saw

    async def fails() -> None:
        page = await own_pages.new_page("other")
        await open_app(page, bare_app.url)
        raise AssertionError("a failure of the journey's own")

    first = await own_pages.new_page("page")
    await conftest._guarded(_breaks_once(bare_app, pages, trap), own_pages, "journey")(page=first)

    assert len(pages) == 2 and first.is_closed()
    assert quick_renderer_checks == [
        "journey: failed (AssertionError) after the web client of 'page' (null function) stopped on a WebAssembly trap"
    ]
    with pytest.raises(AssertionError, match="of the journey's own"):  # no trap: not started again
        await conftest._guarded(fails, own_pages, "fails")()
