"""What a customer does and sees in the browser, in a few helpers the journeys share (Playwright async API).

Everything is found by role and accessible name (docs/accessibility-names.md), through Flutter's semantics
tree, which exists only after `enable_semantics`. Text is typed with the keyboard: `fill()` drops values in
Flutter text fields. Text look-ups are scoped to `flt-semantics` (a SnackBar's text is repeated in a live region).
"""

from __future__ import annotations

import json
import re

from playwright.async_api import Locator, Page, expect

from tests.e2e.backend_api import BackendApi
from tests.support.demo import DEMO_PASSWORD

NAV_TABS = ("Home", "Rewards", "Friends", "Challenges", "Badges")


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


def stars_text(n: int) -> str:
    """An amount as the app writes it: `1 Star`, `412 Stars`, `1,250 Stars`."""
    return f"{n:,} Star" if n == 1 else f"{n:,} Stars"


def line_re(value: str) -> re.Pattern[str]:
    """Matches `value` as a whole line of a text or of an accessible name."""
    return re.compile(rf"^{re.escape(value)}$", re.MULTILINE)


def shown(page: Page | Locator, value: str | re.Pattern[str]) -> Locator:
    """Something the customer can read: a text, or a line of an accessible name.

    Flutter merges the texts of a card into the card's accessible name (one `aria-label`, one line per text),
    so a text is found either as an element's text or as a line of an `aria-label`. A `str` must match a whole
    line exactly; a pattern is used as given (compile it with re.MULTILINE to anchor on lines).
    """
    pattern = line_re(value) if isinstance(value, str) else value
    scope = page.locator("flt-semantics-host") if isinstance(page, Page) else page
    return scope.get_by_text(pattern).or_(page.get_by_label(pattern)).first


def text(page: Page | Locator, value: str | re.Pattern[str], *, exact: bool = True) -> Locator:
    """An element's own text in the semantics tree (not its screen-reader announcement copy)."""
    scope = page.locator("flt-semantics-host") if isinstance(page, Page) else page
    if isinstance(value, str):
        return scope.get_by_text(value, exact=exact).first
    return scope.get_by_text(value).first


def button(page: Page | Locator, name: str | re.Pattern[str], *, exact: bool = True) -> Locator:
    return page.get_by_role("button", name=name, exact=exact if isinstance(name, str) else None)


async def type_into(page: Page, field: Locator, value: str, *, attempts: int = 3) -> None:
    """Click a text field, clear it, and type `value` with the keyboard; check the field then holds `value`.

    Flutter moves focus into its own <input> after the click: a key pressed before that lands is lost (seen here:
    "starboard-demo" arriving as "tarboard-demo"), and a click while the screen is being rebuilt (the app moving
    from "/" to "/signin" on start) does not focus at all. So wait for focus, and click or type again if needed.
    """
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            await field.click()
            await expect(field).to_be_focused(timeout=None if last else 2_000)
            current = await field.input_value()
            if current:
                # Select-all shortcuts are not reliable in Flutter's field; delete from the end instead.
                await page.keyboard.press("End")
                for _ in current:
                    await page.keyboard.press("Backspace")
                await expect(field).to_have_value("")
            if value:
                await page.keyboard.type(value)
            await expect(field).to_have_value(value, timeout=None if last else 2_000)
            return
        except AssertionError:
            if last:
                raise


def nav_item(page: Page, tab: str) -> Locator:
    """A navigation destination: a tab of the bottom bar (phone), or a button of the rail on a wide window, which
    Flutter names "Rewards Tab 2 of 5"."""
    assert tab in NAV_TABS, tab
    rail = re.compile(rf"^{re.escape(tab)} Tab \d+ of \d+$")
    return (
        page.get_by_role("tab", name=tab, exact=True)
        .or_(page.get_by_role("button", name=tab, exact=True))
        .or_(page.get_by_role("button", name=rail))
        .first
    )


async def nav(page: Page, tab: str) -> None:
    """Tap a bottom-navigation destination."""
    await nav_item(page, tab).click()


async def choose_friend(page: Page, name: str) -> None:
    """Pick a friend in the gift form's "Friend" drop-down (Friends screen)."""
    # Its accessible name is "Friend" and who is chosen ("Friend none chosen", "Friend Grace Hopper").
    picker = button(page, re.compile(r"^Friend\b(?! to ask)"))  # not the "Friend to ask" of the asks form
    await picker.click()
    await button(page, name).click()
    await expect(button(page, f"Friend {name}")).to_have_attribute("aria-expanded", "false")


async def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in on the sign-in screen and wait for Home."""
    # A signed-out visit is sent to /signin right after the app starts: type only once that screen is in place.
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await type_into(page, page.get_by_role("textbox", name="Email"), email)
    await type_into(page, page.get_by_role("textbox", name="Password"), password)
    await button(page, "Sign in").click()
    await wait_for_home(page)


async def try_the_demo(page: Page) -> None:
    """Tap "Try the demo" on sign-in: a demo member of this browser's own, on Home (see `demo_member`)."""
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await button(page, "Try the demo").click()
    await wait_for_home(page)


TOKENS_KEY = "flutter.starboard.tokens"


async def saved_access_token(page: Page) -> str | None:
    """The access token the app keeps on the device (Flutter's SharedPreferences: a JSON string in localStorage)."""
    raw = await page.evaluate(f"localStorage.getItem({json.dumps(TOKENS_KEY)})")
    while isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None
    return raw.get("access_token") if isinstance(raw, dict) else None


async def demo_member(page: Page, api: BackendApi) -> str:
    """The email of the member this browser is signed in as (a demo member's is made up), after which `api` reads
    that member's data with the browser's own token."""
    token = await saved_access_token(page)
    assert token, "the browser keeps no session"
    me = await api.http.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200, me.text
    email = str(me.json()["email"])
    api.remember(email, token)
    return email


async def wait_for_home(page: Page) -> None:
    await expect(next_reward_bar(page)).to_be_visible()
    await expect(balance_locator(page)).to_be_visible()


def next_reward_bar(page: Page) -> Locator:
    """Home's progress to the next reward, named "189 of 200 Stars to Breakfast sandwich" (+ Flutter's percentage)."""
    return page.get_by_role("progressbar", name=re.compile(r"^[\d,]+ of [\d,]+ Stars to \S"))


BALANCE_RE = re.compile(r"^Balance: ([\d,]+) Stars?$", re.MULTILINE)


def balance_locator(page: Page) -> Locator:
    """The balance in the top bar of every signed-in screen (its accessible text is "Balance: <N> Stars")."""
    return shown(page, BALANCE_RE)


async def balance_on_screen(page: Page) -> int:
    """The Stars balance the customer sees in the top bar, as a number."""
    locator = balance_locator(page)
    await expect(locator).to_be_visible()
    shown_text = await locator.text_content() or await locator.get_attribute("aria-label") or ""
    match = BALANCE_RE.search(shown_text)
    assert match, f"no balance in {shown_text!r}"
    return int(match.group(1).replace(",", ""))


async def expect_balance(page: Page, stars: int) -> None:
    """Wait until the top bar reads exactly `stars`."""
    await expect(shown(page, f"Balance: {stars_text(stars)}")).to_be_visible()


async def open_signed_in(page: Page, base_url: str, email: str) -> None:
    """Open the app and sign in as `email`; ends on Home."""
    await open_app(page, base_url, "/")
    await sign_in(page, email)


def progressbar(page: Page | Locator, name: str) -> Locator:
    """A progress bar by its accessible name (Flutter appends the percentage: "Visit 3 times: 1 of 3 done 33")."""
    return page.get_by_role("progressbar", name=re.compile(rf"^{re.escape(name)}( \d+)?$"))


async def expect_progress(bar: Locator, fraction: float) -> None:
    """The bar shows `fraction` (0..1) as a percentage; Flutter rounds it, so allow the two nearest integers."""
    percent = max(0.0, min(1.0, fraction)) * 100
    allowed = sorted({int(percent), min(int(percent) + 1, 100)} if percent % 1 else {int(percent)})
    await expect(bar).to_have_attribute("aria-valuenow", re.compile(rf"^({'|'.join(map(str, allowed))})$"))


def activity_entry(page: Page, title: str, stars: int, message: str | None = None) -> Locator:
    """An Activity entry: its title line ("Gift to Alan Turing"), then (within a few lines) its message, then its
    signed amount ("-25 Stars")."""
    gap = r"(?:\n.*){0,3}\n"
    pattern = rf"^{re.escape(title)}$"
    if message is not None:
        pattern += rf"{gap}.*{re.escape(message)}.*$"
    sign = r"\+" if stars > 0 else "-"
    pattern += rf"{gap}{sign}{abs(stars):,} Stars?$"
    return shown(page, re.compile(pattern, re.MULTILINE))


async def reveal(page: Page, target: Locator, *, max_scrolls: int = 25) -> Locator:
    """Scroll the screen down (mouse wheel over its middle) until `target` is in the semantics tree.

    Flutter builds semantics only for what is on screen (plus a small margin), like a member who has to scroll to
    read further: a badge or an activity entry below the fold is not in the tree until scrolled to.
    """
    for _ in range(max_scrolls):
        try:
            await expect(target).to_be_visible(timeout=750)
            return target
        except AssertionError:
            viewport = page.viewport_size or {"width": 390, "height": 844}
            await page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
            await page.mouse.wheel(0, viewport["height"] / 3)
    await expect(target).to_be_visible()
    return target
