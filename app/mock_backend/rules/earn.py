"""How many Stars a purchase earns."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from app.mock_backend.rules.tiers import Tier

STARS_PER_UNIT = 2


def base_stars(amount: float) -> int:
    """Stars before multipliers: 2 per unit of money, rounded down (12.75 -> 25)."""
    return int((Decimal(str(amount)) * STARS_PER_UNIT).to_integral_value(rounding=ROUND_FLOOR))


def purchase_stars(amount: float, tier: Tier, offer_multiplier: float = 1.0) -> int:
    """Stars earned by a purchase.

    Args:
        amount: Money spent, in currency units.
        tier: The member's tier at the time of purchase.
        offer_multiplier: The active offer's multiplier (2.0 on Double Star Day), 1.0 when none.

    Returns:
        ``floor(floor(2 * amount) * tier multiplier * offer multiplier)``, computed exactly.
    """
    exact = Fraction(base_stars(amount)) * Fraction(str(tier.earn_multiplier)) * Fraction(str(offer_multiplier))
    return int(exact // 1)


def offer_multiplier(offers: list[tuple[datetime, datetime, float]], at: datetime) -> float:
    """The largest multiplier among offers active at ``at`` (start inclusive, end exclusive), else 1.0.

    Args:
        offers: ``(starts_at, ends_at, multiplier)`` triples.
        at: The purchase time.
    """
    active = [m for start, end, m in offers if start <= at < end]
    return max(active, default=1.0)
