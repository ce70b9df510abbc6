from __future__ import annotations

from datetime import date

import httpx

from app.api.client import LoyaltyClient
from app.api.models import ProfileUpdate
from app.state import MemoryDeviceStore, Session


def unreachable(session: Session) -> LoyaltyClient:
    """A client for the same member whose every request fails to connect (the API is down or the phone offline)."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    return LoyaltyClient(
        "http://starboard.local",
        transport=httpx.MockTransport(refuse),
        retry=session.client.retry,
        tokens=session.client.tokens,
    )


async def test_the_card_is_kept_on_the_device_and_shown_offline(session: Session, device: MemoryDeviceStore) -> None:
    await session.card.ensure_loaded()
    online = session.card.card
    assert online is not None and not session.card.offline
    assert device.card == online

    # The app opens again without a connection.
    working = session.client
    session.client = unreachable(session)
    session.card.reset()
    await session.card.ensure_loaded()

    assert session.card.status == "ready" and session.card.offline
    assert session.card.card == online  # same QR payload, balance as of when it was kept
    assert session.card.error

    # The API is back: Retry recovers.
    session.client = working
    await session.card.refresh()
    assert not session.card.offline and session.card.error is None


async def test_no_kept_card_offline_is_an_error_with_retry(session: Session) -> None:
    session.client = unreachable(session)
    await session.card.ensure_loaded()
    assert session.card.status == "error" and session.card.card is None and session.card.error


async def test_signing_out_forgets_the_kept_card(session: Session, device: MemoryDeviceStore) -> None:
    await session.card.ensure_loaded()
    await session.sign_out()
    assert device.card is None and session.card.card is None


async def test_birthday_is_saved_through_the_api(session: Session) -> None:
    profile = session.profile
    await profile.ensure_loaded()
    assert profile.profile is not None and profile.birthday_text == "1815-12-10"

    profile.set_birthday_text("1990-04-21")
    await profile.save_birthday()

    assert profile.birthday_saved and profile.birthday_error is None
    assert (await session.client.me()).birthday == date(1990, 4, 21)


async def test_a_malformed_birthday_is_refused_before_sending(session: Session) -> None:
    await session.profile.ensure_loaded()
    session.profile.set_birthday_text("21/04/1990")
    await session.profile.save_birthday()
    assert session.profile.birthday_error and not session.profile.birthday_saved


async def test_a_simulated_visit_earns_and_updates_the_balance(session: Session) -> None:
    await session.home.ensure_loaded()
    before = session.balance
    assert before is not None
    profile = session.profile
    profile.set_visit_amount("20")

    await profile.simulate_visit()

    assert profile.last_visit is not None and profile.last_visit.stars > 0
    assert session.balance == before + profile.last_visit.stars
    assert not session.home.is_fresh()  # Home loads again on its next visit


async def test_a_reload_while_the_birthday_is_being_typed_keeps_what_was_typed(session: Session) -> None:
    profile = session.profile
    await profile.ensure_loaded()
    loaded_at = profile.texts_revision
    profile.set_birthday_text("1990-04")  # half typed
    profile.invalidate()
    await profile.refresh()  # e.g. a live update reloads the screen on show

    assert profile.birthday_text == "1990-04" and profile.texts_revision == loaded_at
    # Untouched, the field follows what is saved (here: saved from another device).
    profile.set_birthday_text("1815-12-10")
    await session.client.update_profile(ProfileUpdate(birthday=date(1990, 4, 21)))
    await profile.refresh()
    assert profile.birthday_text == "1990-04-21" and profile.texts_revision > loaded_at
