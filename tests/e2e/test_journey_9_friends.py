"""Journey 9: friends with consent, asks for Stars and thank-yous, on the Friends tab.

1. A new member's code is added by Linus: that only sends a request. The newcomer's open app shows it, the newcomer
   accepts, and only then can Linus send a gift (the backend refused one before).
2. Grace asks Ada for Stars (through the API); Ada's open app shows the ask, Ada accepts it, which is a gift.
3. Linus thanks Grace for a gift with a sticker and a line; Grace's open app shows the thank-you, and her Activity
   entry of the gift carries it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Page, expect

from app.api import models as m
from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.screens import (
    button,
    choose_friend,
    expect_balance,
    nav,
    open_app,
    open_signed_in,
    reveal,
    shown,
    sign_in,
    type_into,
)
from tests.e2e.social import bring, tap

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

ADA, GRACE, LINUS = "ada@example.com", "grace@example.com", "linus@example.com"
NEWCOMER_PASSWORD = "newcomer-pass-1"


async def _top(page: Page) -> None:
    """Scroll back to the top of the screen (the gift form)."""
    viewport = page.viewport_size or {"width": 390, "height": 844}
    await page.mouse.move(viewport["width"] / 2, viewport["height"] / 2)
    await page.mouse.wheel(0, -20 * viewport["height"])


async def test_a_friend_added_by_code_must_accept_before_a_gift(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    newcomer = await api.join("Nova Newcomer", NEWCOMER_PASSWORD)
    nova, linus = await api.me(newcomer), await api.me(LINUS)
    linus_before = await api.balance(LINUS)
    newcomer_before = await api.balance(newcomer)  # the welcome bonus

    nova_page = await new_page("newcomer")
    await open_app(nova_page, app_url, "/")
    await sign_in(nova_page, newcomer, NEWCOMER_PASSWORD)
    await nav(nova_page, "Friends")
    await expect(nova_page).to_have_url(re.compile(r"/friends$"))

    linus_page = await new_page("linus")
    await open_signed_in(linus_page, app_url, LINUS)
    await nav(linus_page, "Friends")
    code = await reveal(linus_page, linus_page.get_by_role("textbox", name="Friend code"))
    await type_into(linus_page, code, nova.friend_code)
    await tap(linus_page, button(linus_page, "Add friend"))
    # The request reaches the backend first; only then look for its line (scrolling past the place where it will
    # appear, before it does, would never find it).
    sent = await eventually(
        lambda: api.get(LINUS, "/v1/me/friend-requests", m.FriendRequests),
        lambda requests: any(r.to_id == nova.id for r in requests.outgoing),
        timeout=20.0,
    )
    assert any(r.to_id == nova.id for r in sent.outgoing)
    await expect(await reveal(linus_page, shown(linus_page, f"Sent to {nova.name}: pending"))).to_be_visible()

    # A request is not a friendship: the backend refuses a gift either way until the newcomer accepts.
    refused = await api.gift(LINUS, nova.id, 5)
    assert refused.status_code == 403 and refused.json()["code"] == "not_a_friend"

    # The newcomer's open app shows the request by itself; they accept it there.
    request_text = shown(nova_page, f"{linus.name} wants to be friends")
    await expect(await reveal(nova_page, request_text)).to_be_visible()
    await tap(nova_page, button(nova_page, "Accept"))
    friends = await eventually(lambda: api.friends(LINUS), lambda fs: any(f.id == nova.id for f in fs))
    assert nova.id in {f.id for f in friends}
    await expect(await reveal(nova_page, shown(nova_page, linus.name))).to_be_visible()

    # Linus's open app learns the newcomer accepted (the friend is listed), and now the gift goes through.
    await expect(await reveal(linus_page, shown(linus_page, nova.name))).to_be_visible()
    await _top(linus_page)
    await choose_friend(linus_page, nova.name)
    await type_into(linus_page, linus_page.get_by_role("textbox", name="Amount"), "10")
    await button(linus_page, "Review gift").click()
    await button(linus_page, "Send gift").click()
    await expect_balance(linus_page, linus_before - 10)
    assert await api.balance(newcomer) == newcomer_before + 10


async def test_a_friend_accepts_an_ask_for_stars(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    ada, grace = await api.me(ADA), await api.me(GRACE)
    ada_page = await new_page("ada")
    await open_signed_in(ada_page, app_url, ADA)
    await nav(ada_page, "Friends")
    await expect(button(ada_page, "Review gift")).to_be_visible()
    ada_before, grace_before = await api.balance(ADA), await api.balance(GRACE)

    note = f"Cake {uuid.uuid4().hex[:6]}"
    ask = await api.ask(GRACE, ada.id, 15, note)
    asked = shown(ada_page, f"{grace.name} asks for 15 Stars")
    await expect(await reveal(ada_page, asked)).to_be_visible()
    await expect(shown(ada_page, note)).to_be_visible()
    await tap(ada_page, button(ada_page, "Accept"))
    await tap(ada_page, button(ada_page, "Send 15 Stars"))
    await expect_balance(ada_page, ada_before - 15)

    asks = await eventually(lambda: api.asks(GRACE), lambda a: a.outgoing[0].status == "accepted")
    assert asks.outgoing[0].id == ask.id and asks.outgoing[0].status == "accepted"
    assert await api.balance(ADA) == ada_before - 15
    assert await api.balance(GRACE) == grace_before + 15


async def test_a_thank_you_reaches_the_giver(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    grace, linus = await api.me(GRACE), await api.me(LINUS)
    message = f"Tea {uuid.uuid4().hex[:6]}"
    sent = await api.gift(GRACE, linus.id, 7, message)
    assert sent.status_code == 201, sent.text
    gift_id = sent.json()["id"]

    grace_page = await new_page("giver")
    await open_signed_in(grace_page, app_url, GRACE)
    await nav(grace_page, "Friends")
    await expect(button(grace_page, "Review gift")).to_be_visible()

    linus_page = await new_page("recipient")
    await open_signed_in(linus_page, app_url, LINUS)
    await nav(linus_page, "Friends")
    await expect(
        await reveal(linus_page, shown(linus_page, f"{grace.name} sent you 7 Stars: {message}"))
    ).to_be_visible()
    await tap(linus_page, button(linus_page, "Send a thank-you").first)
    await tap(linus_page, button(linus_page, "Party"))
    line = f"Thank you! {uuid.uuid4().hex[:4]}"
    field = linus_page.get_by_role("textbox", name="Thank-you message")
    await type_into(linus_page, await bring(linus_page, field), line)
    await tap(linus_page, button(linus_page, "Send thank-you"))
    await expect(shown(linus_page, f"Thank-you sent to {grace.name}.")).to_be_visible()

    thanks = await eventually(lambda: api.thanks(GRACE), lambda t: any(x.gift_id == gift_id for x in t.received))
    said = next(x for x in thanks.received if x.gift_id == gift_id)
    assert said.message == line and said.sticker is not None and said.sticker.id == "party"
    # The giver's open app shows it, without a reload.
    seen = shown(grace_page, f"{linus.name} thanks you for 7 Stars")
    await expect(await reveal(grace_page, seen)).to_be_visible()
    await expect(shown(grace_page, re.compile(re.escape(line)))).to_be_visible()
    # And the Activity entry of the gift carries it.
    await nav(grace_page, "Home")
    await tap(grace_page, button(grace_page, "Activity"))  # at the bottom of Home: scrolled to first
    await expect(grace_page).to_have_url(re.compile(r"/activity$"))
    await expect(shown(grace_page, re.compile(rf"Thank-you: .*{re.escape(line)}"))).to_be_visible()
