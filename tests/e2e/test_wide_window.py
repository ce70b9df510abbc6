"""A wide browser window: the same app, with the navigation in a rail on the left instead of a bottom bar."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import balance_on_screen, demo_member, nav, open_app, try_the_demo

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

WIDE = {"width": 1280, "height": 800}


async def test_a_wide_window_navigates_with_a_rail(browser: Browser, app_url: str, api: BackendApi) -> None:
    context = await browser.new_context(viewport=WIDE)
    try:
        page = await context.new_page()
        await open_app(page, app_url, "/")
        await try_the_demo(page)
        rail_rewards = page.get_by_role("button", name=re.compile(r"^Rewards Tab 2 of 5$"))
        await expect(rail_rewards).to_be_visible()
        await expect(page.get_by_role("tab", name="Rewards", exact=True)).to_have_count(0)  # no bottom bar
        await nav(page, "Rewards")
        await expect(page.get_by_role("heading", name="Rewards", exact=True)).to_be_visible()
        await expect(page.get_by_role("button", name=re.compile(r"^Redeem ")).first).to_be_visible()
        assert await balance_on_screen(page) == await api.balance(await demo_member(page, api))

        # Narrowed to a phone's width, the bottom bar is back.
        await page.set_viewport_size({"width": 390, "height": 844})
        await expect(page.get_by_role("tab", name="Rewards", exact=True)).to_be_visible()
        await expect(rail_rewards).to_have_count(0)
    finally:
        await context.close()
