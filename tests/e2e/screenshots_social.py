"""`python -m tests.e2e.screenshots_social`: 390x844 screenshots of the social sections, light and dark.

Signs in as a demo member, opens the sections (Star Pool with a pool and its create form, Leaderboard, Gift someone
new after a gift is sent) and Profile's leaderboard switch, and saves `screenshots/<scheme>-<name>.png`. Each shot
waits for a known element, never for a fixed time.
"""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from typing import Literal

from playwright.async_api import Browser, Page, async_playwright, expect

from tests.e2e import screens
from tests.e2e.browsing import VIEWPORT, launch_options
from tests.e2e.screenshots import OUT, _go, _set_dark_mode, _settled_screenshot
from tests.e2e.social import bring
from tests.support import servers

MEMBER = "grace@example.com"


async def _scroll_to(page: Page, name: str, role: str = "heading") -> None:
    target = page.get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]
    await bring(page, target)
    await page.mouse.move(2, VIEWPORT["height"] // 2)


async def shoot(browser: Browser, app_url: str, scheme: Literal["light", "dark"]) -> list[str]:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    problems: list[str] = []
    try:
        await screens.open_app(page, app_url, "/")
        await screens.sign_in(page, MEMBER)
        await _set_dark_mode(page, scheme == "dark")
        switch = page.get_by_role("switch", name="Show me on my friends' leaderboard")
        await bring(page, switch)
        if not await switch.is_checked():
            await switch.click()
        await expect(switch).to_be_checked()
        await _settled_screenshot(page, OUT / f"{scheme}-profile-leaderboard-switch.png")
        await _go(page, "/friends")
        await _scroll_to(page, "Star Pool")
        create = screens.button(page, "Create a pool")
        await bring(page, create)
        await create.click()
        await screens.type_into(page, page.get_by_role("textbox", name="Pool name"), f"Friday {uuid.uuid4().hex[:4]}")
        await _settled_screenshot(page, OUT / f"{scheme}-star-pool-create.png")
        picker = screens.button(page, "Goal reward none chosen")
        await bring(page, picker)
        await picker.click()
        await screens.button(page, "Extra shot (25 Stars)").click()
        ada = page.get_by_role("checkbox", name="Ada Lovelace")
        await bring(page, ada)
        await ada.click()
        start = screens.button(page, "Start the pool")
        await bring(page, start)
        await start.click()
        give = page.get_by_role("textbox", name="Stars to give to Friday", exact=False).first
        await bring(page, give)
        await screens.type_into(page, give, "15")
        await screens.button(page, "Give").first.click()
        await bring(page, screens.shown(page, re.compile("Grace Hopper gave 15 Stars")))
        await expect(screens.shown(page, re.compile("Grace Hopper gave 15 Stars"))).to_be_visible()
        await _scroll_to(page, "Star Pool")
        await _settled_screenshot(page, OUT / f"{scheme}-star-pool.png")
        await _scroll_to(page, "Leaderboard")
        await screens.button(page, "Reload Leaderboard").click()
        await bring(page, screens.shown(page, re.compile(r"Grace Hopper \(you\)")))
        await expect(screens.shown(page, re.compile(r"Grace Hopper \(you\)"))).to_be_visible()
        await _settled_screenshot(page, OUT / f"{scheme}-leaderboard.png")
        await _scroll_to(page, "Gift someone new")
        for name, value in (("Phone or email", "+44 7700 900123"), ("Stars for them", "20")):
            field = page.get_by_role("textbox", name=name)
            await bring(page, field)
            await screens.type_into(page, field, value)
        send = screens.button(page, "Send to someone new")
        await bring(page, send)
        await send.click()
        outbox = screens.shown(page, "Demo outbox: the text message sent")
        await bring(page, outbox)
        await _settled_screenshot(page, OUT / f"{scheme}-gift-someone-new.png")
        held = re.compile(r"^Claim code [A-Z0-9]+$")
        shown_code = page.get_by_text(held).or_(page.get_by_label(held)).first
        text = (await shown_code.get_attribute("aria-label")) or (await shown_code.text_content()) or ""
        code = text.rsplit(" ", 1)[-1]
        # The newcomer's side: the text message's link opens joining with the gift waiting, then the claim screen.
        visitor = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
        newcomer = await visitor.new_page()
        await newcomer.bring_to_front()  # a page behind another one is not painted
        await screens.open_app(newcomer, app_url, f"/join?claim={code}")
        await expect(screens.shown(newcomer, re.compile("Someone sent you Stars"))).to_be_visible()
        await _settled_screenshot(newcomer, OUT / f"{scheme}-join-with-a-gift.png")
        await visitor.close()
        await page.bring_to_front()
        await screens.open_app(page, app_url, f"/claim?code={code}")
        await expect(page.get_by_role("textbox", name="Claim code")).to_be_visible()
        await _settled_screenshot(page, OUT / f"{scheme}-claim-a-gift.png")
    except Exception as exc:  # keep what was taken; say what failed
        problems.append(f"{scheme}: {exc}".splitlines()[0])
        await page.screenshot(path=str(OUT / f"{scheme}-social-failed.png"))
    finally:
        await context.close()
    return problems


async def main_async() -> int:
    OUT.mkdir(exist_ok=True)
    problems: list[str] = []
    with servers.starboard() as (_backend, app):
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_options())
            try:
                for scheme in ("light", "dark"):
                    problems += await shoot(browser, app.url, scheme)  # type: ignore[arg-type]
            finally:
                await browser.close()
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main_async()))
