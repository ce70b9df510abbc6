"""Habits in the app's state: today's game from Home (one play, double taps and retries included) and share to earn."""

from __future__ import annotations

import asyncio

from app.state import BadgesState, EarnState, HomeState, MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import FakeContext, RecordingTransport, client_over

PLAY = "POST /v1/me/game/plays"
SHARE = "POST /v1/me/shares"


async def signed_in(transport: RecordingTransport, retries: int = 0) -> Session:
    session = Session(client_over(transport, retries), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await session.live.stop()
    return session


async def test_home_shows_the_streak_and_todays_game_from_the_summary(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    home = session.screen(HomeState)
    await home.ensure_loaded()
    assert home.summary is not None and home.summary.streak is not None and home.summary.daily_game is not None
    assert home.summary.streak.message and home.summary.daily_game.odds
    assert home.game_play is None
    await session.close()


async def test_a_double_tap_on_play_sends_one_request_and_credits_the_prize(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    home = session.screen(HomeState)
    await home.ensure_loaded()
    before = session.member.balance
    assert before is not None
    transport.hold(PLAY)
    first = asyncio.create_task(home.play_game())
    await transport.holding.wait()
    await home.play_game()  # the second tap while the first is on its way
    transport.release()
    await first
    assert transport.count(PLAY) == 1
    play = home.game_play
    assert play is not None and home.game_error is None
    assert session.member.balance == before + play.stars == play.balance_after
    await session.close()


async def test_a_second_tap_after_the_play_gets_the_same_play_and_no_second_prize(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    home = session.screen(HomeState)
    await home.ensure_loaded()
    await home.play_game()
    first, balance = home.game_play, session.member.balance
    await home.play_game()
    assert transport.count(PLAY) == 2
    assert len(set(transport.keys[PLAY])) == 2  # a new intent after the answer: a new key, the same day's play
    assert home.game_play == first and session.member.balance == balance
    await session.close()


async def test_a_play_whose_answer_was_lost_is_retried_with_the_same_key(backend: object) -> None:
    transport = RecordingTransport(backend, lose_answers_to={PLAY})
    session = await signed_in(transport)
    home = session.screen(HomeState)
    await home.ensure_loaded()
    await home.play_game()
    assert home.game_play is None and home.game_error
    await home.play_game()  # the customer taps again
    keys = transport.keys[PLAY]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert home.game_play is not None and home.game_error is None
    await session.close()


async def test_a_reload_after_playing_shows_the_days_play(backend: object) -> None:
    session = await signed_in(RecordingTransport(backend))
    home = session.screen(HomeState)
    await home.ensure_loaded()
    await home.play_game()
    played = home.game_play
    home.invalidate()
    await home.refresh()
    assert home.game_play == played
    await session.close()


async def test_sharing_the_referral_link_earns_once_a_week_and_says_so(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    await session.ensure_balance()
    before = session.member.balance
    assert before is not None
    first = await earn.record_share("referral", "copy")
    second = await earn.record_share("referral", "share_sheet")
    assert first is not None and first.credited and second is not None and not second.credited
    assert session.member.balance == before + first.stars
    keys = transport.keys[SHARE]
    assert len(keys) == 2 and keys[0] != keys[1]
    await session.close()


async def test_a_badge_share_reports_what_it_earned_to_the_customer(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    ctx = FakeContext(client=session.client)
    badges = BadgesState(ctx)
    await badges.refresh()
    earned = badges.earned[0]
    result = await badges.record_share("badge", "copy", earned.id)
    assert result is not None and result.credited
    assert ctx.notices == ["Copied, ready to paste. " + result.message]
    assert ctx.balance == result.balance_after and "stars" in ctx.invalidated
    locked = badges.locked[0]
    assert await badges.record_share("badge", "copy", locked.id) is None
    assert ctx.notices[-1] == "Share a badge you have earned."
    await session.close()


async def test_a_share_in_flight_ignores_a_second_tap(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(transport)
    earn = session.screen(EarnState)
    transport.hold(SHARE)
    first = asyncio.create_task(earn.record_share("referral", "copy"))
    await transport.holding.wait()
    assert earn.sharing and await earn.record_share("referral", "copy") is None
    transport.release()
    assert await first is not None and not earn.sharing
    assert transport.count(SHARE) == 1
    await session.close()
