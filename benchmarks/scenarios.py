"""What one benchmark run does in the browser: the bare counter page, then Starboard as a signed-in member, then the
Activity screen of a member with a long history. Each function adds its figures to a `Samples`.

Every navigation opens a new tab in a browser context that has been used once already (warm HTTP cache, the
member's tokens in client storage), the way a returning member opens the app.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext, Locator, Page

from benchmarks import probe
from benchmarks.probe import WsMeter, line
from benchmarks.stack import BULK_MEMBER, Stack, screen_requests
from benchmarks.stats import percentile
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import VIEWPORT
from tests.e2e.screens import choose_friend, sign_in

BALANCE = r"^Balance: [\d,]+ Stars?$"
"""The balance in the top bar: Home (and any signed-in screen) is interactive once it shows."""
HOME_LOADED = r"^Hi, "
"""Home's greeting ("Hi, Alan"): no other screen shows it, and hidden tabs are out of the semantics tree."""
REWARDS_LOADED = r"^Redeem "
GIFT_LOADED = line("Review gift")
CHALLENGES_LOADED = r"^Open to join \(\d+\)$"
"""The heading of the challenges open to join (the e2e accessibility test waits for it too)."""
BADGES_LOADED = line("Still to earn")
FIRST_VISITS = ("rewards.first", "gift.first", "challenges.first", "badges.first")
"""The tour's first visits to a tab, in its order: Rewards is the page's first tap."""
ACTIVITY_ENTRY = r"^Balance [\d,]+$"
"""An Activity entry's last line ("Balance 1,234"); the top bar says "Balance: ..." instead."""
BARE_READY = line("Add star")
SETTLE_SECONDS = 0.6
STALL_SECONDS = 8.0
ACTIVITY_PAGE = "GET /v1/me/activity"
MEMBER = "alan@example.com"
"""Purchases only earn him Stars (no challenge completes, no badge dialog covers the screen), see `warm_up`."""


@dataclass
class Samples:
    """Every measured value, by figure name; the report takes medians."""

    values: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, value: float) -> None:
        self.values[name].append(value)

    def add_tap(self, name: str, timing: probe.Timing) -> None:
        """A tap's total under `name`, and its parts under `name.before_send`, `.server`, `.after_receive`."""
        self.add(name, timing.total)
        for part in ("before_send", "server", "after_receive"):
            value = getattr(timing, part)
            if value is not None:
                self.add(f"{name}.{part}", value)

    def median(self, name: str) -> float | None:
        found = self.values.get(name)
        return statistics.median(found) if found else None

    def percentile(self, name: str, p: int) -> float | None:
        """The `p`th percentile (nearest rank) of `name`'s samples."""
        found = self.values.get(name)
        return percentile(found, p) if found else None


async def new_context(browser: Browser, *arm_on_load: tuple[str, str]) -> BrowserContext:
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    await probe.install(context, arm_on_load)
    return context


async def open_page(context: BrowserContext, url: str, mark: str) -> tuple[Page, WsMeter, float]:
    """A new tab navigated to `url`; returns it, its WebSocket meter and ms from navigation to `mark`."""
    page = await context.new_page()
    meter = WsMeter().attach(page)
    await page.goto(url, wait_until="commit")
    return page, meter, await probe.mark(page, mark)


# ---------------------------------------------------------------- the bare page


async def bare_context(browser: Browser, stack: Stack) -> BrowserContext:
    context = await new_context(browser, ("ready", BARE_READY))
    page, _, _ = await open_page(context, stack.bare.url, "ready")  # warms the HTTP cache
    await page.close()
    return context


async def bare_run(context: BrowserContext, stack: Stack, samples: Samples, taps: int) -> None:
    page, meter, ready = await open_page(context, stack.bare.url, "ready")
    samples.add("bare.interactive_ms", ready)
    await meter.quiet(SETTLE_SECONDS)
    samples.add("bare.first_bytes", meter.total)
    button = page.get_by_role("button", name="Add star", exact=True)
    for n in range(1, taps + 1):
        before = meter.total
        samples.add_tap("bare.tap_ms", await probe.tap(page, button, line(f"{n} stars")))
        await meter.quiet(0.2)
        samples.add("bare.update_bytes", meter.total - before)
    await page.close()


# ---------------------------------------------------------------- Starboard, signed in


async def member_context(browser: Browser, stack: Stack, email: str) -> BrowserContext:
    """A browser profile in which `email` has signed in once (the tokens stay in its client storage)."""
    context = await new_context(browser, ("home", BALANCE), ("activity", ACTIVITY_ENTRY))
    page = await context.new_page()
    await page.goto(stack.app.url + "/signin")
    await probe.wait_shown(page, line("Sign in"))
    await sign_in(page, email)
    await page.close()
    return context


async def warm_up(api: BackendApi, purchases: int = 8) -> None:
    """A few purchases before measuring, so that any challenge or badge a purchase completes is done with."""
    for _ in range(purchases):
        await api.purchase(MEMBER, 5.0)


def tab(page: Page, name: str) -> Locator:
    return page.get_by_role("tab", name=name, exact=True)


def _tour(page: Page) -> list[tuple[Locator, str, str]]:
    """Every screen once (first visit), then again within the freshness window (revisit): what to tap, what shows
    once the screen is there, and the figure it counts for."""
    activity = page.get_by_role("button", name="Activity", exact=True)
    back = page.get_by_role("button", name="Back", exact=True)
    return [
        (tab(page, "Rewards"), REWARDS_LOADED, "rewards.first"),
        (tab(page, "Home"), HOME_LOADED, "home.revisit"),
        (tab(page, "Friends"), GIFT_LOADED, "gift.first"),
        (tab(page, "Home"), HOME_LOADED, "home.revisit"),
        (tab(page, "Challenges"), CHALLENGES_LOADED, "challenges.first"),
        (tab(page, "Home"), HOME_LOADED, "home.revisit"),
        (tab(page, "Badges"), BADGES_LOADED, "badges.first"),
        (tab(page, "Home"), HOME_LOADED, "home.revisit"),
        (activity, ACTIVITY_ENTRY, "activity.first"),
        (back, HOME_LOADED, "home.revisit"),
        (tab(page, "Rewards"), REWARDS_LOADED, "rewards.revisit"),
        (tab(page, "Friends"), GIFT_LOADED, "gift.revisit"),
        (tab(page, "Home"), HOME_LOADED, "home.revisit"),
        (activity, ACTIVITY_ENTRY, "activity.revisit"),
        (back, HOME_LOADED, "home.revisit"),
    ]


async def starboard_run(context: BrowserContext, stack: Stack, api: BackendApi, samples: Samples, taps: int) -> None:
    await _requests_settled(stack)  # a page closed just before may still be loading in the background
    before = stack.request_counts()
    page, meter, ready = await open_page(context, stack.app.url + "/", "home")
    samples.add("home.interactive_ms", ready)
    samples.add("requests.home.first", sum(screen_requests(before, stack.request_counts()).values()))
    await meter.quiet(SETTLE_SECONDS)
    samples.add("home.first_bytes", meter.total)
    # What loads after Home is interactive (the top bar's inbox; the other tabs, built ahead): wait for it to be done.
    at_home = stack.request_counts()
    await _requests_settled(stack)
    samples.add("requests.home.background", sum(screen_requests(at_home, stack.request_counts()).values()))
    await meter.quiet(SETTLE_SECONDS)

    for target, loaded, figure in _tour(page):
        before = stack.request_counts()
        timing = await probe.tap(page, target, loaded)
        await meter.quiet(SETTLE_SECONDS)
        samples.add(f"requests.{figure}", sum(screen_requests(before, stack.request_counts()).values()))
        if figure in FIRST_VISITS:
            samples.add_tap("tap.tab_first_ms", timing)
            samples.add_tap(f"tap.tab_first_ms.{figure.removesuffix('.first')}", timing)

    # Tab switches between screens already loaded.
    for _ in range(taps):
        samples.add_tap("tap.tab_ms", await probe.tap(page, tab(page, "Rewards"), REWARDS_LOADED))
        await meter.quiet(0.2)
        samples.add_tap("tap.tab_ms", await probe.tap(page, tab(page, "Home"), HOME_LOADED))
        await meter.quiet(0.2)

    await _redeem_confirmations(page, meter, samples, taps)
    await _gift_amounts(page, meter, samples, taps)
    await _balance_change(page, meter, stack, api, samples)
    await page.close()


async def _requests_settled(stack: Stack, quiet_for: float = 1.5, timeout: float = 30.0) -> None:
    """Wait until the backend has received no request for `quiet_for` seconds (background loads are done)."""
    deadline = time.monotonic() + timeout
    last, since = screen_requests({}, stack.request_counts()), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet_for:
        await asyncio.sleep(0.25)
        now = screen_requests({}, stack.request_counts())
        if now != last:
            last, since = now, time.monotonic()


async def _redeem_confirmations(page: Page, meter: WsMeter, samples: Samples, taps: int) -> None:
    await probe.tap(page, tab(page, "Rewards"), REWARDS_LOADED)
    redeem = page.get_by_role("button", name=re.compile(r"^Redeem ")).and_(page.locator(":not([aria-disabled])"))
    name = (await redeem.first.get_attribute("aria-label") or await redeem.first.inner_text()).strip()
    reward = name.removeprefix("Redeem ")
    for _ in range(taps):
        title = line(f"Redeem {reward}?")
        samples.add_tap("tap.redeem_ms", await probe.tap(page, redeem.first, title))
        await meter.quiet(0.2)
        await page.get_by_role("button", name="Cancel", exact=True).click()
        await probe.wait_gone(page, title)
        await meter.quiet(0.2)


async def _gift_amounts(page: Page, meter: WsMeter, samples: Samples, taps: int) -> None:
    """Add a digit to the amount (the form keeps it server-side) and review: the review shows the new amount."""
    await probe.tap(page, tab(page, "Friends"), GIFT_LOADED)
    await choose_friend(page, "Grace Hopper")
    amount = page.get_by_role("textbox", name="Amount", exact=True)
    for n in range(taps):
        digit = str(1 + n % 9)
        await _type_amount(page, meter, amount, digit)
        review = page.get_by_role("button", name="Review gift", exact=True)
        # The review's summary has a line of its own for the amount: "1 Star", "2 Stars".
        samples.add_tap("tap.gift_ms", await probe.tap(page, review, rf"^{digit} Stars?$"))
        await meter.quiet(0.2)
        await probe.tap(page, page.get_by_role("button", name="Edit", exact=True), GIFT_LOADED)
        await meter.quiet(0.2)


async def _type_amount(page: Page, meter: WsMeter, amount: Locator, digit: str) -> None:
    """Replace the amount with `digit`, and wait for the app to have it (it answers each change)."""
    for _ in range(3):
        await amount.click()
        await page.wait_for_function("() => document.activeElement?.tagName === 'INPUT'")
        await page.keyboard.press("End")
        for _ in range(4):  # the amount is never longer; reading the field first races with Flutter filling it
            await page.keyboard.press("Backspace")
        frames = meter.frames
        await page.keyboard.type(digit)
        await meter.answered(frames)
        if await amount.input_value() == digit:
            return
    raise RuntimeError(f"could not type {digit!r} into the gift amount")


async def _balance_change(page: Page, meter: WsMeter, stack: Stack, api: BackendApi, samples: Samples) -> None:
    """A purchase recorded for the member through the API reaches the open app by the live-updates poll."""
    await probe.tap(page, tab(page, "Home"), HOME_LOADED)
    await meter.quiet(SETTLE_SECONDS)
    balance = await api.balance(MEMBER)
    bytes_before, counts_before = meter.total, stack.request_counts()
    started = time.monotonic()
    result = await api.purchase(MEMBER, 5.0)
    assert result.balance_after != balance
    await probe.wait_shown(page, line(f"Balance: {result.balance_after:,} Stars"))
    samples.add("live.delivery_ms", (time.monotonic() - started) * 1000)
    await meter.quiet(SETTLE_SECONDS)
    samples.add("live.update_bytes", meter.total - bytes_before)
    counts = screen_requests(counts_before, stack.request_counts())
    counts.pop("POST /v1/demo/purchases", None)  # ours, not the app's
    samples.add("requests.balance_change", sum(counts.values()))


# ---------------------------------------------------------------- Activity with a long history


async def entry_pattern(api: BackendApi, index: int) -> str:
    """A pattern for the `index`-th newest Activity entry of the bulk member (its date line and balance line)."""
    cursor: str | None = None
    seen: list[object] = []
    while len(seen) <= index:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        response = await api.request(BULK_MEMBER, "GET", "/v1/me/activity", params=params)
        response.raise_for_status()
        page = response.json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    from app.api.models import ActivityEntry  # the app's own model and formats: the same date the screen shows
    from app.i18n.translator import Translator

    entry = ActivityEntry.model_validate(seen[index])
    when = re.escape(Translator("en").date_time(entry.created_at))
    return rf"^{when}$(\n.*)*\n^Balance {entry.balance_after:,}$"


class ScrollStalled(RuntimeError):
    """The list stopped growing while being scrolled: no next page was asked for."""


async def activity_run(context: BrowserContext, stack: Stack, samples: Samples, target: str, scroll: bool) -> None:
    page, _, ready = await open_page(context, stack.app.url + "/", "home")
    samples.add("bulk.home_ms", ready)
    await page.close()
    page, meter, ready = await open_page(context, stack.app.url + "/activity", "activity")
    samples.add("bulk.activity_ms", ready)
    await meter.quiet(SETTLE_SECONDS)
    if scroll:
        try:
            await _scroll_to(page, stack, samples, target)
        finally:
            await page.close()
    else:
        await page.close()


async def _scroll_to(page: Page, stack: Stack, samples: Samples, target: str) -> None:
    """Scroll with the mouse wheel until `target` (an entry further down) is on screen; its time and memory cost."""
    rss_before = stack.app_rss_mb()
    await probe.arm(page, "target", target)
    started = float(await page.evaluate("performance.now()"))
    viewport = page.viewport_size or VIEWPORT
    await page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
    pages_asked = stack.request_counts().get(ACTIVITY_PAGE, 0)
    progress_at = time.monotonic()
    while not await page.evaluate("window.__bench.marks.target !== undefined"):
        # Half a screen per step, so that every entry is on screen in some frame.
        await page.mouse.wheel(0, viewport["height"] / 2)
        await page.wait_for_timeout(50)
        asked = stack.request_counts().get(ACTIVITY_PAGE, 0)
        if asked != pages_asked:
            pages_asked, progress_at = asked, time.monotonic()
        elif time.monotonic() - progress_at > STALL_SECONDS:
            raise ScrollStalled(
                f"the list stopped growing: no next page asked for in {STALL_SECONDS:.0f} s of scrolling "
                f"(after {asked} pages)"
            )
    samples.add("bulk.scroll_ms", float(await page.evaluate("window.__bench.marks.target")) - started)
    await page.wait_for_timeout(int(SETTLE_SECONDS * 1000))
    samples.add("bulk.rss_growth_mb", stack.app_rss_mb() - rss_before)
