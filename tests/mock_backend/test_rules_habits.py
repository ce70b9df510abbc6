"""Habits as pure rules: the weekly streak (time zones, DST, freezes), the daily game's odds and days, share to earn."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.mock_backend.rules.badges import BADGES, all_badges, badge_progress
from app.mock_backend.rules.daily_game import PRIZES, Play, game_day, prize_for, todays_play
from app.mock_backend.rules.history import History
from app.mock_backend.rules.sharing import share_bonus_due
from app.mock_backend.rules.streak import (
    MAX_FREEZES,
    WEEKS_PER_FREEZE,
    streak_facts,
    streak_message,
    week_ends_at,
)

NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)  # a Wednesday
WEEK, DAY = timedelta(weeks=1), timedelta(days=1)
ZONES = ["UTC", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "Pacific/Kiritimati"]


def weekly(count: int, end: datetime = NOW, skip: frozenset[int] = frozenset()) -> list[datetime]:
    """One visit a week for `count` weeks ending with `end`'s week (`skip`: weeks ago left out)."""
    return [end - ago * WEEK for ago in range(count) if ago not in skip]


# ---------------------------------------------------------------- streak


def test_a_streak_counts_weeks_in_a_row_with_a_visit() -> None:
    facts = streak_facts(weekly(3), "UTC", NOW)
    assert (facts.weeks, facts.best, facts.visited_this_week, facts.lost_weeks) == (3, 3, True, 0)
    assert [mark for _, mark in facts.marks] == ["visited"] * 3


def test_this_week_without_a_visit_yet_is_open_not_missed() -> None:
    facts = streak_facts(weekly(3, NOW - WEEK), "UTC", NOW)
    assert (facts.weeks, facts.visited_this_week) == (3, False)
    assert facts.marks[-1][1] == "open"
    assert "Visit by Sunday" in streak_message(facts)


def test_four_weeks_kept_earn_a_freeze_that_covers_one_missed_week() -> None:
    # Weeks 6..3 ago visited (a freeze earned), 2 ago missed, last week and this week visited.
    visits = weekly(7, skip=frozenset({2}))
    facts = streak_facts(visits, "UTC", NOW)
    assert facts.weeks == 6  # the frozen week keeps the streak but adds nothing
    assert [mark for _, mark in facts.marks][-3:] == ["frozen", "visited", "visited"]
    assert facts.freezes == 0 and facts.lost_weeks == 0


def test_without_a_freeze_a_missed_week_ends_the_streak_kindly_with_the_best_shown() -> None:
    visits = weekly(3, NOW - 2 * WEEK)  # three weeks, then last week missed
    facts = streak_facts(visits, "UTC", NOW)
    assert (facts.weeks, facts.best, facts.lost_weeks) == (0, 3, 3)
    message = streak_message(facts)
    assert "3-week streak has ended" in message and "best is 3 weeks" in message
    assert "new one" in message


def test_one_freeze_covers_one_week_only() -> None:
    visits = weekly(4, NOW - 3 * WEEK)  # a freeze earned, then two weeks missed
    facts = streak_facts(visits, "UTC", NOW)
    assert [mark for _, mark in facts.marks][-3:] == ["frozen", "missed", "open"]
    assert (facts.weeks, facts.lost_weeks, facts.freezes) == (0, 4, 0)


def test_freezes_are_capped_and_the_next_one_says_how_far_it_is() -> None:
    facts = streak_facts(weekly(WEEKS_PER_FREEZE * (MAX_FREEZES + 2)), "UTC", NOW)
    assert facts.freezes == MAX_FREEZES and facts.weeks_to_next_freeze == 0
    facts = streak_facts(weekly(WEEKS_PER_FREEZE + 1), "UTC", NOW)
    assert (facts.freezes, facts.weeks_to_next_freeze) == (1, WEEKS_PER_FREEZE - 1)


def test_a_sunday_night_visit_counts_in_the_members_own_week() -> None:
    # Sunday 23:30 in Los Angeles is Monday 06:30 UTC: the member's week is the one before.
    sunday_night = datetime(2025, 6, 15, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    monday_after = datetime(2025, 6, 16, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    la = streak_facts([sunday_night, monday_after], "America/Los_Angeles", monday_after)
    utc = streak_facts([sunday_night, monday_after], "UTC", monday_after)
    assert la.weeks == 2 and utc.weeks == 1


def test_the_week_ends_at_local_monday_midnight_across_a_dst_change() -> None:
    # London moves its clocks on Sunday 30 March 2025: that week is 167 hours long.
    before = datetime(2025, 3, 26, 12, 0, tzinfo=UTC)
    end = week_ends_at(before, "Europe/London")
    assert end.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None) == datetime(2025, 3, 31, 0, 0)
    assert end.utcoffset() == timedelta(hours=1)


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    weeks=st.integers(min_value=1, max_value=40),
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 1)),
    minute_of_week=st.integers(min_value=0, max_value=7 * 24 * 60 - 1),
)
def test_one_visit_in_each_local_week_is_a_streak_of_that_many_weeks_in_any_zone_and_across_dst(
    zone: str, weeks: int, start: date, minute_of_week: int
) -> None:
    tz = ZoneInfo(zone)
    monday = start - timedelta(days=start.weekday())
    offset = timedelta(minutes=minute_of_week)
    visits = []
    for n in range(weeks):
        local = datetime.combine(monday + timedelta(weeks=n), time(0)) + offset  # a wall-clock time in week n
        visits.append(local.replace(tzinfo=tz).astimezone(UTC))
    now = visits[-1]
    facts = streak_facts(visits, zone, now)
    assert facts.weeks == facts.best == weeks
    assert facts.visited_this_week


@settings(max_examples=80, deadline=None)
@given(pattern=st.lists(st.booleans(), min_size=1, max_size=40), zone=st.sampled_from(ZONES))
def test_streak_invariants_hold_for_any_pattern_of_visited_weeks(pattern: list[bool], zone: str) -> None:
    tz = ZoneInfo(zone)
    first_monday = date(2025, 1, 6)
    visits = [
        datetime.combine(first_monday + timedelta(weeks=n, days=2), time(13)).replace(tzinfo=tz)
        for n, visited in enumerate(pattern)
        if visited
    ]
    now = datetime.combine(first_monday + timedelta(weeks=len(pattern) - 1, days=6), time(20)).replace(tzinfo=tz)
    facts = streak_facts(visits, zone, now)
    assert 0 <= facts.freezes <= MAX_FREEZES
    assert 0 <= facts.weeks <= facts.best <= sum(pattern)
    if facts.weeks and not facts.visited_this_week:
        assert facts.marks[-1][1] == "open"
    # Without any freeze earned (fewer kept weeks than a freeze needs) a missed week always ends the streak.
    if sum(pattern) < WEEKS_PER_FREEZE:
        assert all(mark != "frozen" for _, mark in facts.marks)
    # Counting the visited weeks of the current streak back from now gives its length.
    marks = [m for _, m in streak_facts(visits, zone, now, shown_weeks=len(pattern) + 1).marks]
    run = 0
    for mark in reversed(marks):
        if mark == "visited":
            run += 1
        elif mark == "missed":
            break
    assert facts.weeks == run


def test_streak_milestone_badges_follow_the_streak_with_its_freezes() -> None:
    visits = weekly(13, skip=frozenset({6}))  # a missed week in the middle, covered by a freeze
    history = History(visits=[(v, 5.0) for v in visits])
    by_id = {p.badge.id: p for p in all_badges(history, NOW)}
    assert by_id["four-week-streak"].earned_at is not None
    assert by_id["twelve-week-streak"].earned_at == NOW  # 12 visited weeks, this week's visit completed it
    assert (by_id["half-year-streak"].progress, by_id["half-year-streak"].earned_at) == (12, None)


# ---------------------------------------------------------------- badges


def test_at_least_24_badges_in_families_of_bronze_silver_and_gold_with_rising_targets() -> None:
    assert len(BADGES) >= 24
    assert len({b.id for b in BADGES}) == len(BADGES)
    families: dict[str, list[tuple[str, int]]] = {}
    for b in BADGES:
        families.setdefault(b.family, []).append((b.level, b.target))
    for family, levels in families.items():
        assert [level for level, _ in levels] == ["bronze", "silver", "gold"], family
        targets = [t for _, t in levels]
        assert targets == sorted(set(targets)), family


def test_game_badges_count_days_played() -> None:
    history = History(games_played=[NOW - n * DAY for n in range(7)])
    seven = badge_progress(next(b for b in BADGES if b.id == "seven-plays"), history, NOW)
    assert (seven.progress, seven.earned_at) == (7, NOW)


# ---------------------------------------------------------------- daily game


def test_the_published_odds_add_up_to_every_card_winning() -> None:
    assert sum(percent for _, percent in PRIZES) == 100
    assert all(stars > 0 for stars, _ in PRIZES)


@given(st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_every_draw_wins_a_published_prize(draw: float) -> None:
    assert prize_for(draw) in {stars for stars, _ in PRIZES}


def test_draws_map_to_prizes_in_proportion_to_the_published_chances() -> None:
    draws = [(i + 0.5) / 10_000 for i in range(10_000)]
    counts: dict[int, int] = {}
    for d in draws:
        counts[prize_for(d)] = counts.get(prize_for(d), 0) + 1
    assert {stars: n / 100 for stars, n in counts.items()} == {stars: float(p) for stars, p in PRIZES}


@pytest.mark.parametrize("draw", [-0.1, 1.0, 2.0])
def test_a_draw_outside_the_interval_is_refused(draw: float) -> None:
    with pytest.raises(ValueError):
        prize_for(draw)


def test_the_game_day_is_the_members_day() -> None:
    # 23:30 UTC on the 18th is already the 19th in Auckland and still the 18th in Los Angeles.
    late = datetime(2025, 6, 18, 23, 30, tzinfo=UTC)
    assert game_day(late, "Pacific/Auckland") == date(2025, 6, 19)
    assert game_day(late, "America/Los_Angeles") == date(2025, 6, 18)
    play = Play(date(2025, 6, 18), 5, late, "ent_1")
    assert todays_play({play.day: play}, late, "America/Los_Angeles") == play
    assert todays_play({play.day: play}, late, "Pacific/Auckland") is None


# ---------------------------------------------------------------- share to earn


def test_the_share_bonus_is_paid_once_per_members_week() -> None:
    assert share_bonus_due([], NOW, "UTC")
    assert not share_bonus_due([NOW - 2 * DAY], NOW, "UTC")  # Monday of the same week
    assert share_bonus_due([NOW - WEEK], NOW, "UTC")
    # Sunday night in Los Angeles is Monday in UTC: a new week in UTC, the same week there.
    sunday_night = datetime(2025, 6, 23, 5, 0, tzinfo=UTC)
    saturday = datetime(2025, 6, 21, 18, 0, tzinfo=UTC)
    assert share_bonus_due([saturday], sunday_night, "UTC")
    assert not share_bonus_due([saturday], sunday_night, "America/Los_Angeles")
