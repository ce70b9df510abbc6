from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.i18n import Translator
from app.state import BadgesState, ChallengesState, HomeState, Session
from app.state.badges import badge_label
from app.state.celebration import CelebrationState
from app.state.challenges import time_left

EN = Translator("en")


async def test_joining_an_open_challenge_moves_it_to_joined(session: Session) -> None:
    state = session.screen(ChallengesState)
    await state.ensure_loaded()
    assert state.status == "ready"
    open_one = state.in_section("open")[0]

    await state.join(open_one)

    assert state.join_error is None
    assert open_one.id in {c.id for c in state.in_section("joined")}
    assert open_one.id not in {c.id for c in state.in_section("open")}
    # The API agrees after a reload.
    state.invalidate()
    await state.ensure_loaded()
    assert open_one.id in {c.id for c in state.in_section("joined")}


async def test_completed_challenges_keep_their_reward(session: Session) -> None:
    challenges = session.screen(ChallengesState)
    await challenges.ensure_loaded()
    completed = challenges.in_section("completed")
    assert completed and all(c.completed_at is not None and c.reward_stars > 0 for c in completed)


def test_time_left_reads_in_days_then_hours() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert time_left(now + timedelta(days=3, hours=2), EN, now) == "3 days left"
    assert time_left(now + timedelta(days=1, hours=1), EN, now) == "1 day left"
    assert time_left(now + timedelta(hours=5), EN, now) == "5 hours left"
    assert time_left(now + timedelta(minutes=20), EN, now) == "Ends soon"
    assert time_left(now - timedelta(minutes=1), EN, now) == "Ended"


async def test_badges_are_labelled_with_name_and_state(session: Session) -> None:
    badges_state = session.screen(BadgesState)
    await badges_state.ensure_loaded()
    labels = {badge_label(b, EN) for b in badges_state.badges}
    assert "First sip, earned" in labels
    assert "Challenger, locked, 2 of 3" in labels


async def test_a_badge_earned_while_open_is_celebrated_once(session: Session) -> None:
    badges = session.screen(BadgesState)
    celebration = session.screen(CelebrationState)
    await badges.ensure_loaded()
    await session.live.poll_once()  # sets the cursor: what happened before is not news
    # Two more visits complete "Visit 3 times this week", the third challenge: the Challenger badge.
    for _ in range(2):
        await session.client.simulate_purchase(10.0)

    await session.live.poll_once()

    moments = []
    while celebration.current is not None:
        moments.append(celebration.current.title)
        celebration.dismiss()
    assert moments.count("Badge: Challenger") == 1 and "Challenge completed" in moments
    assert "Challenger, earned" in {badge_label(b, EN) for b in badges.badges}
    await session.live.poll_once()
    assert celebration.current is None


async def test_a_challenge_completing_on_screen_shows_completed_without_leaving(session: Session) -> None:
    state = session.screen(ChallengesState)
    await session.show(state)  # the customer opened Challenges (the shell calls this on navigation)
    await session.live.poll_once()  # sets the cursor
    visits = next(c for c in state.in_section("joined") if c.kind == "visits" and c.target - c.progress == 2)
    for _ in range(2):
        await session.client.simulate_purchase(10.0)

    await session.live.poll_once()

    assert visits.id in {c.id for c in state.in_section("completed")}
    assert state.is_fresh()


async def test_screens_not_on_screen_wait_for_their_next_visit(session: Session) -> None:
    state = session.screen(ChallengesState)
    await session.show(state)
    await session.show(session.screen(HomeState))  # the customer left Challenges for Home
    await session.live.poll_once()
    for _ in range(2):
        await session.client.simulate_purchase(10.0)

    await session.live.poll_once()

    assert not state.is_fresh()  # reloads on the next visit, not behind the customer's back
