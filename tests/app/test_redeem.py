from __future__ import annotations

import asyncio

from app.state import HomeState, MemoryDeviceStore, RewardsState, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over

REDEEM = "POST /v1/me/redemptions"


async def signed_in(transport: RecordingTransport, email: str = "ada@example.com") -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    await session.screen(HomeState).ensure_loaded()
    await session.screen(RewardsState).ensure_loaded()
    return session


def cheapest_redeemable(session: Session):  # type: ignore[no-untyped-def]
    return min((r for r in session.screen(RewardsState).rewards if r.can_redeem), key=lambda r: r.cost)


async def test_rewards_are_grouped_by_cost_cheapest_first(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    by_cost = session.screen(RewardsState).by_cost()
    costs = [cost for cost, _ in by_cost]
    assert costs == sorted(costs) and costs[0] == 25
    assert all(r.cost == cost for cost, group in by_cost for r in group)
    await session.close()


async def test_redeem_shows_the_code_updates_the_balance_and_lists_it_in_my_rewards(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    rewards = session.screen(RewardsState)
    reward = cheapest_redeemable(session)
    balance = session.member.balance
    assert balance is not None

    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()

    done = rewards.last_redemption
    assert done is not None and done.reward_id == reward.id and done.code and done.qr_payload
    assert session.member.balance == balance - reward.cost == done.balance_after
    assert rewards.redemptions[0].id == done.id
    assert rewards.confirming is None
    assert not session.screen(HomeState).is_fresh()  # Home's numbers are reloaded on the next visit
    await session.close()


async def test_a_double_tap_on_confirm_redeems_once(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    rewards = session.screen(RewardsState)
    reward = cheapest_redeemable(session)
    balance = session.member.balance
    assert balance is not None

    rewards.ask_to_redeem(reward)
    rewards.ask_to_redeem(reward)  # a double tap on "Redeem" is the same intent
    await asyncio.gather(rewards.confirm_redeem(), rewards.confirm_redeem())

    assert transport.count(REDEEM) == 1
    assert session.member.balance == balance - reward.cost
    await session.close()


async def test_retry_after_a_lost_answer_reuses_the_key_and_redeems_once(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={REDEEM})
    session = await signed_in(transport)
    rewards = session.screen(RewardsState)
    reward = cheapest_redeemable(session)
    balance = session.member.balance
    assert balance is not None

    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()  # reached the backend, but the answer was lost

    assert rewards.redeem_error is not None and rewards.can_retry
    assert rewards.confirming == reward

    await rewards.confirm_redeem()  # "Confirm" again: same key, the backend replays the first redemption

    first, retry = transport.keys[REDEEM]
    assert retry == first
    assert rewards.last_redemption is not None
    await rewards.refresh()
    assert session.member.balance == balance - reward.cost  # one effect
    home = session.screen(HomeState)
    await home.refresh()
    assert home.summary is not None and home.summary.balance == balance - reward.cost
    await session.close()


async def test_a_new_confirmation_is_a_new_intent(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={REDEEM})
    session = await signed_in(transport)
    rewards = session.screen(RewardsState)
    reward = cheapest_redeemable(session)
    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()  # the answer is lost; the customer cancels instead of retrying
    rewards.cancel_redeem()

    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()

    first, second = transport.keys[REDEEM]
    assert second != first
    await session.close()


async def test_signing_out_mid_redemption_leaves_nothing_of_it_to_the_next_member(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    rewards = session.screen(RewardsState)
    reward = cheapest_redeemable(session)
    rewards.ask_to_redeem(reward)
    transport.hold(REDEEM)
    redeeming = asyncio.create_task(rewards.confirm_redeem())
    await transport.holding.wait()  # Ada's redemption is on its way
    assert rewards.redeeming and rewards.confirming == reward

    await session.sign_out()
    assert rewards.confirming is None and not rewards.redeeming and rewards.last_redemption is None
    transport.release()  # Ada's answer arrives after she left
    await redeeming
    assert rewards.last_redemption is None and not rewards.just_redeemed and session.member.balance is None
    assert await session.sign_in("grace@example.com", DEMO_PASSWORD) is None
    await session.live.stop()

    # The next member starts with no confirmation open, nothing shown as just redeemed, and a new key.
    assert rewards.confirming is None and rewards.last_redemption is None and not rewards.just_redeemed
    await rewards.ensure_loaded()
    theirs = cheapest_redeemable(session)
    rewards.ask_to_redeem(theirs)
    await rewards.confirm_redeem()
    adas_key, graces_key = transport.keys[REDEEM]
    assert graces_key != adas_key
    assert rewards.last_redemption is not None and rewards.just_redeemed
    await session.close()


async def test_a_reward_the_api_says_is_out_of_reach_cannot_be_confirmed(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    rewards = session.screen(RewardsState)
    locked = next(r for r in rewards.rewards if not r.can_redeem)

    rewards.ask_to_redeem(locked)
    await rewards.confirm_redeem()

    assert rewards.confirming is None
    assert transport.count(REDEEM) == 0
    await session.close()
