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
