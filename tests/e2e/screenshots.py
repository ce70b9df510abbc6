"""`python -m tests.e2e.screenshots` (`make screenshots`): a 390x844 screenshot of every screen, light and dark.

`--language es` (`make screenshots-es`): the same screens in Spanish (a browser whose language is es-ES, so the app
picks Spanish on the first visit), plus the join and reset screens, in `screenshots/es/`; buttons are found by
their names in the app's catalogue (tests/e2e/wording.py), in English for a text not in the catalogue yet.

Starts the mock backend and the app on free loopback ports, signs in as a demo member, opens each screen by its
route and saves `screenshots/<scheme>-<name>.png`. Dark shots choose Profile's Appearance "Dark" (and the browser
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
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.e2e.wording import Words
from tests.support import servers
from tests.support.demo import DEMO_PASSWORD

OUT = servers.ROOT / "screenshots"
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
MEMBER = "ada@example.com"
LANGUAGES = ("en", "es")
BROWSER_LOCALES = {"en": "en-US", "es": "es-ES"}
words = Words("en")
"""The language of this run's names (`--language`); English by default."""


def _say(english: str, context: str | None = None) -> str:
    return words.say(english, context=context)


def _ready(page: Page, route: str) -> Locator:
    """An element that tells the screen at `route` has rendered its data (not just its loading state)."""
    if words.language != "en":
        # Patterns below are English; in another language the shot waits for the screen to stop changing (a
        # loading spinner never does) once the navigation bar is there.
        return page.get_by_role("tab").first
    m = re.MULTILINE
    by_route: dict[str, Locator] = {
        "/": screens.next_reward_bar(page),
        "/rewards": screens.button(page, re.compile(r"^Redeem ")).first,
        "/friends": screens.button(page, "Review gift"),
        "/challenges": screens.shown(page, re.compile(r"^Completed \(\d+\)$", m)),
        "/badges": screens.shown(page, re.compile(r"^\d+ of \d+ badges earned$", m)),
        "/activity": page.get_by_role("tab", name="All", exact=True),
        "/card": page.get_by_role("img", name="Member QR code"),
        "/earn": screens.button(page, "Post review"),
        "/how-it-works": screens.shown(page, re.compile(r"^The rules in full$", m)),
        "/profile": page.get_by_role("radio", name="Dark"),
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


MORE_ROUTES: list[tuple[str, str]] = [("/offers", "offers"), ("/inbox", "inbox")]
"""Shot in other languages (in English, screenshots_habits and screenshots_social show them)."""


async def _set_dark_mode(page: Page, on: bool) -> None:
    """Choose Profile's Appearance "Dark" or "Light" (the choice is kept on the device)."""
    await _go(page, "/profile")
    choice = page.get_by_role("radio", name=_say("Dark" if on else "Light"))
    await expect(choice).to_be_visible()
    await choice.click()
    await expect(choice).to_be_checked()


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


async def _tab(page: Page, english: str) -> None:
    if words.language == "en":
        await screens.nav(page, english)
    else:
        await page.get_by_role("tab", name=_say(english, "screen"), exact=True).click()


async def _sign_in(page: Page) -> None:
    if words.language == "en":
        await screens.sign_in(page, MEMBER)
        return
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await screens.type_into(page, page.get_by_role("textbox", name=_say("Email")), MEMBER)
    await screens.type_into(page, page.get_by_role("textbox", name=_say("Password")), DEMO_PASSWORD)
    await screens.button(page, _say("Sign in")).click()
    await expect(page).to_have_url(re.compile(r"/$"))


async def _go(page: Page, route: str) -> None:
    """Open a screen the way a member does: a bottom-navigation tab, or a button on Home."""
    tabs = {"/": "Home", "/rewards": "Rewards", "/friends": "Friends", "/challenges": "Challenges", "/badges": "Badges"}
    from_home = {
        "/activity": "Activity",
        "/card": "Member card",
        "/earn": "Ways to earn",
        "/how-it-works": "How it works",
        "/profile": "Profile",
        "/offers": "Offers",
    }
    if route == "/inbox":  # the top bar's envelope (its name counts the unread): opened by its link
        await screens.open_app(page, page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2], route)
    elif route in tabs:
        await _tab(page, tabs[route])
    else:
        await _tab(page, "Home")
        await screens.button(page, _say(from_home[route], "screen")).click()
    await expect(page).to_have_url(re.compile(rf"{re.escape(route)}$"))
    # Move the pointer off the tapped tab, or its tooltip ends up in the shot.
    await page.mouse.move(2, VIEWPORT["height"] // 2)


async def social_scene(backend_url: str) -> None:
    """Something to see in each part of the Friends screen: a friend request for Ada, an ask, a thank-you she
    received and a gift she can still thank for."""
    async with BackendApi(backend_url) as api:
        ada, grace = await api.me(MEMBER), await api.me("grace@example.com")
        newcomer = await api.join("Nova Newcomer", "newcomer-pass-1")
        asked = await api.request(newcomer, "POST", "/v1/me/friend-requests", json={"friend_code": ada.friend_code})
        asked.raise_for_status()
        await api.ask("grace@example.com", ada.id, 15, "Cake for the team")
        gift = await api.gift(MEMBER, grace.id, 5, "Coffee's on me")
        thanked = await api.request(
            "grace@example.com",
            "POST",
            f"/v1/me/gifts/{gift.json()['id']}/thanks",
            json={"sticker": "party", "message": "You're a star!"},
        )
        thanked.raise_for_status()
        await api.gift("grace@example.com", ada.id, 10, "For the tea")


FRIENDS_PARTS: list[tuple[str, str]] = [
    ("friends-requests", "Nova Newcomer wants to be friends"),
    ("friends-asks", "Grace Hopper asks for 15 Stars"),
    ("friends-thanks", "Grace Hopper thanks you for 5 Stars"),
]


async def _scroll_near_top(page: Page, target: Locator) -> None:
    """Scroll (mouse wheel) until `target` sits in the upper part of the screen. Every text of a screen is in the
    semantics tree, scrolled to or not, so "visible" does not mean on screen: its box says where it is."""
    height = VIEWPORT["height"]
    await page.mouse.move(VIEWPORT["width"] / 2, height / 2)
    for _ in range(12):
        box = await target.bounding_box()
        if box is None or height * 0.1 <= box["y"] <= height * 0.35:
            return
        await page.mouse.wheel(0, box["y"] - height * 0.2)
        await expect(target).to_be_attached()


async def _friends_parts(page: Page, scheme: str, problems: list[str]) -> None:
    """The Friends screen scrolled to each of its parts; the thank-you composer open in the last one."""
    await _go(page, "/friends")
    for name, line in FRIENDS_PARTS:
        target = screens.shown(page, line)
        if name == "friends-thanks":
            await screens.button(page, "Send a thank-you").first.click()
            await expect(screens.button(page, "Send thank-you")).to_be_visible()
        await _scroll_near_top(page, target)
        await page.mouse.move(2, VIEWPORT["height"] // 2)
        await _shot(page, OUT / f"{scheme}-{name}.png", target, problems)


async def shoot_scheme(browser: Browser, app_url: str, scheme: Literal["light", "dark"], out: Path = OUT) -> list[str]:
    problems: list[str] = []
    context = await browser.new_context(
        viewport=VIEWPORT, color_scheme=scheme, locale=BROWSER_LOCALES.get(words.language, "en-US")
    )
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        sign_in_button = screens.button(page, _say("Sign in"))
        await expect(sign_in_button).to_be_visible()
        if scheme == "light":
            await _signed_out_screens(page, app_url, scheme, out)
        await _sign_in(page)
        await _set_dark_mode(page, scheme == "dark")
        if words.language == "en":  # the parts are found by English lines
            await _friends_parts(page, scheme, problems)
        routes = ROUTES if words.language == "en" else [*MORE_ROUTES, *ROUTES]
        for route, name in routes:  # ends on Profile, where "Sign out" is
            await _go(page, route)
            await _shot(page, out / f"{scheme}-{name}.png", _ready(page, route), problems)
        if scheme == "dark":
            # The theme is kept on the device, so the sign-in screen after signing out is dark too.
            await screens.button(page, _say("Sign out")).click()
            await expect(sign_in_button).to_be_visible()
            await _signed_out_screens(page, app_url, scheme, out)
    finally:
        await context.close()
    return problems


async def _signed_out_screens(page: Page, app_url: str, scheme: str, out: Path) -> None:
    """Sign-in, and in another language also the join and reset screens (English has screenshots_joining)."""
    await _settled_screenshot(page, out / f"{scheme}-sign-in.png")
    if words.language == "en":
        return
    for path, name in (("/join", "join"), ("/reset-password", "reset-password"), ("/signin", None)):
        await screens.open_app(page, app_url, path)
        await expect(page.get_by_role("textbox").first).to_be_visible()
        if name is not None:
            await _settled_screenshot(page, out / f"{scheme}-{name}.png")


async def main_async(schemes: tuple[Literal["light", "dark"], ...], language: str = "en") -> int:
    global words
    words = Words(language, lenient=True)
    out = OUT if language == "en" else OUT / language
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    problems: list[str] = []
    with servers.starboard() as (backend, app):
        await social_scene(backend.url)
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_options())
            try:
                for scheme in schemes:
                    problems += await shoot_scheme(browser, app.url, scheme, out)
            finally:
                await browser.close()
    shots = sorted(Path(out).glob("*.png"))
    print(f"{len(shots)} screenshots in {out} ({time.monotonic() - started:.1f}s)")
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheme", choices=SCHEMES, action="append", help="only this scheme (repeatable)")
    parser.add_argument(
        "--language", choices=LANGUAGES, default="en", help="the browser's language (es: into screenshots/es/)"
    )
    args = parser.parse_args()
    return asyncio.run(main_async(tuple(args.scheme) if args.scheme else SCHEMES, args.language))


if __name__ == "__main__":
    sys.exit(main())
