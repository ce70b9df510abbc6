"""Journey 10: habits and play. A gift appears in the recipient's open inbox by itself and the unread count falls
once it is read; an activated offer doubles the next simulated visit, once; a goal set on Rewards drives Home's
progress bar and is celebrated when reached. The backend holds the same."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Locator, Page, expect

from app.api import models as m
from tests.e2e import screens
from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.screens import button, open_signed_in, reveal, shown, type_into
from tests.e2e.social import tap

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


def _tens(entries: list[m.ActivityEntry]) -> int:
    return sum(1 for e in entries if e.kind == "purchase" and "$10.00" in e.reason)


async def tap_until(page: Page, target: Locator, outcome: Locator, attempts: int = 3) -> None:
    """Tap `target` until `outcome` shows: a tap that lands while Flutter is still laying the new screen out is lost
    (seen here right after a screen opens), like a key typed before a field has focus (`screens.type_into`)."""
    for _ in range(attempts - 1):
        if await target.count():
            await target.click()
        try:
            await expect(outcome).to_be_visible(timeout=3000)
            return
        except AssertionError:
            continue
    await expect(outcome).to_be_visible()


async def test_a_gift_appears_in_the_inbox_live_and_reading_it_lowers_the_count(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    sender, recipient = "ada@example.com", "linus@example.com"
    message = f"Enjoy {uuid.uuid4().hex[:6]}"
    sender_name = (await api.me(sender)).name
    page = await new_page("recipient")
    await open_signed_in(page, app_url, recipient)
    # The inbox loads in the background after Home: wait for the top bar to show the count the API has.
    before = (await api.get(recipient, "/v1/me/inbox", dict))["unread"]
    await expect(button(page, f"Inbox, {before} unread")).to_be_visible()

    linus_id = next(f.id for f in await api.friends(sender) if f.name.startswith("Linus"))
    sent = await api.request(
        sender,
        "POST",
        "/v1/me/gifts",
        json={"friend_id": linus_id, "stars": 5, "message": message},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert sent.status_code == 201, sent.text

    # No reload: the live updates bring it, the top bar's count goes up.
    await expect(button(page, f"Inbox, {before + 1} unread")).to_be_visible()
    await button(page, f"Inbox, {before + 1} unread").click()
    await expect(page).to_have_url(re.compile(r"/inbox$"))
    item = page.get_by_role("button", name=re.compile(rf"{re.escape(sender_name)} sent you 5 Stars[\s\S]*{message}"))
    await expect(item).to_be_visible()
    await item.click()  # opens the screen it is about: the gift is in Activity
    await expect(page).to_have_url(re.compile(r"/activity$"))
    await expect(button(page, f"Inbox, {before} unread")).to_be_visible()
    inbox = await api.get(recipient, "/v1/me/inbox", dict)
    assert inbox["unread"] == before
    assert next(i for i in inbox["items"] if i["body"] == message)["read"] is True


async def test_an_activated_offer_doubles_the_next_visit_once(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    member = "alan@example.com"
    page = await new_page("alan")
    await open_signed_in(page, app_url, member)
    await tap(page, button(page, "Offers"))  # below the fold of Home: scrolled to first
    await expect(page).to_have_url(re.compile(r"/offers$"))
    activated = shown(page, "Activated: it applies to your next qualifying visit")
    await tap_until(page, button(page, "Activate Double Star Day"), activated)

    await screens.nav(page, "Home")
    await button(page, "Profile").click()
    visit = await reveal(page, button(page, "Simulate a visit"))
    await type_into(page, page.get_by_role("textbox", name="Amount spent"), "10")  # kept for the next visit too
    # Typing scrolls the field into view and can leave the button under the bottom bar: Demo is Profile's last card,
    # so scroll to the end, where the button stands clear of the bar.
    await page.mouse.move(195, 400)
    await page.mouse.wheel(0, 4000)
    for n in (1, 2):
        await expect(visit).to_be_enabled()  # busy ("Recording...") until the last visit is recorded
        await visit.click()
        entries = await eventually(lambda: api.activity(member, limit=10), lambda e, n=n: _tens(e) >= n)
        assert _tens(entries) == n, f"visit {n} was not recorded"
    purchases = await api.activity(member, limit=10)
    assert _tens(purchases) == 2
    second, first = [e for e in purchases if e.kind == "purchase"][:2]
    assert "Double Star Day x2" in first.reason and "Double Star Day" not in second.reason
    assert first.stars == 2 * second.stars
    offers = await api.get(member, "/v1/me/offers", list)
    assert next(o for o in offers if o["id"] == "double-star-day")["status"] == "used"


async def test_a_goal_set_on_rewards_drives_homes_bar_and_is_celebrated(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    member = "ada@example.com"
    rewards = await api.rewards(member)
    balance = await api.balance(member)
    page = await new_page("ada")
    await open_signed_in(page, app_url, member)
    try:
        dearest = max(rewards, key=lambda r: r.cost)
        cheapest = min(rewards, key=lambda r: r.cost)
        assert balance >= cheapest.cost
        await screens.nav(page, "Rewards")
        await tap(page, button(page, f"Set {dearest.name} as my goal"))
        await expect(button(page, f"Remove {dearest.name} as my goal")).to_be_attached()  # the API took it
        await screens.nav(page, "Home")
        bar = screens.progressbar(
            page, f"Your goal: {min(balance, dearest.cost):,} of {dearest.cost:,} Stars to {dearest.name}"
        )
        await expect(bar).to_be_visible()

        await screens.nav(page, "Rewards")
        await tap(page, button(page, f"Set {cheapest.name} as my goal"))
        await expect(button(page, f"Remove {cheapest.name} as my goal")).to_be_attached()
        await screens.nav(page, "Home")
        await expect(shown(page, f"Goal reached! You have the Stars for {cheapest.name}.")).to_be_visible()
        assert (await api.summary(member)).goal is not None

        await screens.nav(page, "Rewards")
        await tap(page, button(page, f"Remove {cheapest.name} as my goal"))
        await expect(button(page, f"Set {cheapest.name} as my goal")).to_be_attached()
        await screens.nav(page, "Home")
        await expect(button(page, "Refresh")).to_be_visible()
        # Back to the next reward of the ladder: the bar's name no longer speaks of a goal.
        await expect(page.get_by_role("progressbar", name=re.compile(r"^[\d,]+ of [\d,]+ Stars to \S"))).to_be_visible()
    finally:
        await api.request(member, "DELETE", "/v1/me/goal")  # the other journeys expect Home's next-reward bar
    assert (await api.summary(member)).goal is None
