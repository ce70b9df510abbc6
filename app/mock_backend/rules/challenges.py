"""Challenges: time-boxed, opt-in goals that pay Stars on completion.

Progress only counts what happened after the member joined (and inside the challenge's window), so joining
late never back-fills progress.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from app.mock_backend.rules.history import History, longest_streak
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import add_months
from app.mock_backend.texts import Texts

ChallengeKind = Literal["visits", "spend", "streak", "gifts", "reviews"]
ChallengeStatus = Literal["open", "joined", "completed", "expired"]


@dataclass(frozen=True)
class ChallengeDef:
    """A challenge anyone can join while it runs.

    Attributes:
        kind: What counts: visits, money spent (whole units), consecutive visit weeks, gifts sent, reviews.
        target: How much of it completes the challenge.
        reward_stars: Stars credited on completion.
        starts_at: Start of the window (inclusive).
        ends_at: End of the window (exclusive).
    """

    id: str
    title: Texts
    description: Texts
    kind: ChallengeKind
    target: int
    reward_stars: int
    starts_at: datetime
    ends_at: datetime


def this_month(now: datetime) -> tuple[datetime, datetime]:
    """The window of a "this month" challenge: from the first of ``now``'s month (UTC) to the first of the next.

    A monthly challenge ends when the month does, whatever day it is: on 1 December "Spend $50 this month" has the
    whole of December left, not the half-month a window laid out around "now" had.

    Args:
        now: An aware time inside the month.

    Returns:
        The start (inclusive) and end (exclusive) of that calendar month, in UTC.
    """
    moment = now.astimezone(UTC)
    start = datetime(moment.year, moment.month, 1, tzinfo=UTC)
    return start, add_months(start, 1)


def challenge_progress(challenge: ChallengeDef, joined_at: datetime | None, history: History) -> int:
    """Progress counted from joining (or the start, whichever is later) until the challenge ends.

    Args:
        challenge: The challenge.
        joined_at: When the member joined, or None when they have not.
        history: The member's history.

    Returns:
        Progress capped at the target; 0 when not joined.
    """
    if joined_at is None:
        return 0
    start, end = max(joined_at, challenge.starts_at), challenge.ends_at

    def inside(at: datetime) -> bool:
        return start <= at < end

    kind = challenge.kind
    if kind == "visits":
        value = sum(1 for at, _ in history.visits if inside(at))
    elif kind == "spend":
        value = math.floor(sum(amount for at, amount in history.visits if inside(at)))
    elif kind == "streak":
        value = longest_streak([at for at, _ in history.visits if inside(at)], history.time_zone)
    elif kind == "gifts":
        value = sum(1 for at in history.gifts_sent if inside(at))
    else:
        value = sum(1 for at in history.reviews if inside(at))
    return min(value, challenge.target)


def challenge_status(
    challenge: ChallengeDef, joined_at: datetime | None, completed_at: datetime | None, now: datetime
) -> ChallengeStatus:
    """``completed`` once done; ``expired`` when it ended first; else ``joined`` or ``open``."""
    if completed_at is not None:
        return "completed"
    if now >= challenge.ends_at:
        return "expired"
    return "joined" if joined_at is not None else "open"


def check_join(challenge: ChallengeDef, joined_at: datetime | None, now: datetime) -> None:
    """Refuse joining twice or joining a challenge that has ended.

    Raises:
        Refusal: ``already_joined`` or ``challenge_closed`` (both 409).
    """
    if joined_at is not None:
        raise Refusal("already_joined", "You have already joined this challenge.", None, 409)
    if now >= challenge.ends_at:
        raise Refusal("challenge_closed", "This challenge has ended.", None, 409)
