from __future__ import annotations

from datetime import date

import httpx

from app.api.client import LoyaltyClient
from app.api.models import ProfileUpdate
from app.state import CardState, HomeState, MemoryDeviceStore, ProfileState, Session


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
    card_state = session.screen(CardState)
    await card_state.ensure_loaded()
    online = card_state.card
    assert online is not None and not card_state.offline
    assert device.card == online

    # The app opens again without a connection.
    working = session.client
    session.client = unreachable(session)
    card_state.reset()
    await card_state.ensure_loaded()

    assert card_state.status == "ready" and card_state.offline
    assert card_state.card == online  # same QR payload, balance as of when it was kept
    assert card_state.error

    # The API is back: Retry recovers.
    session.client = working
    await card_state.refresh()
    assert not card_state.offline and card_state.error is None


async def test_no_kept_card_offline_is_an_error_with_retry(session: Session) -> None:
    session.client = unreachable(session)
    card_state = session.screen(CardState)
    await card_state.ensure_loaded()
    assert card_state.status == "error" and card_state.card is None and card_state.error


async def test_signing_out_forgets_the_kept_card(session: Session, device: MemoryDeviceStore) -> None:
    card_state = session.screen(CardState)
    await card_state.ensure_loaded()
    await session.sign_out()
    assert device.card is None and card_state.card is None


async def test_birthday_is_saved_through_the_api(session: Session) -> None:
    profile = session.screen(ProfileState)
    await profile.ensure_loaded()
    assert profile.profile is not None and profile.birthday_text == "1815-12-10"

    profile.set_birthday_text("1990-04-21")
    await profile.save_birthday()

    assert profile.birthday_saved and profile.birthday_error is None
    assert (await session.client.me()).birthday == date(1990, 4, 21)


async def test_a_malformed_birthday_is_refused_before_sending(session: Session) -> None:
    profile = session.screen(ProfileState)
    await profile.ensure_loaded()
    profile.set_birthday_text("21/04/1990")
    await profile.save_birthday()
    assert profile.birthday_error and not profile.birthday_saved


async def test_a_simulated_visit_earns_and_updates_the_balance(session: Session) -> None:
    home = session.screen(HomeState)
    await home.ensure_loaded()
    before = session.member.balance
    assert before is not None
    profile = session.screen(ProfileState)
    profile.set_visit_amount("20")

    await profile.simulate_visit()

    assert profile.last_visit is not None and profile.last_visit.stars > 0
    assert session.member.balance == before + profile.last_visit.stars
    assert not home.is_fresh()  # Home loads again on its next visit


async def test_a_reload_while_the_birthday_is_being_typed_keeps_what_was_typed(session: Session) -> None:
    profile = session.screen(ProfileState)
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
