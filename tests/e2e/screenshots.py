"""`python -m tests.e2e.screenshots` (`make screenshots`): a 390x844 screenshot of every screen, light and dark.

Starts the mock backend and the app on free loopback ports, signs in as a demo member, opens each screen by its
route and saves `screenshots/<scheme>-<name>.png`. Dark shots flip Profile's "Dark mode" switch (and the browser
prefers a dark scheme); the dark sign-in screen is taken after "Sign out". Each shot waits for a known element of
its screen, never for a fixed time.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from pathlib import Path
from typing import Literal

from playwright.async_api import Browser, Locator, Page, async_playwright, expect

from tests.e2e import screens
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.support import servers

OUT = servers.ROOT / "screenshots"
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
MEMBER = "ada@example.com"


def _ready(page: Page, route: str) -> Locator:
    """An element that tells the screen at `route` has rendered its data (not just its loading state)."""
    m = re.MULTILINE
    by_route: dict[str, Locator] = {
        "/": screens.progressbar(page, "Next reward progress"),
        "/rewards": screens.button(page, re.compile(r"^Redeem ")).first,
        "/friends": screens.button(page, "Review gift"),
        "/challenges": screens.shown(page, re.compile(r"^Completed \(\d+\)$", m)),
        "/badges": screens.shown(page, re.compile(r"^\d+ of \d+ badges earned$", m)),
        "/activity": page.get_by_role("checkbox", name="All"),
        "/card": page.get_by_role("img", name="Member QR code"),
        "/earn": screens.button(page, "Post review"),
        "/how-it-works": screens.shown(page, re.compile(r"^The rules in full$", m)),
        "/profile": page.get_by_role("switch", name="Dark mode"),
    }
    return by_route[route]


ROUTES: list[tuple[str, str]] = [
    ("/", "home"),
    ("/rewards", "rewards"),
    ("/friends", "friends"),
    ("/challenges", "challenges"),
    ("/badges", "badges"),
    ("/activity", "activity"),
    ("/card", "card"),
    ("/earn", "earn"),
    ("/how-it-works", "how-it-works"),
    ("/profile", "profile"),
]


async def _set_dark_mode(page: Page, on: bool) -> None:
    """Flip Profile's "Dark mode" switch to `on` (the choice is kept on the device)."""
    await _go(page, "/profile")
    switch = page.get_by_role("switch", name="Dark mode")
    await expect(switch).to_be_visible()
    if await switch.is_checked() != on:
        await switch.click()
    await expect(switch).to_be_checked(checked=on)


async def _settled_screenshot(page: Page, path: Path, timeout: float = 10.0) -> bool:
    """Save a screenshot once two consecutive frames are identical (transitions and spinners have stopped).

    The semantics tree is ready before Flutter paints: right after a page load the canvas still shows the
    "Working..." start-up screen for about a second. Returns False if the screen never settled (saved anyway).
    """
    deadline = time.monotonic() + timeout
    previous = await page.screenshot()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.15)  # poll interval between two frames, not a wait for readiness
        current = await page.screenshot()
        if current == previous:
            path.write_bytes(current)
            return True
        previous = current
    path.write_bytes(previous)
    return False


async def _shot(page: Page, path: Path, ready: Locator, problems: list[str]) -> None:
    try:
        await expect(ready).to_be_visible(timeout=15_000)
    except AssertionError as e:
        problems.append(f"{path.name}: the screen did not get ready ({str(e).splitlines()[0]}); shot taken anyway")
    if not await _settled_screenshot(page, path):
        problems.append(f"{path.name}: the screen kept changing; the last frame was saved")


async def _go(page: Page, route: str) -> None:
    """Open a screen the way a member does: a bottom-navigation tab, or a button on Home."""
    tabs = {"/": "Home", "/rewards": "Rewards", "/friends": "Friends", "/challenges": "Challenges", "/badges": "Badges"}
    from_home = {
        "/activity": "Activity",
        "/card": "Member card",
        "/earn": "Ways to earn",
        "/how-it-works": "How it works",
        "/profile": "Profile",
    }
    if route in tabs:
        await screens.nav(page, tabs[route])
    else:
        await screens.nav(page, "Home")
        await screens.button(page, from_home[route]).click()
    await expect(page).to_have_url(re.compile(rf"{re.escape(route)}$"))
    # Move the pointer off the tapped tab, or its tooltip ends up in the shot.
    await page.mouse.move(2, VIEWPORT["height"] // 2)


async def shoot_scheme(browser: Browser, app_url: str, scheme: Literal["light", "dark"]) -> list[str]:
    problems: list[str] = []
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        sign_in_button = screens.button(page, "Sign in")
        await expect(sign_in_button).to_be_visible()
        if scheme == "light":
            await _settled_screenshot(page, OUT / f"{scheme}-sign-in.png")
        await screens.sign_in(page, MEMBER)
        await _set_dark_mode(page, scheme == "dark")
        for route, name in ROUTES:
            await _go(page, route)
            await _shot(page, OUT / f"{scheme}-{name}.png", _ready(page, route), problems)
        if scheme == "dark":
            # The theme is kept on the device, so the sign-in screen after signing out is dark too.
            await screens.button(page, "Sign out").click()
            await expect(sign_in_button).to_be_visible()
            await _settled_screenshot(page, OUT / f"{scheme}-sign-in.png")
    finally:
        await context.close()
    return problems


async def main_async(schemes: tuple[Literal["light", "dark"], ...]) -> int:
    OUT.mkdir(exist_ok=True)
    started = time.monotonic()
    problems: list[str] = []
    with servers.starboard() as (_backend, app):
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_options())
            try:
                for scheme in schemes:
                    problems += await shoot_scheme(browser, app.url, scheme)
            finally:
                await browser.close()
    shots = sorted(Path(OUT).glob("*.png"))
    print(f"{len(shots)} screenshots in {OUT} ({time.monotonic() - started:.1f}s)")
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheme", choices=SCHEMES, action="append", help="only this scheme (repeatable)")
    args = parser.parse_args()
    return asyncio.run(main_async(tuple(args.scheme) if args.scheme else SCHEMES))


if __name__ == "__main__":
    sys.exit(main())
