"""The phone issue's states: codes that work with the API down, loads that say they are still trying and come
back by themselves, a visit's result that agrees with the header, the sender's other device, amounts as typed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from app.api.models import Event, GiftAllowance
from app.state import GiftState, HomeState, MemoryDeviceStore, ProfileState, RewardsState, Session
from app.state.celebration import CelebrationState
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import FakeContext, RecordingTransport, client_over


async def signed_in(transport: RecordingTransport, email: str, device: MemoryDeviceStore | None = None) -> Session:
    session = Session(client_over(transport), device or MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    return session


async def test_my_rewards_open_from_the_device_while_the_api_is_down(backend: object) -> None:
    device = MemoryDeviceStore()
    online = await signed_in(RecordingTransport(backend), "ada@example.com", device)
    await online.screen(RewardsState).ensure_loaded()
    ready = online.screen(RewardsState).codes("ready")
    assert ready

    down = RecordingTransport(backend)
    later = await signed_in(down, "ada@example.com", device)  # the same phone, later, with no signal
    down.offline = True
    rewards = later.screen(RewardsState)
    await rewards.ensure_loaded()

    assert rewards.status == "ready" and rewards.tab == "mine" and rewards.saved_at is not None
    assert [r.code for r in rewards.codes("ready")] == [r.code for r in ready]
    assert rewards.error  # said above the kept codes, with Retry
    await later.sign_out()
    assert device.codes is None  # the next member on this phone does not see them


async def test_a_code_used_at_the_counter_shows_as_used(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend), "ada@example.com")
    rewards = session.screen(RewardsState)
    await rewards.ensure_loaded()
    code = rewards.codes("ready")[0]
    rewards.open_redemption(code)

    await rewards.use_at_counter(code)

    assert rewards.last_redemption is not None and rewards.last_redemption.status == "used"
    assert code.id in {r.id for r in rewards.codes("used")} and code.id not in {r.id for r in rewards.codes("ready")}


async def test_a_slow_load_says_it_is_still_trying_and_keeps_what_was_shown(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport, "ada@example.com")
    home = session.screen(HomeState)
    await home.ensure_loaded()
    shown = home.summary
    home.slow_after = 0.01
    transport.hold("GET /v1/me/summary")

    reload = asyncio.create_task(home.refresh())
    await transport.holding.wait()
    while not home.slow:
        await asyncio.sleep(0.01)
    assert home.status == "ready" and home.summary is shown  # the numbers stay on screen

    transport.release()
    assert await reload
    assert not home.slow


async def test_a_screen_that_failed_for_want_of_the_api_loads_by_itself_when_it_answers(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport, "ada@example.com")
    transport.offline = True
    rewards = session.screen(RewardsState)
    await session.show(rewards)
    assert rewards.status == "error" and rewards.recovers_by_itself

    transport.offline = False
    await session.recover()  # what a live poll that succeeds does

    assert rewards.status == "ready" and rewards.error is None and rewards.rewards


async def test_a_visit_result_counts_the_challenge_bonus_and_celebrates_it(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend), "grace@example.com")  # joined "Try a new drink"
    celebration = session.screen(CelebrationState)
    profile = session.screen(ProfileState)
    await profile.ensure_loaded()
    profile.set_visit_amount("5.00")

    await profile.simulate_visit()

    visit = profile.last_visit
    assert visit is not None and visit.bonuses and visit.bonuses[0].reason == "Challenge: Try a new drink"
    assert session.member.balance == visit.balance_after == visit.entry.balance_after + visit.bonuses[0].stars
    await session.refresh_balance()
    assert session.member.balance == visit.balance_after  # the header agrees with the result
    assert celebration.current is not None and celebration.current.kind == "challenge_completed"
    await session.live.poll_once()  # the same events arrive by the live updates: celebrated once
    await session.live.poll_once()
    celebration.dismiss()
    assert celebration.current is None or celebration.current.kind != "challenge_completed"


async def test_a_late_second_tap_on_nice_leaves_the_next_moment_shown(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend), "ada@example.com")
    celebration = session.screen(CelebrationState)
    first, second = (
        Event(
            id=9001 + i,
            kind="badge_earned",
            title=f"Badge: {name}",
            body="",
            created_at=datetime(2026, 6, 1, tzinfo=UTC),
            celebrate=True,
        )
        for i, name in enumerate(("Regular", "Challenger"))
    )
    await celebration.events_arrived([first, second])
    assert celebration.current == first and celebration.waiting == 1

    celebration.dismiss(first.id)
    celebration.dismiss(first.id)  # the same button again: a double tap

    assert celebration.current == second and celebration.waiting == 0
    celebration.dismiss(second.id)
    assert celebration.current is None


async def test_a_gift_sent_from_another_device_updates_the_senders_open_app(backend: object) -> None:
    phone = await signed_in(RecordingTransport(backend), "ada@example.com")
    laptop = await signed_in(RecordingTransport(backend), "ada@example.com")
    await phone.ensure_balance()
    await phone.live.poll_once()  # the cursor
    before = phone.member.balance
    gift = laptop.screen(GiftState)
    await gift.ensure_loaded()
    grace = next(f for f in gift.friends if f.name.startswith("Grace"))

    await laptop.client.gift_stars(grace.id, 7, None, idempotency_key="from-the-laptop")
    await phone.live.poll_once()

    assert before is not None and phone.member.balance == before - 7


def test_an_amount_typed_with_a_thousands_separator_is_a_whole_number() -> None:
    gift = GiftState(FakeContext())
    gift.allowance = GiftAllowance(
        balance=5000,
        min_per_gift=1,
        max_per_gift=500,
        daily_cap=1000,
        sent_today=0,
        remaining_today=1000,
        max_now=500,
        message_max_chars=140,
    )
    gift.set_amount("1,000")
    assert gift.validate() is None and gift.errors["amount"] == "A gift can be at most 500 Stars."
    gift.set_amount("1,5")
    gift.validate()
    assert gift.errors["amount"] == "Stars are whole numbers: enter an amount like 25."


def test_the_message_counter_counts_a_family_emoji_as_one() -> None:
    gift = GiftState(FakeContext())
    gift.set_message("Hi \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466")
    assert gift.message_length == 4


async def test_a_browser_that_comes_back_sees_what_is_true_now_not_the_screen_it_left(backend: object) -> None:
    # A reload (F5) reattaches the browser to its session: Home was fresh a moment ago, but a reload asks for now.
    transport = RecordingTransport(backend)
    session = await signed_in(transport, "ada@example.com")
    home = session.screen(HomeState)
    await session.show(home)
    await session.live.stop()
    asked = transport.count("GET /v1/me/summary")
    await session.show(home)  # a visit within the freshness window: no request
    assert transport.count("GET /v1/me/summary") == asked

    await session.reconnected()

    assert transport.count("GET /v1/me/summary") > asked and home.is_fresh()
    assert session.live.running
    await session.close()
