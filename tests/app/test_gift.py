from __future__ import annotations

import asyncio

import pytest

from app.api.models import GiftAllowance
from app.state import GiftState, HomeState, MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import FakeContext, RecordingTransport, client_over

GIFTS = "POST /v1/me/gifts"


async def signed_in(transport: RecordingTransport, email: str) -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    await session.screen(GiftState).ensure_loaded()
    return session


def friend_named(session: Session, first_name: str) -> str:
    return next(f.id for f in session.screen(GiftState).friends if f.name.startswith(first_name))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("", "Enter how many Stars to send."),
        ("abc", "Enter the amount as a number, like 25."),
        ("2.5", "Stars are whole numbers: enter an amount like 25."),
        ("0", "Send at least 1 Star."),
        ("-3", "Send at least 1 Star."),
        ("600", "A gift can be at most 500 Stars."),
        ("400", "You have 189 Stars, so you can send at most 189."),
    ],
)
async def test_a_refused_amount_is_explained_next_to_the_field_and_nothing_is_sent(
    backend: object, amount: str, expected: str
) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(GiftState)
    assert gift.allowance is not None and gift.allowance.balance == 189  # the seed's Ada
    gift.set_friend(friend_named(ada, "Grace"))
    gift.set_amount(amount)

    gift.review()
    await gift.send()

    assert gift.errors == {"amount": expected}
    assert gift.step == "form"
    assert transport.count(GIFTS) == 0
    await ada.close()


def test_the_daily_cap_and_the_message_length_come_from_the_allowance() -> None:
    gift = GiftState(FakeContext())  # the form's checks only read the allowance
    gift.allowance = GiftAllowance(
        balance=5000,
        min_per_gift=1,
        max_per_gift=500,
        daily_cap=1000,
        sent_today=900,
        remaining_today=100,
        max_now=100,
        message_max_chars=10,
    )
    gift.set_amount("150")
    gift.set_message("x" * 11)
    assert gift.validate() is None
    assert gift.errors["amount"] == "You can send 100 more Stars today (the daily limit is 1,000)."
    assert gift.errors["message"] == "Keep the message to 10 characters (it has 11)."
    assert gift.errors["friend"] == "Choose the friend to send Stars to."


async def test_over_the_daily_cap_is_refused_without_sending(backend: object) -> None:
    transport = RecordingTransport(backend)
    linus = await signed_in(transport, "linus@example.com")  # thousands of Stars
    grace = friend_named(linus, "Grace")
    gift = linus.screen(GiftState)
    for _ in range(2):
        gift.set_friend(grace)
        gift.set_amount("500")
        gift.review()
        await gift.send()
        assert gift.step == "sent", gift.errors
        gift.start_over()
    assert gift.allowance is not None and gift.allowance.remaining_today == 0

    gift.set_friend(grace)
    gift.set_amount("1")
    gift.review()

    assert gift.errors["amount"].startswith("You can send 0 more Stars today")
    assert transport.count(GIFTS) == 2
    await linus.close()


async def test_send_gift_once_on_a_double_tap_and_the_friend_is_told_live(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    grace = await signed_in(RecordingTransport(backend), "grace@example.com")
    await grace.live.poll_once()  # the cursor starts after what already happened
    await grace.screen(HomeState).ensure_loaded()
    grace_before = grace.member.balance
    ada_before = ada.member.balance
    assert grace_before is not None and ada_before is not None
    gift = ada.screen(GiftState)

    gift.set_friend(friend_named(ada, "Grace"))
    typed_at = gift.texts_revision
    gift.set_amount("25")
    gift.set_message("Coffee's on me")
    assert gift.texts_revision == typed_at  # typing is never sent back to the fields
    gift.review()
    assert gift.step == "review"
    await asyncio.gather(gift.send(), gift.send())
    # The form is cleared for the next gift: the fields are created again, empty.
    assert gift.texts_revision > typed_at and gift.amount_text == "" and gift.message == ""

    assert transport.count(GIFTS) == 1 and len(transport.keys[GIFTS]) == 1
    assert gift.step == "sent" and gift.last_gift is not None
    assert ada.member.balance == ada_before - 25

    events = await grace.live.poll_once()
    assert [e.kind for e in events] == ["gift_received"]
    assert grace.notice is not None
    assert grace.notice.text == "Ada Lovelace sent you 25 Stars: Coffee's on me"
    assert grace.member.balance == grace_before + 25
    await ada.close()
    await grace.close()


async def test_retry_after_a_lost_answer_sends_the_same_gift_once(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={GIFTS})
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(GiftState)
    before = ada.member.balance
    assert before is not None
    gift.set_friend(friend_named(ada, "Linus"))
    gift.set_amount("10")
    gift.review()

    await gift.send()
    assert gift.step == "review" and gift.send_error is not None

    await gift.send()
    assert gift.step == "sent"
    first, retry = transport.keys[GIFTS]
    assert retry == first  # the retry is the same intent: the backend recorded one gift
    await gift.refresh()
    assert ada.member.balance == before - 10
    assert gift.allowance is not None and gift.allowance.sent_today == 10
    await ada.close()
