"""Journey 2: the Badges screen lists every badge by name, earned and locked, and a locked badge shows its progress,
exactly as the API has them for that member."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import button, expect_progress, nav, open_signed_in, progressbar, reveal, shown

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MEMBER = "alan@example.com"


async def test_badges_show_earned_and_locked_with_progress(page: Page, app_url: str, api: BackendApi) -> None:
    badges = await api.badges(MEMBER)
    earned = [b for b in badges if b.earned_at is not None]
    locked = [b for b in badges if b.earned_at is None]
    assert earned and locked, f"{MEMBER} should have both earned and locked badges"

    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Badges")

    await expect(shown(page, f"{len(earned)} of {len(badges)} badges earned")).to_be_visible()
    # Earned badges come first, then the locked ones: scroll down through them in that order.
    for badge in earned:
        await reveal(page, button(page, re.compile(rf"^{re.escape(badge.name)}, earned\b")))
    for badge in locked:
        # Counts are written the member's way ("235 of 2,500"), as every number in the app.
        progress, target = f"{badge.progress:,}", f"{badge.target:,}"
        tile = button(page, re.compile(rf"^{re.escape(badge.name)}, locked, {progress} of {target}\b"))
        await reveal(page, tile)
        bar = progressbar(tile, f"{badge.name}: {progress} of {target} done")
        await expect_progress(bar, badge.progress / badge.target)
