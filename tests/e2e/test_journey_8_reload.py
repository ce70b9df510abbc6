"""Journey 8: reloading the page on /rewards keeps the member signed in and on Rewards; a deep link does too."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import (
    DEMO_PASSWORD,
    balance_on_screen,
    button,
    enable_semantics,
    nav,
    nav_item,
    open_app,
    open_signed_in,
    reload,
    type_into,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MEMBER = "grace@example.com"


async def _expect_on_rewards(page: Page, api: BackendApi) -> None:
    await expect(page).to_have_url(re.compile(r"/rewards$"))
    await expect(nav_item(page, "Rewards")).to_have_attribute("aria-selected", "true")
    await expect(button(page, re.compile(r"^Redeem ")).first).to_be_visible()
    await expect(button(page, "Sign in")).to_have_count(0)
    assert await balance_on_screen(page) == await api.balance(MEMBER)


async def test_reload_on_rewards_keeps_the_member_signed_in(page: Page, app_url: str, api: BackendApi) -> None:
    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Rewards")
    await _expect_on_rewards(page, api)

    await reload(page)
    await _expect_on_rewards(page, api)

    # A deep link typed into the same tab lands on the same screen, still signed in.
    await open_app(page, app_url, "/rewards")
    await _expect_on_rewards(page, api)


async def test_a_deep_link_signed_out_returns_there_after_sign_in(page: Page, app_url: str, api: BackendApi) -> None:
    await open_app(page, app_url, "/rewards")
    await expect(button(page, "Sign in")).to_be_visible()
    await type_into(page, page.get_by_role("textbox", name="Email"), MEMBER)
    await type_into(page, page.get_by_role("textbox", name="Password"), DEMO_PASSWORD)
    await button(page, "Sign in").click()
    await _expect_on_rewards(page, api)


async def test_tabs_and_the_browser_history_stay_in_step(page: Page, app_url: str, api: BackendApi) -> None:
    """A tapped tab shows before the URL follows (app/views/shell.py); the URL, Back and Forward still agree with it."""
    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Rewards")
    await _expect_on_rewards(page, api)
    await nav(page, "Home")
    await expect(page).to_have_url(re.compile(r"/$"))
    await expect(nav_item(page, "Home")).to_have_attribute("aria-selected", "true")
    await expect(button(page, re.compile(r"^Redeem "))).to_have_count(0)

    await page.go_back()  # to /rewards: the tab tapped earlier from "/" must not come back by itself
    await _expect_on_rewards(page, api)
    await page.go_back()
    await expect(page).to_have_url(re.compile(r"/$"))
    await expect(nav_item(page, "Home")).to_have_attribute("aria-selected", "true")
    await expect(button(page, re.compile(r"^Redeem "))).to_have_count(0)
    await page.go_forward()
    await _expect_on_rewards(page, api)


async def _thrown_in_the_page(page: Page, error: str) -> None:
    """An uncaught error in the page, as the web client's own code would raise it (a WebAssembly trap is a
    `WebAssembly.RuntimeError`)."""
    await page.evaluate(f"setTimeout(() => {{ throw new {error}; }}, 0)")


async def _still_the_same_page(page: Page) -> bool:
    await page.wait_for_timeout(1500)  # a reload starts at once: the page's own mark would be gone by now
    return bool(await page.evaluate("window.starboardTestMark === true"))


async def test_a_web_client_stopped_by_a_trap_reloads_itself_once_back_on_the_same_screen(
    page: Page, app_url: str, api: BackendApi
) -> None:
    """A trap in the web client's WebAssembly left a journey's screen blank and frozen (assets/pwa/recover.js)."""
    warnings: list[str] = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Rewards")
    await _expect_on_rewards(page, api)
    await page.evaluate("window.starboardTestMark = true")

    await _thrown_in_the_page(page, "Error('an ordinary script error')")
    assert await _still_the_same_page(page), "an ordinary error leaves the client running: no reload"

    async with page.expect_navigation(timeout=15_000):
        await _thrown_in_the_page(page, "WebAssembly.RuntimeError('null function')")
    await enable_semantics(page)  # as after any load of the page (tests/e2e/screens.py)
    await _expect_on_rewards(page, api)  # signed in, on the same screen, from the browser's storage
    assert await page.evaluate("window.starboardTestMark === undefined"), "the page was loaded again"

    await page.evaluate("window.starboardTestMark = true")
    await _thrown_in_the_page(page, "WebAssembly.RuntimeError('table index is out of bounds')")
    assert await _still_the_same_page(page), "a second trap within the minute does not reload again (no loop)"
    assert any("not reloading" in text for text in warnings), warnings
