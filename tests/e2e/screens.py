"""What a customer does and sees in the browser, in a few helpers the journeys share (Playwright async API).

Everything is found by role and accessible name (docs/accessibility-names.md), through Flutter's semantics
tree, which exists only after `enable_semantics`. Text is typed with the keyboard: `fill()` drops values in
Flutter text fields. Text look-ups are scoped to `flt-semantics` (a SnackBar's text is repeated in a live region).
"""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect

DEMO_PASSWORD = "starboard-demo"
BALANCE_RE = re.compile(r"^\s*([\d,]+)\s+Stars\s*$")
NAV_TABS = ("Home", "Rewards", "Gift", "Challenges", "Badges")


async def enable_semantics(page: Page) -> None:
    """Turn on Flutter's accessibility tree (a click on its hidden placeholder) so role locators work."""
    await page.locator("flt-semantics-placeholder").wait_for(state="attached")
    await page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    await page.locator("flt-semantics").first.wait_for(state="attached")


async def open_app(page: Page, base_url: str, path: str = "/") -> None:
    """Navigate to `path` of the app (a deep link) and enable the semantics tree."""
    await page.goto(base_url.rstrip("/") + path)
    await enable_semantics(page)


async def reload(page: Page) -> None:
    await page.reload()
    await enable_semantics(page)


def text(page: Page | Locator, value: str | re.Pattern[str], *, exact: bool = True) -> Locator:
    """A text in the semantics tree (not its screen-reader announcement copy)."""
    scope = page.locator("flt-semantics")
    if isinstance(value, str):
        return scope.get_by_text(value, exact=exact).first
    return scope.get_by_text(value).first


def button(page: Page | Locator, name: str | re.Pattern[str], *, exact: bool = True) -> Locator:
    return page.get_by_role("button", name=name, exact=exact if isinstance(name, str) else None)


async def type_into(page: Page, field: Locator, value: str) -> None:
    """Click a text field, clear it, and type `value` with the keyboard."""
    await field.click()
    await page.keyboard.press("ControlOrMeta+a")
    await page.keyboard.press("Backspace")
    if value:
        await page.keyboard.type(value)


def nav_item(page: Page, tab: str) -> Locator:
    """A bottom-navigation destination (a tab or a button, depending on the widget)."""
    assert tab in NAV_TABS, tab
    return page.get_by_role("tab", name=tab, exact=True).or_(page.get_by_role("button", name=tab, exact=True)).first


async def nav(page: Page, tab: str) -> None:
    """Tap a bottom-navigation destination."""
    await nav_item(page, tab).click()


async def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in on the sign-in screen and wait for Home."""
    await type_into(page, page.get_by_role("textbox", name="Email"), email)
    await type_into(page, page.get_by_role("textbox", name="Password"), password)
    await button(page, "Sign in").click()
    await wait_for_home(page)


async def try_the_demo(page: Page) -> None:
    await button(page, "Try the demo").click()
    await wait_for_home(page)


async def wait_for_home(page: Page) -> None:
    await expect(balance_locator(page)).to_be_visible()


def balance_locator(page: Page) -> Locator:
    """The "<N> Stars" balance text."""
    return text(page, BALANCE_RE)


def balance_text(stars: int) -> re.Pattern[str]:
    """The balance as the customer reads it, with or without a thousands separator."""
    digits = f"{stars:,}".replace(",", ",?")
    return re.compile(rf"^\s*{digits}\s+Stars\s*$")


async def balance_on_screen(page: Page) -> int:
    """The Stars balance the customer sees, as a number."""
    locator = balance_locator(page)
    await expect(locator).to_be_visible()
    return parse_balance(await locator.inner_text())


def parse_balance(shown: str) -> int:
    match = BALANCE_RE.match(shown)
    assert match, f"not a balance: {shown!r}"
    return int(match.group(1).replace(",", ""))


async def expect_balance(page: Page, stars: int) -> None:
    """Wait until the balance on screen reads exactly `stars`."""
    await expect(text(page, balance_text(stars))).to_be_visible()


async def open_signed_in(page: Page, base_url: str, email: str) -> None:
    """Open the app and sign in as `email`; ends on Home."""
    await open_app(page, base_url, "/")
    await sign_in(page, email)
