"""Journey 4: gift Stars to a friend. Two browsers, signed in as two friends: the sender sends 25 Stars with a
message; the sender's balance drops by 25, the recipient sees the notice and the new balance without reloading,
and both see the entry in their activity. The backend holds exactly that."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Page, expect

from tests.e2e import screens
from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import (
    activity_entry,
    balance_on_screen,
    button,
    choose_friend,
    expect_balance,
    open_signed_in,
    shown,
    type_into,
)
from tests.e2e.social import tap

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

SENDER, RECIPIENT = "grace@example.com", "alan@example.com"
STARS = 25


async def test_gift_stars_to_a_friend(new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi) -> None:
    message = f"Thanks for the tea {uuid.uuid4().hex[:6]}"
    sender_before, recipient_before = await api.balance(SENDER), await api.balance(RECIPIENT)
    recipient_name = (await api.me(RECIPIENT)).name
    sender_name = (await api.me(SENDER)).name
    assert sender_before >= STARS, f"{SENDER} needs {STARS} Stars to gift (has {sender_before})"

    receiving = await new_page("recipient")
    await open_signed_in(receiving, app_url, RECIPIENT)
    assert await balance_on_screen(receiving) == recipient_before

    sending = await new_page("sender")
    await open_signed_in(sending, app_url, SENDER)
    await screens.nav(sending, "Friends")
    await choose_friend(sending, recipient_name)
    await type_into(sending, sending.get_by_role("textbox", name="Amount"), str(STARS))
    await type_into(sending, sending.get_by_role("textbox", name="Message"), message)
    await button(sending, "Review gift").click()
    await button(sending, "Send gift").click()

    await expect_balance(sending, sender_before - STARS)
    # The recipient's open app learns about the gift by itself: a notice, and the new balance.
    await expect(
        shown(receiving, re.compile(rf"{re.escape(sender_name)}.*{STARS} Stars.*{re.escape(message)}"))
    ).to_be_visible()
    await expect_balance(receiving, recipient_before + STARS)

    # The backend moved exactly 25 Stars, and both ledgers carry the entry with its message.
    assert await api.balance(SENDER) == sender_before - STARS
    assert await api.balance(RECIPIENT) == recipient_before + STARS
    out = [e for e in await api.activity(SENDER) if e.kind == "gift_out" and e.message == message]
    into = [e for e in await api.activity(RECIPIENT) if e.kind == "gift_in" and e.message == message]
    assert [e.stars for e in out] == [-STARS] and [e.stars for e in into] == [STARS]

    # Both activity screens show it.
    for page, title, stars in (
        (sending, f"Gift to {recipient_name}", -STARS),
        (receiving, f"Gift from {sender_name}", STARS),
    ):
        await screens.nav(page, "Home")
        await tap(page, button(page, "Activity"))  # at the bottom of Home: scrolled to first
        await expect(page).to_have_url(re.compile(r"/activity$"))
        await expect(activity_entry(page, title, stars, message)).to_be_visible()
