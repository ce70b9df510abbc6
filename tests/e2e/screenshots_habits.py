"""`python -m tests.e2e.screenshots_habits`: 390x844 shots of the Inbox, the Offers and Home with a goal, light and
dark (issue 15), saved as `screenshots/<scheme>-<name>.png` like `tests.e2e.screenshots` does for every screen.

Starts its own mock backend and app; as Ada: the inbox (after a friend's gift, so it holds a message), the offers
(one activated), and Home with a goal set on Rewards (one not reached yet).
"""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from typing import Literal

import httpx
from playwright.async_api import Browser, async_playwright, expect

from tests.e2e import screens
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.e2e.screenshots import OUT, _set_dark_mode, _settled_screenshot
from tests.support import servers
from tests.support.demo import ADA, DEMO_PASSWORD, GRACE


async def _prepare(backend_url: str) -> str:
    """A gift from Grace to Ada with a message; returns the name of the reward Ada will set as her goal."""
    async with httpx.AsyncClient(base_url=backend_url) as http:

        async def bearer(email: str) -> dict[str, str]:
            r = await http.post("/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD})
            return {"Authorization": f"Bearer {r.json()['access_token']}"}

        grace, ada = await bearer(GRACE), await bearer(ADA)
        ada_id = next(
            f["id"] for f in (await http.get("/v1/me/friends", headers=grace)).json() if f["name"].startswith("Ada")
        )
        body = {"friend_id": ada_id, "stars": 20, "message": "Happy Monday! Coffee's on me"}
        await http.post("/v1/me/gifts", json=body, headers={**grace, "Idempotency-Key": uuid.uuid4().hex})
        balance = (await http.get("/v1/me/summary", headers=ada)).json()["balance"]
        rewards = (await http.get("/v1/rewards", headers=ada)).json()
        return (
            next(r["name"] for r in sorted(rewards, key=lambda r: r["cost"]) if r["cost"] > balance)
            if any(r["cost"] > balance for r in rewards)
            else rewards[-1]["name"]
        )


async def shoot(browser: Browser, app_url: str, scheme: Literal["light", "dark"], goal: str) -> None:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        await screens.sign_in(page, ADA)
        await _set_dark_mode(page, scheme == "dark")
        await page.get_by_role("button", name=re.compile(r"^Inbox, \d+ unread$")).click()
        await expect(screens.button(page, "Mark all read")).to_be_visible()
        await page.mouse.move(2, VIEWPORT["height"] // 2)
        await _settled_screenshot(page, OUT / f"{scheme}-inbox.png")
        await screens.nav(page, "Home")
        await screens.button(page, "Offers").click()
        await expect(screens.button(page, re.compile(r"^Activate ")).first).to_be_visible()
        activated = screens.shown(page, "Activated: it applies to your next qualifying visit")
        for _ in range(3):  # a tap right as the screen renders can be lost: tap again until it shows
            activate = screens.button(page, "Activate Double Star Day")
            if await activate.count():
                await activate.click()
            try:
                await expect(activated).to_be_visible(timeout=3000)
                break
            except AssertionError:
                continue
        await expect(activated).to_be_visible()
        await page.mouse.move(2, VIEWPORT["height"] // 2)
        await _settled_screenshot(page, OUT / f"{scheme}-offers.png")
        await screens.nav(page, "Rewards")
        await expect(screens.button(page, re.compile(r"^Redeem ")).first).to_be_visible()
        set_goal = screens.button(page, f"Set {goal} as my goal")
        if await set_goal.count():
            await (await screens.reveal(page, set_goal)).click()
        await expect(screens.button(page, f"Remove {goal} as my goal")).to_be_attached()
        await screens.nav(page, "Home")
        await expect(page.get_by_role("progressbar", name=re.compile(r"^Your goal: "))).to_be_visible()
        await page.mouse.move(2, VIEWPORT["height"] // 2)
        await _settled_screenshot(page, OUT / f"{scheme}-home-goal.png")
    finally:
        await context.close()


async def main_async() -> int:
    OUT.mkdir(exist_ok=True)
    with servers.starboard() as (backend, app):
        goal = await _prepare(backend.url)
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_options())
            try:
                for scheme in ("light", "dark"):
                    await shoot(browser, app.url, scheme, goal)
            finally:
                await browser.close()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main_async()))
