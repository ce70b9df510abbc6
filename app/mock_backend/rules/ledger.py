"""Earn batches, oldest-first spending and expiry.

Every credit to a balance is a *batch* that expires 12 calendar months after it was earned. Spending (rewards,
gifts out) draws from the oldest unexpired batch first, so the Stars closest to expiring are used first.
A batch is *due* when ``expires_at <= now``; whatever is left in it then is expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.mock_backend.rules.timeutil import add_months, local_date

EXPIRY_MONTHS = 12
EXPIRY_WARNING_DAYS = 30


@dataclass
class Batch:
    """Stars credited at one moment.

    Attributes:
        amount: Stars originally credited.
        remaining: Stars not yet spent or expired.
        earned_at: When they were credited.
        expires_at: ``earned_at`` plus 12 calendar months.
        qualifying: True for purchase Stars, the only ones that count toward tier status.
    """

    amount: int
    remaining: int
    earned_at: datetime
    expires_at: datetime
    qualifying: bool


@dataclass(frozen=True)
class Draw:
    """Stars taken from one batch by a spend or an expiry."""

    batch: Batch
    stars: int


@dataclass(frozen=True)
class ExpiringStars:
    """Stars that expire within the warning window.

    Attributes:
        stars: Total Stars expiring within the window.
        on: The local date of the first expiry in the window.
        days_left: Days from today (local) to ``on``.
    """

    stars: int
    on: date
    days_left: int


def earn(amount: int, earned_at: datetime, qualifying: bool) -> Batch:
    """Create a new batch of ``amount`` Stars earned at ``earned_at``.

    Args:
        amount: Stars credited (must be positive).
        earned_at: When they were credited.
        qualifying: Whether they count toward tier status (purchases only).

    Returns:
        The batch, expiring 12 months after ``earned_at``.
    """
    if amount <= 0:
        raise ValueError("a batch must hold at least one Star")
    return Batch(amount, amount, earned_at, add_months(earned_at, EXPIRY_MONTHS), qualifying)


def balance(batches: list[Batch], now: datetime) -> int:
    """Spendable Stars: the remainder of every batch that has not expired at ``now``."""
    return sum(b.remaining for b in batches if b.expires_at > now)


def spend(batches: list[Batch], stars: int, now: datetime) -> list[Draw]:
    """Take ``stars`` from the oldest unexpired batches first.

    Args:
        batches: The member's batches (mutated: ``remaining`` decreases).
        stars: Stars to take (positive).
        now: The current time; expired batches are skipped.

    Returns:
        The draws made, oldest batch first.

    Raises:
        ValueError: If ``stars`` is not positive or exceeds the balance (nothing is changed then).
    """
    if stars <= 0 or stars > balance(batches, now):
        raise ValueError("cannot spend more than the balance")
    draws: list[Draw] = []
    left = stars
    for batch in sorted(batches, key=lambda b: b.earned_at):
        if left == 0:
            break
        if batch.expires_at <= now or batch.remaining == 0:
            continue
        take = min(batch.remaining, left)
        batch.remaining -= take
        left -= take
        draws.append(Draw(batch, take))
    return draws


def expire_due(batches: list[Batch], now: datetime) -> list[Draw]:
    """Expire what is left in every batch whose expiry time has come.

    Args:
        batches: The member's batches (mutated: due batches drop to zero remaining).
        now: The current time.

    Returns:
        One draw per batch that lost Stars, in expiry order.
    """
    due = sorted((b for b in batches if b.expires_at <= now and b.remaining > 0), key=lambda b: b.expires_at)
    draws = [Draw(b, b.remaining) for b in due]
    for batch in due:
        batch.remaining = 0
    return draws


def expiring_within(
    batches: list[Batch], now: datetime, time_zone: str, days: int = EXPIRY_WARNING_DAYS
) -> ExpiringStars | None:
    """Stars that will expire within ``days`` days, for the early warning.

    Args:
        batches: The member's batches.
        now: The current time.
        time_zone: The member's time zone (dates are shown in local time).
        days: Size of the warning window.

    Returns:
        The amount, the first expiry date and the days left, or None when nothing expires in the window.
    """
    horizon = now + timedelta(days=days)
    soon = [b for b in batches if now < b.expires_at <= horizon and b.remaining > 0]
    if not soon:
        return None
    first = min(b.expires_at for b in soon)
    on = local_date(first, time_zone)
    return ExpiringStars(sum(b.remaining for b in soon), on, (on - local_date(now, time_zone)).days)
