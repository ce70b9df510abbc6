"""Issue 12 on a phone: reward codes with a state, one truth for every number, a hung API that recovers by itself,
System/Light/Dark, a celebration that covers nothing, and a wide window that uses its width.

Each test failed on the code before the issue (checked once against main at 3bb8245): no "Use at the counter" and
used codes that read as new; "Balance now" without the challenge bonus; the sender's other app stuck at the old
balance; a 31 s spinner with no "still trying"; a "Dark mode" switch; a snackbar in place of a celebration; Rewards
one phone-wide column at 1280 px.
"""

from __future__ import annotations

import re
import struct
import zlib

import pytest
from playwright.async_api import Browser, FloatRect, Page, expect
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.screens import (
    button,
    expect_balance,
    nav,
    open_signed_in,
    shown,
    stars_text,
    wait_for_home,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LIVE_UPDATE_MS = 4_000
"""Live updates poll every 2 s: a change made elsewhere shows within one poll and a render (2 s), with slack for
a busy test machine."""


async def test_a_code_used_at_the_counter_shows_as_used(page: Page, app_url: str, api: BackendApi) -> None:
    member = await api.join("Ida Used")
    await api.purchase(member, 20.0)
    code = await api.redeem(member, "extra-shot")
    await open_signed_in(page, app_url, member)
    await nav(page, "Rewards")
    await button(page, "My rewards").click()
    await expect(shown(page, "Ready to use")).to_be_visible()

    await button(page, "Show QR code for Extra shot").click()
    dialog = page.get_by_role("alertdialog").or_(page.get_by_role("dialog")).first
    await expect(shown(dialog, f"Code {code.code}")).to_be_visible()
    await button(dialog, "Use at the counter").click()  # the till scans it (demo tools)
    await expect(shown(dialog, re.compile(r"^This code was used on \d{1,2} \w{3} \d{4}\.$", re.M))).to_be_visible()
    await button(dialog, "Done").click()

    # In My rewards it is under "Used", greyed, with the date, and no longer offered as a QR code to show.
    await expect(shown(page, "Used")).to_be_visible()
    await expect(button(page, re.compile(r"^Details of Extra shot: Used \d{1,2} \w{3} \d{4}$"))).to_be_visible()
    await expect(button(page, "Show QR code for Extra shot")).to_have_count(0)
    assert [r.status for r in await api.redemptions(member)] == ["used"]


async def test_a_visit_result_shows_the_same_balance_as_the_header_and_its_celebration_covers_nothing(
    page: Page, app_url: str, api: BackendApi
) -> None:
    member = await api.join("Vic Visitor")
    await api.join_challenge(member, "try-a-new-drink")  # one visit completes it (+25 Stars)
    await open_signed_in(page, app_url, member)
    await button(page, "Profile").click()
    await button(page, "Simulate a visit").click()

    result = shown(page, re.compile(r"Balance now ([\d,]+) Stars?\.", re.M))
    await expect(result).to_be_visible()
    said = (await result.text_content() or "") + (await result.get_attribute("aria-label") or "")
    match = re.search(r"Balance now ([\d,]+) Stars?\.", said)
    assert match, said
    in_result = int(match.group(1).replace(",", ""))
    assert "Challenge: Try a new drink: +25 Stars" in said  # every effect of the visit is in its result
    assert in_result == await api.balance(member)
    await expect_balance(page, in_result)  # and the header agrees

    # The challenge gets a moment of its own, and the result stays readable: nothing is laid over it.
    moment = page.locator("[flt-semantics-identifier='celebration']")
    await expect(moment).to_be_visible()
    await expect(shown(moment, re.compile(r"Challenge completed", re.M))).to_be_visible()
    await expect(button(moment, "Nice!")).to_be_visible()
    await result.scroll_into_view_if_needed()
    box = await result.bounding_box()
    assert box is not None
    on_top = await page.evaluate(
        "([x, y]) => { const e = document.elementFromPoint(x, y); return e ? e.closest('flt-semantics') !== null"
        " || e.tagName.toLowerCase().startsWith('flt-semantics') : false }",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, "something (a dialog's barrier, a snackbar) is laid over the visit's result"
    await expect(page.get_by_role("alertdialog")).to_have_count(0)


async def test_a_gift_sent_from_another_device_updates_the_senders_open_app(
    page: Page, app_url: str, api: BackendApi
) -> None:
    sender, recipient = "linus@example.com", "alan@example.com"
    await open_signed_in(page, app_url, sender)
    await expect_balance(page, await api.balance(sender))
    alan = next(f for f in await api.friends(sender) if f.name.startswith("Alan"))

    await api.gift(sender, alan.id, 3)  # from the member's other device

    after = await api.balance(sender)
    await expect(shown(page, f"Balance: {stars_text(after)}")).to_be_visible(timeout=LIVE_UPDATE_MS)
    assert recipient  # the recipient's side is journey 4's


async def test_a_hung_api_says_still_trying_after_3_s_and_recovers_by_itself(
    page: Page, app_url: str, api: BackendApi
) -> None:
    member = await api.join("Hana Hung")
    await open_signed_in(page, app_url, member)
    try:
        await api.hang(True)
        await nav(page, "Badges")  # not loaded yet: it has to ask the API
        still = shown(page, re.compile(r"^Still trying to reach Starboard\.\.\.", re.M))
        await expect(still).to_be_visible(timeout=6_000)
    finally:
        await api.hang(False)
    # No Retry tap: the screen loads by itself once the API answers.
    await expect(shown(page, re.compile(r"^\d+ of \d+ badges earned$", re.M))).to_be_visible(timeout=15_000)
    await expect(still).to_have_count(0)


def _pixel(png: bytes) -> tuple[int, int, int]:
    """The colour of a 1x1 PNG screenshot (any PNG filter of a single pixel leaves its bytes as they are)."""
    chunks, at = {}, 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        chunks[kind] = chunks.get(kind, b"") + png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(chunks[b"IDAT"])
    return raw[1], raw[2], raw[3]


async def _is_dark(page: Page) -> bool | None:
    """Whether the screen's background is dark (a pixel of the empty margin at the top right of the body); None if
    Chromium took no screenshot within 3 s.

    Chromium's screenshot (CDP `Page.captureScreenshot`) now and then never answers (microsoft/playwright#28995):
    one CI run waited out Playwright's 30 s on it with the page drawn. A short timeout and another try keeps the
    check about the colour.
    """
    clip: FloatRect = {"x": PHONE["width"] - 3, "y": 300, "width": 1, "height": 1}
    try:
        png = await page.screenshot(clip=clip, timeout=3_000)
    except PlaywrightTimeoutError:
        return None
    r, g, b = _pixel(png)
    return (r + g + b) / 3 < 100


async def _looks(page: Page, *, dark: bool) -> bool:
    """Whether the screen turns (or stays) dark / light within a few seconds (more on a loaded machine)."""
    return await eventually(lambda: _is_dark(page), lambda now: now is dark, timeout=20.0) is dark


async def test_appearance_follows_the_system_by_default_or_is_light_or_dark(
    browser: Browser, app_url: str, api: BackendApi
) -> None:
    member = await api.join("Dora Dark")
    context = await browser.new_context(viewport=PHONE, color_scheme="dark")  # a phone set to dark
    try:
        page = await context.new_page()
        await open_signed_in(page, app_url, member)
        await button(page, "Profile").click()
        system, light, dark = (page.get_by_role("radio", name=n) for n in ("System", "Light", "Dark"))
        await expect(system).to_be_checked()
        assert await _looks(page, dark=True)

        await light.click()
        await expect(light).to_be_checked()
        assert await _looks(page, dark=False)
        await dark.click()
        await expect(dark).to_be_checked()
        assert await _looks(page, dark=True)
        await page.emulate_media(color_scheme="light")
        assert await _looks(page, dark=True)  # "Dark" stays dark on a light phone
        await system.click()
        await expect(system).to_be_checked()
        assert await _looks(page, dark=False)  # back to following the phone, now light
    finally:
        await context.close()


async def test_wide_rewards_is_a_grid(browser: Browser, app_url: str, api: BackendApi) -> None:
    member = await api.join("Wendy Wide")
    context = await browser.new_context(viewport=WIDE)
    try:
        page = await context.new_page()
        await open_signed_in(page, app_url, member)
        await wait_for_home(page)
        await nav(page, "Rewards")
        redeem = page.get_by_role("button", name=re.compile(r"^Redeem "))
        await expect(redeem.first).to_be_visible()
        boxes = [b for b in [await redeem.nth(i).bounding_box() for i in range(await redeem.count())] if b]
        rows: dict[int, set[int]] = {}
        for box in boxes:
            rows.setdefault(round(box["y"]), set()).add(round(box["x"]))
        assert max(len(xs) for xs in rows.values()) >= 2, f"one reward per row at 1280 px: {rows}"
    finally:
        await context.close()


async def test_a_ready_code_is_shown_offline_from_the_phone(page: Page, app_url: str, api: BackendApi) -> None:
    member = await api.join("Otto Offline")
    await api.purchase(member, 20.0)
    code = await api.redeem(member, "extra-shot")
    await open_signed_in(page, app_url, member)
    await nav(page, "Rewards")  # loading Rewards keeps the codes on the phone
    await button(page, "My rewards").click()
    await expect(button(page, "Show QR code for Extra shot")).to_be_visible()
    await page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")

    await page.context.set_offline(True)  # at the till with no signal
    await page.reload()
    codes = page.get_by_role("region", name="Your reward codes")
    await expect(codes).to_contain_text("Extra shot")
    await expect(codes).to_contain_text(f"Code {code.code}")
    await page.context.set_offline(False)
