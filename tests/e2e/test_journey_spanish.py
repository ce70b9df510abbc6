"""Journey in Spanish: a browser whose language is es-ES gets the app in Spanish on its first visit; Home shows the
balance in Estrellas with Spanish number and date forms; a redemption and a gift to a friend work, and say so in
Spanish.

No Spanish UI text is written here: every expected text and accessible name comes from the app's own catalogue
(`Words("es")`, tests/e2e/wording.py, through `Translator("es")`), and each one the journey relies on is checked to
be translated (`es.say` fails on a text the code does not wrap or the catalogue does not translate), so the test
proves the catalogue is what the customer reads. Reward and friend names come from the API, asked for in Spanish
(`Accept-Language: es`), exactly as the app asks for them.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect

from tests.e2e import screens
from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.browsing import VIEWPORT
from tests.e2e.conftest import ACTION_TIMEOUT_MS
from tests.e2e.wording import Words
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

BROWSER_LOCALE = "es-ES"
es = Words("es")
GIFT = 5


def line(text: str) -> re.Pattern[str]:
    return screens.line_re(text)


def containing(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


async def _nav(page: Page, tab: str) -> None:
    """A bottom-navigation tab (or the rail's button on a wide window) by its name as shown."""
    await (
        page.get_by_role("tab", name=tab, exact=True)
        .or_(page.get_by_role("button", name=tab, exact=True))
        .first.click()
    )


async def _choose_friend(page: Page, name: str, picker_label: str) -> None:
    """The gift form's friend drop-down (named "<label> <who is chosen>"; the gift form comes first on the screen)."""
    await screens.button(page, re.compile(rf"^{re.escape(picker_label)} ")).first.click()
    await screens.button(page, name).click()
    await expect(screens.button(page, f"{picker_label} {name}")).to_have_attribute("aria-expanded", "false")


async def _open_in_spanish(browser: Browser, app_url: str) -> Page:
    context = await browser.new_context(viewport=VIEWPORT, locale=BROWSER_LOCALE)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = await context.new_page()
    await screens.open_app(page, app_url, "/")
    return page


async def test_a_spanish_member_redeems_and_gifts_in_spanish(
    browser: Browser, app_url: str, backend: servers.Server
) -> None:
    # The catalogue translates what this journey reads (a text left in English would read the same on screen).
    assert es.t.stars(1430) == "1.430 Estrellas" != Words("en").t.stars(1430)

    page = await _open_in_spanish(browser, app_url)
    try:
        await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
        await screens.button(page, es.say("Try the demo")).click()
        await expect(page).to_have_url(re.compile(r"/$"))

        async with BackendApi(backend.url, language="es") as api:
            member = await screens.demo_member(page, api)
            summary = await api.summary(member)
            rewards = await api.rewards(member)
            friends = await api.friends(member)
            if "content-language" in (await api.request(member, "GET", "/v1/rewards")).headers:
                # Once the mock speaks Spanish it says so; the reward names below are then the Spanish ones.
                response = await api.request(member, "GET", "/v1/rewards")
                assert response.headers["content-language"] == "es", response.headers

            # Home: the balance in Estrellas, Spanish thousands ("1.430"), a Spanish date.
            balance = summary.balance
            stars_shown = es.t.stars(balance)
            assert "Estrella" in stars_shown
            await expect(screens.shown(page, line(es.say("Balance: {}", stars_shown)))).to_be_visible()
            tier = summary.tier
            await expect(screens.shown(page, containing(es.t.date(tier.status_until)))).to_be_visible()
            if balance >= 1000:
                assert "." in es.t.number(balance)

            # A redemption: Rewards, "Canjear <reward>", confirm; the code dialog and the new balance in Spanish.
            reward = min((r for r in rewards if r.can_redeem), key=lambda r: (r.cost, r.name))
            await _nav(page, es.say("Rewards", context="screen"))
            await screens.button(page, es.say("Redeem {}", reward.name)).click()
            dialog = page.get_by_role("alertdialog")
            await expect(dialog).to_be_visible()
            await dialog.get_by_role("button", name=es.say("Confirm"), exact=True).click()
            await expect(page.get_by_role("img", name=es.say("Redemption QR code"))).to_be_visible()
            after_redeem = balance - reward.cost
            await expect(
                screens.shown(dialog, line(es.say("Balance now: {}", es.t.stars(after_redeem))))
            ).to_be_visible()
            redeemed = await api.redemptions(member)
            assert [r.reward_id for r in redeemed].count(reward.id) >= 1
            await expect(screens.shown(dialog, containing(redeemed[0].code))).to_be_visible()
            await dialog.get_by_role("button", name=es.say("Done"), exact=True).click()
            await expect(screens.shown(page, line(es.say("Balance: {}", es.t.stars(after_redeem))))).to_be_visible()

            # A gift to a friend: Friends, the friend, the amount, review, send; the result in Spanish.
            friend = min(friends, key=lambda f: f.name)
            await _nav(page, es.say("Friends", context="screen"))
            await _choose_friend(page, friend.name, es.say("Friend"))
            await screens.type_into(page, page.get_by_role("textbox", name=es.say("Amount")), str(GIFT))
            await screens.button(page, es.say("Review gift")).click()
            await screens.button(page, es.say("Send gift")).click()
            sent = es.say("You sent {} to {}.", es.t.stars(GIFT), friend.name)
            await expect(screens.shown(page, containing(sent))).to_be_visible()
            after_gift = after_redeem - GIFT
            await expect(screens.shown(page, line(es.say("Balance: {}", es.t.stars(after_gift))))).to_be_visible()
            assert await eventually(lambda: api.balance(member), lambda b: b == after_gift) == after_gift
    finally:
        await page.context.close()
