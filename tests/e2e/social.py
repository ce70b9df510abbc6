"""Steps shared by the social journeys and screenshots (Star Pool, Leaderboard, Gift someone new)."""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect

from tests.e2e import screens
from tests.e2e.browsing import VIEWPORT


async def bring(page: Page, target: Locator) -> Locator:
    """Scroll until `target` is on screen above the navigation bar (Flutter keeps a margin of off-screen nodes in
    its semantics tree, which a click cannot reach)."""
    await screens.reveal(page, target)
    for _ in range(12):
        box = await target.bounding_box()
        if box is not None and 60 <= box["y"] and box["y"] + box["height"] <= VIEWPORT["height"] - 100:
            return target
        await page.mouse.move(VIEWPORT["width"] / 2, VIEWPORT["height"] / 2)
        down = box is None or box["y"] > VIEWPORT["height"] / 2
        await page.mouse.wheel(0, 200 if down else -200)
        await expect(target).to_be_attached()
    return target


async def tap(page: Page, target: Locator) -> None:
    await (await bring(page, target)).click()


async def type_in(page: Page, name: str, value: str) -> None:
    field = page.get_by_role("textbox", name=name)
    await bring(page, field)
    await screens.type_into(page, field, value)


async def create_pool(page: Page, name: str, goal: str, invite: str) -> None:
    """In the Star Pool section: open the form, name the pool, choose its goal and one friend, start it."""
    await tap(page, screens.button(page, "Create a pool"))
    await type_in(page, "Pool name", name)
    await tap(page, screens.button(page, "Goal reward none chosen"))
    await screens.button(page, re.compile(rf"^{re.escape(goal)} \(")).click()
    await tap(page, page.get_by_role("checkbox", name=invite))
    await tap(page, screens.button(page, "Start the pool"))


async def give(page: Page, pool: str, stars: int) -> None:
    await type_in(page, f"Stars to give to {pool}", str(stars))
    await tap(page, screens.button(page, "Give"))
