"""Badges, challenges, referral, birthday, reviews and surveys."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.mock_backend.rules.badges import BADGES, all_badges, badge_progress
from app.mock_backend.rules.challenges import ChallengeDef, challenge_progress, challenge_status, check_join
from app.mock_backend.rules.engagement import (
    birthday_bonus_due,
    check_review,
    check_survey,
    referral_bonus_due,
    survey_id_for,
)
from app.mock_backend.rules.history import History, current_streak, longest_streak, streak_reached_at
from app.mock_backend.rules.refusals import Refusal

NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)  # Wednesday
DAY, WEEK = timedelta(days=1), timedelta(weeks=1)


def badge(badge_id: str):  # type: ignore[no-untyped-def]
    return next(b for b in BADGES if b.id == badge_id)


def visits(*times: datetime) -> History:
    return History(visits=[(t, 5.0) for t in times])


def test_first_visit_and_ten_visits_badges_show_progress_and_when_they_were_earned() -> None:
    times = [NOW - (12 - i) * DAY for i in range(12)]
    history = visits(*times[:9])
    first, ten = badge_progress(badge("first-visit"), history, NOW), badge_progress(badge("ten-visits"), history, NOW)
    assert (first.progress, first.earned_at) == (1, times[0])
    assert (ten.progress, ten.earned_at) == (9, None)
    ten = badge_progress(badge("ten-visits"), visits(*times), NOW)
    assert (ten.progress, ten.earned_at) == (10, times[9])


def test_first_gift_review_and_three_challenges_badges_count_their_own_history() -> None:
    history = History(gifts_sent=[NOW - DAY], reviews=[], challenges_completed=[NOW - 3 * DAY, NOW - DAY])
    by_id = {p.badge.id: p for p in all_badges(history, NOW)}
    assert by_id["first-gift"].earned_at == NOW - DAY
    assert (by_id["first-review"].progress, by_id["first-review"].earned_at) == (0, None)
    assert (by_id["three-challenges"].progress, by_id["three-challenges"].earned_at) == (2, None)


def test_gold_badge_progress_is_qualifying_stars_until_gold_is_reached() -> None:
    assert badge_progress(badge("gold-tier"), History(qualifying_stars=430), NOW).progress == 430
    earned = badge_progress(badge("gold-tier"), History(status_reached={500: NOW - DAY}, qualifying_stars=10), NOW)
    assert (earned.progress, earned.earned_at) == (500, NOW - DAY)


def test_four_week_streak_badge_needs_four_consecutive_local_weeks() -> None:
    broken = [NOW - 5 * WEEK, NOW - 4 * WEEK, NOW - 2 * WEEK, NOW - WEEK, NOW]  # week -3 missing
    assert longest_streak(broken, "UTC") == 3
    assert badge_progress(badge("four-week-streak"), visits(*broken), NOW).progress == 3
    four = [NOW - 3 * WEEK, NOW - 2 * WEEK, NOW - WEEK, NOW]
    assert streak_reached_at(four, "UTC", 4) == NOW
    assert badge_progress(badge("four-week-streak"), visits(*four), NOW).earned_at == NOW


def test_streak_weeks_are_counted_in_the_members_time_zone() -> None:
    # Monday 02:00 UTC is still Sunday in Los Angeles: the same local week as the visit before.
    monday_utc = datetime(2025, 6, 16, 2, 0, tzinfo=UTC)
    week_before = monday_utc - 3 * DAY  # Friday
    assert longest_streak([week_before, monday_utc], "UTC") == 2
    assert longest_streak([week_before, monday_utc], "America/Los_Angeles") == 1


def test_a_streak_is_current_until_a_whole_week_is_missed() -> None:
    assert current_streak([NOW - 2 * WEEK, NOW - WEEK], "UTC", NOW) == 2
    assert current_streak([NOW - 3 * WEEK, NOW - 2 * WEEK], "UTC", NOW) == 0


CHALLENGE = ChallengeDef("c", "Visit 3 times", "", "visits", 3, 50, NOW - 2 * DAY, NOW + 5 * DAY)


def test_challenge_progress_before_joining_does_not_count() -> None:
    history = visits(NOW - 36 * timedelta(hours=1), NOW - DAY, NOW - timedelta(hours=1))
    assert challenge_progress(CHALLENGE, None, history) == 0
    assert challenge_progress(CHALLENGE, NOW - 30 * timedelta(hours=1), history) == 2
    assert challenge_progress(CHALLENGE, NOW - 3 * DAY, history) == 3  # joined early: counts from the start


def test_challenge_progress_ignores_what_happens_after_it_ends_and_is_capped() -> None:
    history = visits(*(NOW + i * timedelta(hours=1) for i in range(5)), NOW + 6 * DAY)
    assert challenge_progress(CHALLENGE, NOW, history) == 3


def test_spend_gift_review_and_streak_challenges_count_their_own_kind() -> None:
    history = History(visits=[(NOW, 12.7), (NOW + DAY, 20.0)], gifts_sent=[NOW], reviews=[NOW, NOW + DAY])
    window = dict(starts_at=NOW - DAY, ends_at=NOW + 30 * DAY, reward_stars=10, title="", description="")
    assert challenge_progress(ChallengeDef(id="s", kind="spend", target=50, **window), NOW, history) == 32
    assert challenge_progress(ChallengeDef(id="g", kind="gifts", target=2, **window), NOW, history) == 1
    assert challenge_progress(ChallengeDef(id="r", kind="reviews", target=5, **window), NOW, history) == 2
    assert challenge_progress(ChallengeDef(id="w", kind="streak", target=4, **window), NOW, history) == 1


def test_challenge_status_and_join_rules() -> None:
    assert challenge_status(CHALLENGE, None, None, NOW) == "open"
    assert challenge_status(CHALLENGE, NOW, None, NOW) == "joined"
    assert challenge_status(CHALLENGE, NOW, NOW, NOW + 30 * DAY) == "completed"
    assert challenge_status(CHALLENGE, NOW, None, CHALLENGE.ends_at) == "expired"
    check_join(CHALLENGE, None, NOW)
    with pytest.raises(Refusal) as joined:
        check_join(CHALLENGE, NOW, NOW)
    with pytest.raises(Refusal) as closed:
        check_join(CHALLENGE, None, CHALLENGE.ends_at)
    assert (joined.value.code, closed.value.code) == ("already_joined", "challenge_closed")


def test_referral_bonus_only_at_the_referred_members_first_purchase() -> None:
    assert referral_bonus_due("ada", purchases_before=0, already_rewarded=False)
    assert not referral_bonus_due(None, purchases_before=0, already_rewarded=False)
    assert not referral_bonus_due("ada", purchases_before=1, already_rewarded=False)
    assert not referral_bonus_due("ada", purchases_before=0, already_rewarded=True)


def test_birthday_bonus_once_a_year_on_the_day_or_within_the_week_after() -> None:
    birthday = date(1990, 6, 18)
    assert birthday_bonus_due(birthday, date(2025, 6, 18), set())
    assert birthday_bonus_due(birthday, date(2025, 6, 24), set())
    assert not birthday_bonus_due(birthday, date(2025, 6, 25), set())
    assert not birthday_bonus_due(birthday, date(2025, 6, 17), set())
    assert not birthday_bonus_due(birthday, date(2025, 6, 19), {2025})
    assert birthday_bonus_due(birthday, date(2026, 6, 18), {2025})
    assert not birthday_bonus_due(None, date(2025, 6, 18), set())


def test_a_leap_day_birthday_is_celebrated_on_28_february_in_other_years() -> None:
    assert birthday_bonus_due(date(2000, 2, 29), date(2025, 2, 28), set())


def test_one_paid_review_per_local_day() -> None:
    check_review([NOW - DAY], NOW, "UTC")
    with pytest.raises(Refusal) as caught:
        check_review([NOW - timedelta(hours=3)], NOW, "UTC")
    assert caught.value.code == "already_reviewed_today"


def test_survey_must_be_current_unanswered_and_use_offered_choices() -> None:
    questions = {"q1": ("Yes", "No")}
    current = survey_id_for(NOW)
    assert current == "survey-2025-06"
    check_survey(current, current, set(), {"q1": "Yes"}, questions)
    cases = [
        ("survey-2025-05", set(), {"q1": "Yes"}, "not_found"),
        (current, {current}, {"q1": "Yes"}, "survey_already_answered"),
        (current, set(), {"q1": "Perhaps"}, "validation_error"),
        (current, set(), {}, "validation_error"),
        (current, set(), {"q1": "Yes", "q9": "Yes"}, "validation_error"),
    ]
    for survey_id, answered, answers, code in cases:
        with pytest.raises(Refusal) as caught:
            check_survey(survey_id, current, answered, answers, questions)
        assert caught.value.code == code
