"""Journey 5: gifts that break a rule are refused with a clear message next to the amount, and nothing moves:
an amount of 0, a negative amount, letters, more than the balance, and more than the per-gift limit."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import balance_on_screen, button, choose_friend, nav, open_signed_in, shown, type_into

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

CANDIDATES = ("ada@example.com", "alan@example.com", "grace@example.com")
FRIEND = "linus@example.com"


async def test_refused_gifts_explain_why_and_move_nothing(page: Page, app_url: str, api: BackendApi) -> None:
    rules = (await api.program()).gift_rules
    # "More than the balance" must be a different refusal from "more than the per-gift limit": use a member whose
    # balance is under the limit.
    balances = {email: await api.balance(email) for email in CANDIDATES}
    member = next((e for e, b in balances.items() if 0 < b < rules.max_per_gift), None)
    assert member is not None, f"no demo member has a balance under {rules.max_per_gift}: {balances}"
    balance = balances[member]
    activity_before = [e.id for e in await api.activity(member)]
    friend_before = await api.balance(FRIEND)
    friend_name = (await api.me(FRIEND)).name

    # Each message must say what is wrong in the member's terms; none of these phrases is in the rules card above the
    # form, so a match is the refusal itself.
    refusals: list[tuple[str, re.Pattern[str]]] = [
        ("0", re.compile(rf"\bat least {rules.min_per_gift} Stars?\b")),
        ("-5", re.compile(rf"\bat least {rules.min_per_gift} Stars?\b")),
        ("abc", re.compile(r"\bnumber\b")),
        (str(balance + 1), re.compile(rf"\bat most {balance:,}\b")),
        (str(rules.max_per_gift + 1), re.compile(rf"\bat most {rules.max_per_gift:,} Stars\b")),
    ]

    await open_signed_in(page, app_url, member)
    await nav(page, "Friends")
    await choose_friend(page, friend_name)
    amount = page.get_by_role("textbox", name="Amount")
    for typed, message in refusals:
        await type_into(page, amount, typed)
        # Typing clears the previous refusal, so the next one is this amount's own.
        await expect(amount).not_to_have_accessible_description(re.compile(r"\S"))
        await button(page, "Review gift").click()
        # The message is the Amount field's own description (what a screen reader reads with it) and is on screen.
        await expect(amount).to_have_accessible_description(message)
        await expect(shown(page, re.compile(message.pattern, re.MULTILINE))).to_be_visible()
        await expect(button(page, "Send gift")).to_have_count(0)
        assert await balance_on_screen(page) == balance, f"amount {typed!r} changed the balance on screen"

    # Nothing moved on the backend either.
    assert await api.balance(member) == balance
    assert await api.balance(FRIEND) == friend_before
    assert [e.id for e in await api.activity(member)] == activity_before
