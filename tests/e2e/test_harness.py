"""The harness on its own: a bare Flet counter page served offline, found by role and name in Chromium."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Page, expect

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
    from tests.e2e import conftest

    monkeypatch.setattr(conftest, "TEST_TIME_LIMIT_S", 0.05)

    async def hangs() -> None:
        await asyncio.Event().wait()  # a Playwright call that never returns

    async def times_out() -> None:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)

    with pytest.raises(pytest.fail.Exception, match="still running after 0.05 s"):
        await conftest._time_limited(hangs)()
    with pytest.raises(TimeoutError):
        await conftest._time_limited(times_out)()
