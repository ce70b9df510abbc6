"""`python -m tests.e2e.screenshots_joining`: 390x844 screenshots of joining, the password reset and the tour,
light and dark (the browser's colour scheme; the app follows the system by default), in `screenshots/`."""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from typing import Literal

from playwright.async_api import Browser, Page, async_playwright, expect

from tests.e2e import screens
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.e2e.screenshots import OUT, SCHEMES, _settled_screenshot
from tests.e2e.test_joining import code_from_demo_email
from tests.support import servers


async def _shoot(page: Page, name: str, ready: object) -> None:
    await expect(ready).to_be_visible()  # type: ignore[arg-type]
    await page.mouse.move(2, VIEWPORT["height"] // 2)
    await _settled_screenshot(page, OUT / f"{name}.png")


async def shoot(browser: Browser, app_url: str, scheme: Literal["light", "dark"]) -> None:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        await screens.open_app(page, app_url, "/")
        await screens.button(page, "Join Starboard").click()
        await screens.type_into(page, page.get_by_role("textbox", name="Name"), "Katherine Johnson")
        email = f"katherine-{uuid.uuid4().hex[:6]}@example.test"
        await screens.type_into(page, page.get_by_role("textbox", name="Email"), email)
        await _shoot(page, f"{scheme}-join-details", screens.shown(page, re.compile(r"Join and get \d+ Stars")))
        await screens.type_into(page, page.get_by_role("textbox", name="Password"), "orbital-1962")
        await screens.button(page, "Join Starboard").click()
        code = await code_from_demo_email(page)
        await _shoot(page, f"{scheme}-join-code", screens.shown(page, "Demo: the email we sent"))
        await screens.type_into(page, page.get_by_role("textbox", name="6-digit code"), code)
        await screens.button(page, "Confirm and join").click()
        for i in (1, 2, 3):
            await _shoot(page, f"{scheme}-tour-{i}", screens.shown(page, f"{i} of 3"))
            if i < 3:
                await screens.button(page, "Next").click()
        await screens.button(page, "Start using Starboard").click()
        await screens.wait_for_home(page)
        await _shoot(page, f"{scheme}-joined-home", screens.balance_locator(page))
        await screens.nav(page, "Home")
        await screens.button(page, "Profile").click()
        await screens.button(page, "Sign out").click()
        await screens.button(page, "Forgot password?").click()
        await screens.type_into(page, page.get_by_role("textbox", name="Email"), email)
        await _shoot(page, f"{scheme}-reset-email", screens.button(page, "Send code"))
        await screens.button(page, "Send code").click()
        await code_from_demo_email(page)
        await _shoot(page, f"{scheme}-reset-code", screens.button(page, "Change password"))
    finally:
        await context.close()


async def main_async() -> int:
    OUT.mkdir(exist_ok=True)
    with servers.starboard() as (_backend, app):
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_options())
            try:
                for scheme in SCHEMES:
                    await shoot(browser, app.url, scheme)
            finally:
                await browser.close()
    print(f"screenshots of joining in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main_async()))
