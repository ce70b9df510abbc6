"""Journey 7: with the API down, the Member card still shows its QR code and the last known balance "as of" when it
was kept; once the API is back, "Retry" (or the app by itself) recovers."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Page, expect
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import button, open_app, open_signed_in, saved_access_token, shown, stars_text
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MEMBER = "alan@example.com"


async def test_member_card_works_offline_and_recovers(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi, restartable_backend: servers.Server
) -> None:
    card = await api.card(MEMBER)

    earlier = await new_page("earlier")
    await open_signed_in(earlier, app_url, MEMBER)
    await button(earlier, "Member card").click()
    await expect(earlier.get_by_role("img", name="Member QR code")).to_be_visible()
    await expect(shown(earlier, re.compile(rf"\b{stars_text(card.balance)}$", re.MULTILINE))).to_be_visible()
    await earlier.close()

    restartable_backend.stop(hold_port=True)
    # Later, in store, with no connection to the loyalty API, the member opens the app again on the same phone.
    page = await new_page("in-store", same_device_as=earlier)
    await open_app(page, app_url, "/card")
    qr = page.get_by_role("img", name="Member QR code")
    await expect(qr).to_be_visible()
    await expect(shown(page, re.compile(rf"\b{stars_text(card.balance)} as of \d", re.MULTILINE))).to_be_visible()
    retry = button(page, "Retry")
    await expect(retry).to_be_visible()

    restartable_backend.start()
    # Recovering needs the session the app holds to be valid on the API that came back.
    token = await saved_access_token(page)
    assert token, "the app should keep its session on the device"
    answer = await api.http.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, (
        f"the restarted API refuses the session issued before the restart ({answer.status_code}): the mock backend "
        "keeps tokens in memory, so a restart signs every member out and Retry cannot recover"
    )
    # Retry, or the app's own recovery (the live updates reload a screen that failed for want of the API) may get
    # there first and take the button away under the tap: either way the card comes back fresh.
    with contextlib.suppress(PlaywrightTimeoutError):
        await retry.click(timeout=5_000)
    await expect(retry).to_have_count(0)
    await expect(qr).to_be_visible()
    fresh = await api.card(MEMBER)
    await expect(shown(page, re.compile(rf"\b{stars_text(fresh.balance)}$", re.MULTILINE))).to_be_visible()
    await expect(shown(page, re.compile(r" as of ", re.MULTILINE))).to_have_count(0)
