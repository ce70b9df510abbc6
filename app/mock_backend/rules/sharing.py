"""Share to earn: sharing a badge or the referral link earns `SHARE_BONUS` Stars, once per member's week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.mock_backend.rules.timeutil import local_date, week_start

SHARE_BONUS = 10
RULE_TEXT = f"Share a badge or your referral link: the first share of each week earns {SHARE_BONUS} Stars."


def share_bonus_due(credited: Iterable[datetime], now: datetime, time_zone: str) -> bool:
    """Whether a share now earns the bonus: no share has been credited in the member's current week."""
    this_week = week_start(local_date(now, time_zone))
    return all(week_start(local_date(at, time_zone)) != this_week for at in credited)
