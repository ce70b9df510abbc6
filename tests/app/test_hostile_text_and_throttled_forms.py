"""The app's forms against throttling and hidden characters: the reason is said where the customer looks.

Sign-in: the throttled answer (429 with Retry-After) reads "Too many attempts. Try again in N s." under the form.
Gift message, friend code and review text: a control character, a lone surrogate or a text-direction override is
refused next to its field, before anything is sent (the contract's named types say why), and nothing is sent.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.api.models import BIDI_IN_TEXT, BROKEN_TEXT, CONTROL_IN_TEXT
from app.mock_backend import FrozenClock, build_demo_store, create_app
from app.state import EarnState, FriendCircleState, FriendsState, GiftState, MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over
from tests.support.clocks import T0

HIDDEN = [
    ("\ud800", BROKEN_TEXT),
    ("nul \x00 here", CONTROL_IN_TEXT),
    ("\x1b[31mred\x1b[0m", CONTROL_IN_TEXT),
    ("next\x85line", CONTROL_IN_TEXT),
    ("gift for \u202eevil.exe", BIDI_IN_TEXT),
    ("isolated \u2067text\u2069", BIDI_IN_TEXT),
]


async def test_a_throttled_sign_in_says_how_long_to_wait_and_the_right_password_works_after_it() -> None:
    clock = FrozenClock(T0)
    session = Session(client_over(RecordingTransport(create_app(build_demo_store(clock=clock)))), MemoryDeviceStore())
    await session.start()
    form = session.signin
    form.set_email("ada@example.com")
    for _ in range(19):
        form.set_password("not-the-password")
        await form.submit()
        assert form.error == "That email and password do not match."

    form.set_password("not-the-password")
    await form.submit()
    assert form.error == "Too many attempts. Try again in 60 s."

    clock.advance(timedelta(seconds=30))
    form.set_password(DEMO_PASSWORD)  # the right one, but the window is still full: not even checked
    await form.submit()
    assert form.error == "Too many attempts. Try again in 30 s."
    assert session.auth == "signed_out"

    clock.advance(timedelta(seconds=30))
    await form.submit()
    assert form.error is None
    assert session.auth == "signed_in"
    await session.close()


async def signed_in(transport: RecordingTransport) -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await session.live.stop()
    return session


@pytest.mark.parametrize(("text", "reason"), HIDDEN)
async def test_a_gift_message_with_hidden_characters_is_refused_next_to_the_field(
    backend: object, text: str, reason: str
) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport)
    gift = ada.screen(GiftState)
    await gift.ensure_loaded()
    gift.set_friend(next(f.id for f in gift.friends if f.name.startswith("Grace")))
    gift.set_amount("5")
    gift.set_message(text)

    gift.review()
    await gift.send()

    assert gift.errors == {"message": reason}
    assert gift.step == "form"
    assert transport.count("POST /v1/me/gifts") == 0
    await ada.close()


async def test_a_gift_message_may_hold_line_breaks_and_right_to_left_text(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport)
    gift = ada.screen(GiftState)
    await gift.ensure_loaded()
    gift.set_friend(next(f.id for f in gift.friends if f.name.startswith("Grace")))
    gift.set_amount("5")
    gift.set_message("Enjoy!\nשלום 👩‍👩‍👧")

    gift.review()
    await gift.send()

    assert gift.errors == {} and gift.step == "sent"
    assert gift.last_gift is not None and gift.last_gift.message == "Enjoy!\nשלום 👩‍👩‍👧"
    await ada.close()


@pytest.mark.parametrize(("text", "reason"), HIDDEN)
async def test_a_friend_code_with_hidden_characters_is_refused_next_to_the_field(
    backend: object, text: str, reason: str
) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport)
    circle = ada.screen(FriendsState).section(FriendCircleState)
    circle.set_friend_code(text)

    await circle.add_friend()

    assert circle.add_friend_error == reason
    assert transport.count("POST /v1/me/friend-requests") == 0
    await ada.close()


@pytest.mark.parametrize(("text", "reason"), HIDDEN)
async def test_a_review_with_hidden_characters_is_refused_on_its_text_field(
    backend: object, text: str, reason: str
) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport)
    earn = ada.screen(EarnState)
    await earn.ensure_loaded()
    earn.set_rating(5)
    earn.set_review_text(f"A lovely visit, {text}")

    await earn.post_review()

    assert earn.review_text_error == reason
    assert earn.review_error is None
    assert transport.count("POST /v1/me/reviews") == 0
    earn.set_review_text("A lovely visit,\nthank you")
    assert earn.review_text_error is None
    await earn.post_review()
    assert earn.review_result is not None and earn.review_result.stars == 10
    await ada.close()
