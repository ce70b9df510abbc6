"""The friends' leaderboard: this week's Stars earned, ranked with ties, week by week in the member's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.api.models import EntryKind
from app.mock_backend.rules.timeutil import local_date, week_start, zone

EARNED_KINDS: frozenset[EntryKind] = frozenset(
    {"purchase", "bonus", "review", "survey", "referral", "birthday", "challenge"}
)
"""Entries that count as Stars *earned*; gifts, pool returns and other moves between members do not."""


@dataclass(frozen=True)
class Week:
    """The member's current week: Monday 00:00 local to the next Monday 00:00 local."""

    starts_on: date
    starts_at: datetime
    resets_at: datetime


def this_week(now: datetime, time_zone: str) -> Week:
    """The week containing ``now`` in ``time_zone`` (weeks start on Monday)."""
    monday = week_start(local_date(now, time_zone))
    tz = zone(time_zone)
    starts = datetime.combine(monday, time(0), tzinfo=tz)
    resets = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)
    return Week(monday, starts, resets)


def earned_between(entries: Iterable[tuple[EntryKind, int, datetime]], start: datetime, end: datetime) -> int:
    """Stars earned from ``start`` (included) to ``end`` (excluded): positive entries of the earned kinds."""
    return sum(stars for kind, stars, at in entries if kind in EARNED_KINDS and stars > 0 and start <= at < end)


def rank_with_ties(scores: list[tuple[str, str, int]]) -> list[tuple[int, str, str, int]]:
    """Rank ``(member_id, name, stars)`` by Stars, most first; equal Stars share a rank (1, 1, 3).

    Returns:
        ``(rank, member_id, name, stars)`` in display order (ties by name, then id, so the order is stable).
    """
    ordered = sorted(scores, key=lambda s: (-s[2], s[1].casefold(), s[0]))
    ranked: list[tuple[int, str, str, int]] = []
    for position, (member_id, name, stars) in enumerate(ordered, start=1):
        rank = ranked[-1][0] if ranked and ranked[-1][3] == stars else position
        ranked.append((rank, member_id, name, stars))
    return ranked
