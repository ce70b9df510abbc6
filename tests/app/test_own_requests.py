"""A member's own gift or redemption, told back by the live updates (`Event.idempotency_key`, app/state/live.py
`OwnRequests`): the app that sent it applies the answer and does not load it all again; the member's other open
device does; and when the answer was not applied here, the live update loads what changed after all."""

from __future__ import annotations

import asyncio

from app.state import FriendsState, GiftState, RewardsState, Session
from tests.app.fakes import RecordingTransport
from tests.app.test_gift import friend_named, signed_in

GIFTS = "POST /v1/me/gifts"
REDEMPTIONS = "POST /v1/me/redemptions"
POLL = "GET /v1/me/events"
SUMMARY = "GET /v1/me/summary"


async def on_gift_screen(transport: RecordingTransport) -> Session:
    """Ada signed in, the Gift screen (all of Friends' sections) on show, her live updates' cursor set."""
    ada = await signed_in(transport, "ada@example.com")
    await ada.show(ada.screen(FriendsState))
    await ada.live.poll_once()  # the cursor starts after what already happened
    return ada


def review_gift(ada: Session, stars: int) -> GiftState:
    gift = ada.screen(GiftState)
    gift.set_friend(friend_named(ada, "Linus"))
    gift.set_amount(str(stars))
    gift.review()
    assert gift.step == "review"
    return gift


async def test_a_members_own_gift_is_not_loaded_again_but_their_other_device_loads_it(backend: object) -> None:
    phone, laptop = RecordingTransport(backend), RecordingTransport(backend)
    ada, ada_elsewhere = await on_gift_screen(phone), await on_gift_screen(laptop)
    before = ada.member.balance
    assert before is not None
    await review_gift(ada, 10).send()
    assert ada.member.balance == before - 10

    asked = len(phone.sent)
    events = await ada.live.poll_once()
    assert [e.kind for e in events] == ["gift_sent"] and events[0].idempotency_key == phone.keys[GIFTS][0]
    assert phone.sent[asked:] == [POLL]  # neither the summary nor the Gift screen's seven sections again

    asked = len(laptop.sent)
    await ada_elsewhere.live.poll_once()
    assert SUMMARY in laptop.sent[asked:] and "GET /v1/me/gifts/allowance" in laptop.sent[asked:]
    assert ada_elsewhere.member.balance == before - 10
    await ada.close()
    await ada_elsewhere.close()


async def test_the_event_that_comes_before_the_answer_waits_for_it(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    await ada.live.poll_once()
    rewards = ada.screen(RewardsState)
    await rewards.ensure_loaded()
    await ada.show(rewards)
    before = ada.member.balance
    reward = next(r for r in rewards.rewards if r.can_redeem)
    rewards.ask_to_redeem(reward)
    transport.hold(REDEMPTIONS, answered=True)  # applied by the API, the answer still on its way
    redeeming = asyncio.create_task(rewards.confirm_redeem())
    await transport.holding.wait()

    asked = len(transport.sent)
    events = await ada.live.poll_once()  # the event is here first
    assert [e.kind for e in events] == ["reward_redeemed"]
    assert transport.sent[asked:] == [POLL]
    transport.release()
    await redeeming
    assert rewards.last_redemption is not None and rewards.last_redemption.reward_id == reward.id
    assert before is not None and ada.member.balance == before - reward.cost
    await ada.close()


async def test_when_the_answer_is_lost_the_event_loads_what_changed(backend: object) -> None:
    """The gift went through, its answer never came: the customer sees "try again", and the live update shows the
    Stars as they are now, as it would for any other device's gift."""
    transport = RecordingTransport(backend, lose_answers_to={GIFTS})
    ada = await on_gift_screen(transport)
    before = ada.member.balance
    assert before is not None
    gift = review_gift(ada, 10)
    await gift.send()
    assert gift.step == "review" and gift.send_error is not None and ada.member.balance == before

    asked = len(transport.sent)
    await ada.live.poll_once()
    assert SUMMARY in transport.sent[asked:]
    assert ada.member.balance == before - 10
    await ada.close()


async def test_an_event_held_for_an_answer_that_is_then_lost_loads_after_all(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={GIFTS})
    ada = await on_gift_screen(transport)
    before = ada.member.balance
    assert before is not None
    gift = review_gift(ada, 10)
    transport.hold(GIFTS, answered=True)
    sending = asyncio.create_task(gift.send())
    await transport.holding.wait()
    await ada.live.poll_once()  # held: the answer may still come
    assert ada.member.balance == before

    asked = len(transport.sent)
    transport.release()
    await sending  # ...and it is lost
    assert gift.send_error is not None
    for _ in range(100):  # the held reload runs in the background
        if ada.member.balance == before - 10:
            break
        await asyncio.sleep(0.01)
    assert ada.member.balance == before - 10 and SUMMARY in transport.sent[asked:]
    await ada.close()


async def test_a_load_asked_before_a_redemption_does_not_put_the_old_balance_back(backend: object) -> None:
    """The Gift tab built ahead while the member redeems: its allowance, asked before the redemption and answered
    after it, carries the old balance; the top bar keeps the redemption's (the e2e Spanish journey once saw the old
    one come back)."""
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    rewards = ada.screen(RewardsState)
    await rewards.ensure_loaded()
    before = ada.member.balance
    reward = next(r for r in rewards.rewards if r.can_redeem)
    transport.hold("GET /v1/me/gifts/allowance", answered=True)  # answered by the API now, the answer on its way
    gift = ada.screen(GiftState)
    loading = asyncio.create_task(gift.refresh())
    await transport.holding.wait()
    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()
    assert before is not None and ada.member.balance == before - reward.cost

    transport.release()
    await loading
    assert gift.status == "ready" and gift.allowance is not None
    assert gift.allowance.balance == before  # as the API saw it when asked
    assert ada.member.balance == before - reward.cost  # the top bar keeps the redemption's
    await gift.refresh()  # asked after the redemption: its balance is taken
    assert gift.allowance.balance == ada.member.balance == before - reward.cost
    await ada.close()
