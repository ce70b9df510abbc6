"""The weekly visit streak: weeks in a row with a visit, in the member's own week, kept through a missed week by a
streak freeze (one earned for every `WEEKS_PER_FREEZE` weeks kept, at most `MAX_FREEZES` held).

Everything here is derived from the visits alone, so the streak is the same whichever request asks, and a freeze is
"used automatically": the first missed week after a kept one takes a held freeze instead of ending the streak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from app.mock_backend.rules.timeutil import local_date, week_start, zone

WEEKS_PER_FREEZE = 4
MAX_FREEZES = 2
RULE_TEXT = (
    f"Visit at least once a week (Monday to Sunday, your time) to keep your streak. Every {WEEKS_PER_FREEZE} weeks "
    f"kept earn a streak freeze (you can hold {MAX_FREEZES}); a freeze covers one missed week on its own."
)
WeekMark = Literal["visited", "frozen", "missed", "open"]


@dataclass(frozen=True)
class StreakFacts:
    """The streak as of a moment.

    Attributes:
        weeks: Weeks kept in the current streak (weeks with a visit; frozen weeks keep it but do not add).
        best: The longest streak ever.
        freezes: Freezes held now.
        weeks_to_next_freeze: Visited weeks still needed for the next freeze (0 when holding the most).
        visited_this_week: Whether this week already has a visit.
        lost_weeks: The length of the streak that ended most recently, when the current one is 0 because of it.
        marks: The last weeks (oldest first, ending with this week) and what each was.
        reached: When the current-or-any streak first reached each length (the visit that completed it).
    """

    weeks: int
    best: int
    freezes: int
    weeks_to_next_freeze: int
    visited_this_week: bool
    lost_weeks: int
    marks: list[tuple[date, WeekMark]] = field(default_factory=list)
    reached: dict[int, datetime] = field(default_factory=dict)


def visit_weeks(visits: Iterable[datetime], time_zone: str) -> dict[date, datetime]:
    """Each local week (its Monday) with a visit, and the first visit in it."""
    firsts: dict[date, datetime] = {}
    for moment in visits:
        week = week_start(local_date(moment, time_zone))
        if week not in firsts or moment < firsts[week]:
            firsts[week] = moment
    return firsts


def streak_facts(visits: Iterable[datetime], time_zone: str, now: datetime, shown_weeks: int = 8) -> StreakFacts:
    """Walk the member's weeks from the first visit to this week.

    Args:
        visits: When the member visited (any order, any time zone).
        time_zone: The member's time zone; weeks run Monday 00:00 to Sunday 24:00 there (DST included).
        now: The current moment; visits after it are ignored.
        shown_weeks: How many recent weeks to return in ``marks``.

    Returns:
        The streak's facts. A week still running is never "missed": it is "open" until it has a visit.
    """
    weeks = {w: at for w, at in visit_weeks((v for v in visits if v <= now), time_zone).items()}
    this_week = week_start(local_date(now, time_zone))
    run = best = freezes = kept = lost = 0
    marks: list[tuple[date, WeekMark]] = []
    reached: dict[int, datetime] = {}
    week = min(weeks) if weeks else this_week
    while week <= this_week:
        mark: WeekMark
        if week in weeks:
            mark = "visited"
            run += 1
            lost = 0
            reached.setdefault(run, weeks[week])
            best = max(best, run)
            if freezes < MAX_FREEZES:
                kept += 1
                if kept == WEEKS_PER_FREEZE:
                    freezes, kept = freezes + 1, 0
        elif week == this_week:
            mark = "open"
        elif run > 0 and freezes > 0:
            mark = "frozen"
            freezes -= 1
        else:
            mark = "missed"
            if run > 0:
                lost = run
            run = kept = 0
        marks.append((week, mark))
        week += timedelta(weeks=1)
    return StreakFacts(
        weeks=run,
        best=best,
        freezes=freezes,
        weeks_to_next_freeze=0 if freezes >= MAX_FREEZES else WEEKS_PER_FREEZE - kept,
        visited_this_week=this_week in weeks,
        lost_weeks=lost if run == 0 else 0,
        marks=marks[-shown_weeks:],
        reached=reached,
    )


def week_ends_at(now: datetime, time_zone: str) -> datetime:
    """The end of the member's current week (next Monday 00:00 local), as an aware datetime."""
    monday = week_start(local_date(now, time_zone)) + timedelta(weeks=1)
    return datetime.combine(monday, time(0), tzinfo=zone(time_zone))


def _weeks(n: int) -> str:
    return f"{n} week" if n == 1 else f"{n} weeks"


def streak_message(facts: StreakFacts) -> str:
    """One kind sentence about where the streak stands."""
    if facts.weeks == 0 and facts.lost_weeks > 0:
        return (
            f"Your {facts.lost_weeks}-week streak has ended, and that was a fine run. "
            f"Your best is {_weeks(facts.best)}. A visit this week starts a new one."
        )
    if facts.weeks == 0:
        return "Visit this week to start a streak."
    if facts.visited_this_week:
        return f"{_weeks(facts.weeks)} in a row. This week is done: see you next week."
    if facts.freezes > 0:
        return f"{_weeks(facts.weeks)} in a row. Visit by Sunday; if you miss this week, a freeze keeps your streak."
    return f"{_weeks(facts.weeks)} in a row. Visit by Sunday to keep it going."
