"""A redemption or gift whose answer was in flight when the app process died is finished, once, by the next one.

The "browser" is one `MemoryDeviceStore` shared by two sessions: the first (its process dies with the request on its
way) and the second (the browser reconnected to another process, which restores the session from the device).
"""

from __future__ import annotations

import asyncio

from app.state import GiftState, HomeState, MemoryDeviceStore, RewardsState, Session
from app.state.storage import PendingGift, PendingRedeem
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over

REDEEM = "POST /v1/me/redemptions"
GIFTS = "POST /v1/me/gifts"


async def first_process(transport: RecordingTransport, device: MemoryDeviceStore, email: str) -> Session:
    session = Session(client_over(transport), device)
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    await session.screen(HomeState).ensure_loaded()
    return session


async def next_process(backend: object, device: MemoryDeviceStore) -> tuple[Session, RecordingTransport]:
    """The browser reconnects to another app process: a new session restored from the device."""
    transport = RecordingTransport(backend)
    session = Session(client_over(transport), device)
    await session.start()
    await session.live.stop()
    assert session.auth == "signed_in"
    if session.finishing is not None:
        await session.finishing
    return session, transport


async def balance_of(session: Session) -> int:
    home = session.screen(HomeState)
    await home.refresh()
    assert home.summary is not None
    return home.summary.balance


async def test_a_redemption_applied_but_unanswered_is_shown_not_made_again(backend: object) -> None:
    device = MemoryDeviceStore()
    first = await first_process(RecordingTransport(backend, lose_answers_to={REDEEM}), device, "ada@example.com")
    rewards = first.screen(RewardsState)
    await rewards.ensure_loaded()
    reward = min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost)
    before = await balance_of(first)
    rewards.ask_to_redeem(reward)
    await rewards.confirm_redeem()  # applied by the API; the answer never reached this process, which now dies
    assert rewards.redeem_error is not None
    [kept] = device.intents
    assert isinstance(kept, PendingRedeem) and kept.reward_id == reward.id

    second, line = await next_process(backend, device)

    assert line.keys[REDEEM] == [kept.key]  # sent again with the same key
    again = second.screen(RewardsState)
    assert again.last_redemption is not None and again.last_redemption.reward_id == reward.id
    assert second.notice is not None and second.notice.text == f"Done: you redeemed {reward.name}."
    assert device.intents == []
    assert await balance_of(second) == before - reward.cost  # applied once
    redeemed = [r for r in await second.client.redemptions() if r.reward_id == reward.id]
    assert len(redeemed) == len([r for r in again.redemptions if r.reward_id == reward.id])
    await second.close()


async def test_a_redemption_that_never_arrived_is_made_once_by_the_next_process(backend: object) -> None:
    device = MemoryDeviceStore()
    line = RecordingTransport(backend)
    first = await first_process(line, device, "ada@example.com")
    rewards = first.screen(RewardsState)
    await rewards.ensure_loaded()
    reward = min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost)
    before = await balance_of(first)
    rewards.ask_to_redeem(reward)
    line.hold(REDEEM)
    on_its_way = asyncio.create_task(rewards.confirm_redeem())
    await line.holding.wait()
    on_its_way.cancel()  # the process died with the request on its way
    await asyncio.gather(on_its_way, return_exceptions=True)
    assert len(device.intents) == 1

    second, _ = await next_process(backend, device)

    assert second.screen(RewardsState).last_redemption is not None
    assert await balance_of(second) == before - reward.cost
    assert device.intents == []
    await second.close()


async def test_a_gift_applied_but_unanswered_is_finished_once(backend: object) -> None:
    device = MemoryDeviceStore()
    first = await first_process(RecordingTransport(backend, lose_answers_to={GIFTS}), device, "ada@example.com")
    gift = first.screen(GiftState)
    await gift.ensure_loaded()
    gift.set_friend(next(f.id for f in gift.friends if f.name.startswith("Grace")))
    gift.set_amount("25")
    gift.review()
    before = await balance_of(first)
    await gift.send()
    assert gift.send_error is not None
    [kept] = device.intents
    assert isinstance(kept, PendingGift) and kept.stars == 25

    second, line = await next_process(backend, device)

    assert line.keys[GIFTS] == [kept.key]
    shown = second.screen(GiftState)
    assert shown.step == "sent" and shown.last_gift is not None
    assert second.notice is not None and second.notice.text == "Done: your gift of 25 Stars to Grace Hopper was sent."
    assert await balance_of(second) == before - 25
    assert device.intents == []
    await second.close()


async def test_an_answered_redemption_leaves_nothing_pending(backend: object) -> None:
    device = MemoryDeviceStore()
    session = await first_process(RecordingTransport(backend), device, "ada@example.com")
    rewards = session.screen(RewardsState)
    await rewards.ensure_loaded()
    rewards.ask_to_redeem(min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost))
    await rewards.confirm_redeem()
    assert rewards.last_redemption is not None
    assert device.intents == []
    await session.close()


async def test_a_failed_redemption_given_up_is_not_finished_later(backend: object) -> None:
    device = MemoryDeviceStore()
    line = RecordingTransport(backend, lose_answers_to={REDEEM})
    first = await first_process(line, device, "ada@example.com")
    rewards = first.screen(RewardsState)
    await rewards.ensure_loaded()
    rewards.ask_to_redeem(min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost))
    await rewards.confirm_redeem()
    assert len(device.intents) == 1
    rewards.cancel_redeem()  # the customer gives up
    await asyncio.sleep(0.05)
    assert device.intents == []
    await first.close()


async def test_signing_out_forgets_pending_actions(backend: object) -> None:
    device = MemoryDeviceStore()
    first = await first_process(RecordingTransport(backend, lose_answers_to={REDEEM}), device, "ada@example.com")
    rewards = first.screen(RewardsState)
    await rewards.ensure_loaded()
    rewards.ask_to_redeem(min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost))
    await rewards.confirm_redeem()
    assert len(device.intents) == 1
    await first.sign_out()
    assert device.intents == []
    await first.close()
