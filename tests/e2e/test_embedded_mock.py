"""`make run`'s app: the mock backend in-process (no `STARBOARD_API_URL`). The other journeys run the app against the
mock backend over HTTP; here the live updates' event stream is served in-process (app/api/in_process.py), and a gift
still reaches the recipient's open app by itself."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from playwright.async_api import Page, expect

from tests.e2e import screens
from tests.e2e.screens import balance_on_screen, button, choose_friend, expect_balance, open_signed_in, shown, type_into
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

STARS = 5


@pytest_asyncio.fixture(loop_scope="session")
async def embedded_url() -> AsyncIterator[str]:
    with servers.running(servers.embedded_app_server()) as (app,):
        yield app.url


async def test_a_gift_reaches_the_recipients_open_app_with_the_embedded_mock(
    new_page: Callable[..., Awaitable[Page]], embedded_url: str
) -> None:
    message = f"In-process {uuid.uuid4().hex[:6]}"
    receiving = await new_page("recipient")
    await open_signed_in(receiving, embedded_url, "alan@example.com")
    recipient_before = await balance_on_screen(receiving)

    sending = await new_page("sender")
    await open_signed_in(sending, embedded_url, "grace@example.com")
    sender_before = await balance_on_screen(sending)
    await screens.nav(sending, "Friends")
    await choose_friend(sending, "Alan Turing")
    await type_into(sending, sending.get_by_role("textbox", name="Amount"), str(STARS))
    await type_into(sending, sending.get_by_role("textbox", name="Message"), message)
    await button(sending, "Review gift").click()
    await button(sending, "Send gift").click()

    await expect_balance(sending, sender_before - STARS)
    await expect(shown(receiving, re.compile(rf"Grace Hopper.*{STARS} Stars.*{re.escape(message)}"))).to_be_visible()
    await expect_balance(receiving, recipient_before + STARS)
