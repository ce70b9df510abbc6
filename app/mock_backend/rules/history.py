"""A member's countable history, the input to badges and challenges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.mock_backend.rules.timeutil import local_date, week_start


@dataclass
class History:
    """Timestamps of what a member has done, oldest first.

    Attributes:
        time_zone: The member's time zone (weeks and days are local).
        visits: ``(time, money spent)`` for every purchase.
        gifts_sent: When each gift was sent.
        reviews: When each review was written.
        redemptions: When each reward was redeemed.
        challenges_completed: When each challenge was completed.
        referrals_completed: When each referred friend made their first purchase.
        games_played: When each daily game was played.
        status_reached: When the member first held each qualifying-Star count the status badges name.
        qualifying_stars: Qualifying Stars now (for progress toward the status badges).
    """

    time_zone: str = "UTC"
    visits: list[tuple[datetime, float]] = field(default_factory=list)
    gifts_sent: list[datetime] = field(default_factory=list)
    reviews: list[datetime] = field(default_factory=list)
    redemptions: list[datetime] = field(default_factory=list)
    challenges_completed: list[datetime] = field(default_factory=list)
    referrals_completed: list[datetime] = field(default_factory=list)
    games_played: list[datetime] = field(default_factory=list)
    status_reached: dict[int, datetime] = field(default_factory=dict)
    qualifying_stars: int = 0


def visit_weeks(visits: list[datetime], time_zone: str) -> list[date]:
    """Distinct local ISO weeks (their Mondays) with at least one visit, ascending."""
    return sorted({week_start(local_date(v, time_zone)) for v in visits})


def longest_streak(visits: list[datetime], time_zone: str) -> int:
    """The longest run of consecutive local weeks that each have a visit."""
    best = run = 0
    previous: date | None = None
    for week in visit_weeks(visits, time_zone):
        run = run + 1 if previous is not None and week - previous == timedelta(weeks=1) else 1
        best = max(best, run)
        previous = week
    return best


def current_streak(visits: list[datetime], time_zone: str, now: datetime) -> int:
    """The run of consecutive weeks ending this week or last week (a streak is alive until a week is missed)."""
    weeks = visit_weeks(visits, time_zone)
    this_week = week_start(local_date(now, time_zone))
    if not weeks or weeks[-1] < this_week - timedelta(weeks=1):
        return 0
    run = 1
    for later, earlier in zip(reversed(weeks), list(reversed(weeks))[1:], strict=False):
        if later - earlier != timedelta(weeks=1):
            break
        run += 1
    return run


def streak_reached_at(visits: list[datetime], time_zone: str, target: int) -> datetime | None:
    """The visit at which a run of ``target`` consecutive weeks was first completed, if ever."""
    run = 0
    previous: date | None = None
    for moment in sorted(visits):
        week = week_start(local_date(moment, time_zone))
        if week == previous:
            continue
        run = run + 1 if previous is not None and week - previous == timedelta(weeks=1) else 1
        previous = week
        if run >= target:
            return moment
    return None
