from __future__ import annotations

import asyncio

from app.state import MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over

REDEEM = "POST /v1/me/redemptions"


async def signed_in(transport: RecordingTransport, email: str = "ada@example.com") -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    await session.home.ensure_loaded()
    await session.rewards.ensure_loaded()
    return session


def cheapest_redeemable(session: Session):  # type: ignore[no-untyped-def]
    return min((r for r in session.rewards.rewards if r.can_redeem), key=lambda r: r.cost)


async def test_rewards_are_grouped_by_cost_cheapest_first(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    costs = [cost for cost, _ in session.rewards.by_cost()]
    assert costs == sorted(costs) and costs[0] == 25
    assert all(r.cost == cost for cost, group in session.rewards.by_cost() for r in group)
    await session.close()


async def test_redeem_shows_the_code_updates_the_balance_and_lists_it_in_my_rewards(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    rewards = session.rewards
    reward = cheapest_redeemable(session)
    balance = session.balance
    assert balance is not None

    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()

    done = rewards.last_redemption
    assert done is not None and done.reward_id == reward.id and done.code and done.qr_payload
    assert session.balance == balance - reward.cost == done.balance_after
    assert rewards.redemptions[0].id == done.id
    assert rewards.confirming is None and rewards.pending_key is None
    assert not session.home.is_fresh()  # Home's numbers are reloaded on the next visit
    await session.close()


async def test_a_double_tap_on_confirm_redeems_once(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    reward = cheapest_redeemable(session)
    balance = session.balance
    assert balance is not None

    session.rewards.ask_to_redeem(reward)
    session.rewards.ask_to_redeem(reward)  # a double tap on "Redeem" is the same intent
    key = session.rewards.pending_key
    await asyncio.gather(session.rewards.confirm_redeem(), session.rewards.confirm_redeem())

    assert key is not None
    assert transport.count(REDEEM) == 1
    assert session.balance == balance - reward.cost
    await session.close()


async def test_retry_after_a_lost_answer_reuses_the_key_and_redeems_once(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={REDEEM})
    session = await signed_in(transport)
    rewards = session.rewards
    reward = cheapest_redeemable(session)
    balance = session.balance
    assert balance is not None

    rewards.ask_to_redeem(reward)
    key = rewards.pending_key
    await rewards.confirm_redeem()  # reached the backend, but the answer was lost

    assert rewards.redeem_error is not None and rewards.can_retry
    assert rewards.confirming == reward and rewards.pending_key == key

    await rewards.confirm_redeem()  # "Confirm" again: same key, the backend replays the first redemption

    assert transport.count(REDEEM) == 2
    assert rewards.last_redemption is not None
    await rewards.refresh()
    assert session.balance == balance - reward.cost  # one effect
    await session.home.refresh()
    assert session.home.summary is not None and session.home.summary.balance == balance - reward.cost
    await session.close()


async def test_a_new_confirmation_is_a_new_intent(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    reward = cheapest_redeemable(session)
    session.rewards.ask_to_redeem(reward)
    first = session.rewards.pending_key
    session.rewards.cancel_redeem()
    session.rewards.ask_to_redeem(reward)
    assert session.rewards.pending_key not in (None, first)
    await session.close()


async def test_a_reward_the_api_says_is_out_of_reach_cannot_be_confirmed(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    locked = next(r for r in session.rewards.rewards if not r.can_redeem)

    session.rewards.ask_to_redeem(locked)
    await session.rewards.confirm_redeem()

    assert session.rewards.confirming is None
    assert transport.count(REDEEM) == 0
    await session.close()
