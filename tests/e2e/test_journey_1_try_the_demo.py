"""Journey 1: "Try the demo" lands on Home with the balance, the tier and the next-reward progress of this browser's
own demo member (a copy of Ada's story), exactly as the API's summary has them."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from app.state import DEMO_EMAIL
from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import (
    balance_on_screen,
    demo_member,
    expect_progress,
    nav_item,
    open_app,
    progressbar,
    shown,
    stars_text,
    try_the_demo,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_try_the_demo_shows_the_members_summary(page: Page, app_url: str, api: BackendApi) -> None:
    await open_app(page, app_url, "/")
    await try_the_demo(page)

    member = await demo_member(page, api)
    assert member != DEMO_EMAIL  # a member of its own, not Ada's account
    summary = await api.summary(member)
    await expect(nav_item(page, "Home")).to_have_attribute("aria-selected", "true")
    await expect(shown(page, stars_text(summary.balance))).to_be_visible()
    assert await balance_on_screen(page) == summary.balance
    await expect(shown(page, summary.tier.tier)).to_be_visible()
    tier = summary.tier
    assert tier.next_tier is not None and tier.next_tier_threshold is not None, "the demo member is not at the top"
    # Progress bars are named with what they mean, not only a number.
    tier_bar = f"{tier.qualifying_stars:,} of {tier.next_tier_threshold:,} qualifying Stars to {tier.next_tier}"
    await expect_progress(progressbar(page, tier_bar), tier.progress)
    reward = summary.next_reward
    assert reward is not None and reward.reward_name, "the demo member should have a next reward to aim for"
    reward_bar = f"{reward.cost - reward.stars_missing:,} of {reward.cost:,} Stars to {reward.reward_name}"
    await expect_progress(progressbar(page, reward_bar), reward.progress)
    # It is the demo member's Home: greeted by their first name.
    first_name = summary.name.split()[0]
    await expect(shown(page, re.compile(rf"\b{re.escape(first_name)}\b", re.MULTILINE))).to_be_visible()
