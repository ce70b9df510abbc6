"""`python -m tests.e2e.habits_screenshots`: Home's streak and daily game, and the badges, at 390x844, light and dark.

Starts the mock backend (with a movable clock) and the app on free loopback ports, signs in as Ada, and saves
`screenshots/habits-<scheme>-<name>.png`: Home scrolled to the streak, the game before and after the card is played,
the badge grid (earned, then locked) and an earned badge's detail (with "Share this badge"); then moves the backend's
clock two weeks on (a freeze keeps the streak) and three more (the streak ends). Each shot waits for a known element.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from pathlib import Path
from typing import Literal

from playwright.async_api import Browser, Page, async_playwright, expect

from tests.e2e import screens
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.e2e.screenshots import OUT, _go, _set_dark_mode, _settled_screenshot
from tests.support import servers

STREAK = re.compile(r"^Visit streak: ", re.MULTILINE)


async def _scroll_to(page: Page, name: re.Pattern[str] | str, role: str | None = None) -> None:
    """Scroll Home with the mouse wheel until the element is in the top half of the window."""
    target = screens.button(page, name).first if role == "button" else screens.shown(page, name)
    await expect(target).to_be_attached()
    for _ in range(30):
        box = await target.bounding_box()
        if box is not None and 60 <= box["y"] <= VIEWPORT["height"] / 2:
            return
        await page.mouse.move(VIEWPORT["width"] / 2, VIEWPORT["height"] / 2)
        step = 150 if box is None or box["y"] > VIEWPORT["height"] / 2 else -150
        await page.mouse.wheel(0, step)
        await asyncio.sleep(0.1)  # let the scroll land before measuring again, not a wait for readiness


async def _changed_then_settled(page: Page, before: bytes, path: Path, timeout: float = 10.0) -> None:
    """Wait until the window no longer shows `before` (the semantics tree can be ahead of the paint), then settle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and await page.screenshot() == before:
        await asyncio.sleep(0.15)  # poll interval between two frames, not a wait for readiness
    await _settled_screenshot(page, path)


async def shoot(browser: Browser, app_url: str, scheme: Literal["light", "dark"]) -> None:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        await screens.sign_in(page, "ada@example.com")
        await _set_dark_mode(page, scheme == "dark")
        await _go(page, "/")
        await expect(screens.shown(page, STREAK)).to_be_visible()
        await _scroll_to(page, STREAK)
        await _settled_screenshot(page, OUT / f"habits-{scheme}-home-streak.png")
        play = screens.button(page, "Play today's game")
        await _scroll_to(page, "Play today's game", role="button")
        await _settled_screenshot(page, OUT / f"habits-{scheme}-game.png")
        if scheme == "light":
            await play.click()
            await expect(screens.shown(page, re.compile(r"^You won \d+ Stars"))).to_be_visible()
            # The first play earns the "Lucky dip" badge: its celebration comes up over Home; close it.
            nice = screens.button(page, "Nice!")
            await expect(nice).to_be_visible()
            await nice.click()
            await expect(nice).to_have_count(0)
            await _settled_screenshot(page, OUT / f"habits-{scheme}-game-played.png")
        before = await page.screenshot()
        await _go(page, "/badges")
        first_earned = page.get_by_role("button", name=re.compile(r", earned$")).first
        await expect(first_earned).to_be_visible()
        await _changed_then_settled(page, before, OUT / f"habits-{scheme}-badges.png")
        before = await page.screenshot()
        await _scroll_to(page, re.compile(r", locked, "), role="button")
        await _changed_then_settled(page, before, OUT / f"habits-{scheme}-badges-locked.png")
        await first_earned.click()
        await expect(screens.button(page, "Share this badge")).to_be_visible()
        await _settled_screenshot(page, OUT / f"habits-{scheme}-badge-detail.png")
    finally:
        await context.close()


async def shoot_streak(browser: Browser, app_url: str, scheme: Literal["light", "dark"], name: str) -> None:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        await screens.sign_in(page, "ada@example.com")
        await _set_dark_mode(page, scheme == "dark")
        await _go(page, "/")
        await expect(screens.shown(page, STREAK)).to_be_visible()
        await _scroll_to(page, STREAK)
        await _settled_screenshot(page, OUT / f"habits-{scheme}-{name}.png")
    finally:
        await context.close()


async def main_async() -> int:
    OUT.mkdir(exist_ok=True)
    started = time.monotonic()
    backend = servers.backend_server("--movable-clock", keep_state=False)
    with servers.running(backend):
        app = servers.app_server(backend.url)
        with servers.running(app):
            async with async_playwright() as p:
                browser = await p.chromium.launch(**launch_options())
                try:
                    for scheme in ("light", "dark"):
                        await shoot(browser, app.url, scheme)  # type: ignore[arg-type]
                    # Two weeks on without a visit: a freeze kept the first missed week, the second one is open.
                    async with BackendApi(backend.url) as api:
                        moved = await api.request("ada@example.com", "POST", "/v1/demo/clock", json={"days": 14})
                        moved.raise_for_status()
                    for scheme in ("light", "dark"):
                        await shoot_streak(browser, app.url, scheme, "streak-after-a-missed-week")  # type: ignore[arg-type]
                    # Two more weeks: the last freeze covers one, the next one ends the streak.
                    async with BackendApi(backend.url) as api:
                        moved = await api.request("ada@example.com", "POST", "/v1/demo/clock", json={"days": 21})
                        moved.raise_for_status()
                    for scheme in ("light", "dark"):
                        await shoot_streak(browser, app.url, scheme, "streak-lost")  # type: ignore[arg-type]
                finally:
                    await browser.close()
    print(f"habits screenshots in {OUT} ({time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main_async()))
