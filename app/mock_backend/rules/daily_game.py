"""The daily game: one scratch card a day per member (the member's day), its prize drawn by the server.

The odds are published (`PRIZES`, served with the game) and the draw is a number in [0, 1) from the server's random
source, mapped to a prize by `prize_for`. A day's play is kept, so asking to play again that day answers with the
same play: a double tap, a retry and a racing second request are all the first play.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.mock_backend.rules.timeutil import local_date

GAME_NAME = "Daily scratch card"
PRIZES: tuple[tuple[int, int], ...] = ((2, 50), (5, 30), (10, 15), (25, 4), (100, 1))
"""(Stars, chance in percent). The chances add up to 100: every card wins something."""
RULE_TEXT = "One scratch card a day (your day, from midnight). Every card wins Stars; the chances are shown below."


@dataclass(frozen=True)
class Play:
    """A day's play: when, what it won, and the key of the request that played it."""

    day: date
    stars: int
    played_at: datetime
    entry_id: str


def prize_for(draw: float) -> int:
    """The prize for a draw in [0, 1): each prize takes a slice of the interval as wide as its chance.

    Raises:
        ValueError: for a draw outside [0, 1).
    """
    if not 0.0 <= draw < 1.0:
        raise ValueError("a draw is in [0, 1)")
    edge = 0.0
    for stars, percent in PRIZES:
        edge += percent / 100
        if draw < edge:
            return stars
    return PRIZES[-1][0]  # rounding at the very top of the interval


def game_day(now: datetime, time_zone: str) -> date:
    """The member's day the game is played on."""
    return local_date(now, time_zone)


def todays_play(plays: dict[date, Play], now: datetime, time_zone: str) -> Play | None:
    """The play already made today, if any (a second play the same day is this one)."""
    return plays.get(game_day(now, time_zone))
