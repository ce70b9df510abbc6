"""Tiers by qualifying Stars in a rolling 12-month window.

Policy (chosen for the demo and shown to members):

* Only purchase Stars qualify (including tier and offer multipliers); gifts and bonuses are spendable only.
* A purchase batch counts toward status for exactly as long as it is alive: from ``earned_at`` until
  ``expires_at`` (12 calendar months). The tier is the highest whose threshold the live qualifying total meets.
* ``status_until`` is the local date on which, if the member earns nothing more, enough old purchases roll out
  of the window that the total falls below the current tier's threshold. ``keep_tier_stars_needed`` is what
  must be earned before that date to stay at or above the threshold on it; the message asks for it only when
  that date is within ``KEEP_TIER_WARNING_DAYS`` (months away it says until when the tier is safe).
  Green never lapses; its ``status_until`` is 12 months from today.

A rolling window is the simplest defensible rule: status always equals what the last 12 months earned, and
the member can see the exact date and amount that decide whether they keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.api.models import TierName, TierProgress
from app.mock_backend.rules.ledger import EXPIRY_MONTHS, Batch
from app.mock_backend.rules.timeutil import add_months, local_date
from app.mock_backend.texts import Texts, text

STATUS_WINDOW_MONTHS = EXPIRY_MONTHS
KEEP_TIER_WARNING_DAYS = 90
"""How close the date that decides a tier must be before the member is asked to earn what keeps it."""


@dataclass(frozen=True)
class Tier:
    """One tier of the program."""

    name: TierName
    threshold: int
    earn_multiplier: float
    benefits: tuple[Texts, ...]


# What each tier brings, one line per benefit (English, Spanish).
_BENEFITS: tuple[tuple[TierName, Texts], ...] = (
    ("Green", Texts("2 Stars per $1 spent", "2 Estrellas por cada 1 $ que gastas")),
    ("Green", Texts("Birthday bonus", "Regalo de cumpleaños")),
    ("Green", Texts("Free refills on brewed coffee", "Café de filtro: te lo rellenamos gratis")),
    ("Gold", Texts("Earn 1.2x Stars on purchases", "Ganas 1,2 veces más Estrellas en tus compras")),
    ("Gold", Texts("Gold-only rewards", "Recompensas solo para Gold")),
    ("Gold", Texts("Monthly double-star offer", "Una oferta de Estrellas dobles al mes")),
    ("Reserve", Texts("Earn 1.7x Stars on purchases", "Ganas 1,7 veces más Estrellas en tus compras")),
    ("Reserve", Texts("Reserve-only rewards", "Recompensas solo para Reserve")),
    ("Reserve", Texts("Tasting events", "Catas exclusivas")),
    ("Reserve", Texts("Priority support", "Atención prioritaria")),
)
_LEVELS: tuple[tuple[TierName, int, float], ...] = (("Green", 0, 1.0), ("Gold", 500, 1.2), ("Reserve", 2500, 1.7))
"""Each tier's name, threshold (qualifying Stars) and earn multiplier."""
TIERS: tuple[Tier, ...] = tuple(
    Tier(name, threshold, multiplier, tuple(said for tier, said in _BENEFITS if tier == name))
    for name, threshold, multiplier in _LEVELS
)


def tier_by_name(name: str) -> Tier:
    """Return the tier called ``name``."""
    for tier in TIERS:
        if tier.name == name:
            return tier
    raise KeyError(name)


def tier_for(qualifying_stars: int) -> Tier:
    """The highest tier whose threshold ``qualifying_stars`` meets."""
    return [t for t in TIERS if qualifying_stars >= t.threshold][-1]


def rank(name: str) -> int:
    """0 for Green, 1 for Gold, 2 for Reserve."""
    return [str(t.name) for t in TIERS].index(name)


def live_qualifying(batches: list[Batch], now: datetime) -> list[Batch]:
    """Qualifying batches still inside the 12-month window at ``now``, oldest first."""
    return sorted((b for b in batches if b.qualifying and b.earned_at <= now < b.expires_at), key=lambda b: b.earned_at)


def qualifying_stars(batches: list[Batch], now: datetime) -> int:
    """Purchase Stars earned in the trailing 12 months (the original amounts, spent or not)."""
    return sum(b.amount for b in live_qualifying(batches, now))


def tier_status(batches: list[Batch], now: datetime, time_zone: str) -> TierProgress:
    """Compute the member's tier, progress to the next tier and what it takes to keep the current one.

    Args:
        batches: All of the member's batches.
        now: The current time.
        time_zone: The member's time zone, for local dates.

    Returns:
        The full tier status as the API states it (see the module docstring for the policy).
    """
    live = live_qualifying(batches, now)
    total = sum(b.amount for b in live)
    tier = tier_for(total)
    index = rank(tier.name)
    nxt = TIERS[index + 1] if index + 1 < len(TIERS) else None
    today = local_date(now, time_zone)
    if nxt is None:
        to_next, progress = 0, 1.0
    else:
        to_next = nxt.threshold - total
        progress = round((total - tier.threshold) / (nxt.threshold - tier.threshold), 4)

    def status(until: date, needed: int, message: str) -> TierProgress:
        return TierProgress(
            tier=tier.name,
            qualifying_stars=total,
            window_months=STATUS_WINDOW_MONTHS,
            next_tier=nxt.name if nxt else None,
            next_tier_threshold=nxt.threshold if nxt else None,
            stars_to_next_tier=to_next,
            progress=progress,
            status_until=until,
            days_left_in_status=(until - today).days,
            keep_tier_stars_needed=needed,
            keep_message=message,
            status_expires=tier.threshold > 0,
        )

    if tier.threshold == 0:
        return status(local_date(add_months(now, STATUS_WINDOW_MONTHS), time_zone), 0, text("keep_green"))
    remaining = total
    drop_at = live[-1].expires_at
    for batch in live:
        remaining -= batch.amount
        if remaining < tier.threshold:
            drop_at = batch.expires_at
            break
    still_live = sum(b.amount for b in live if b.expires_at > drop_at)
    needed = max(0, tier.threshold - still_live)
    until = local_date(drop_at, time_zone)
    if not needed:
        message = text("keep_tier_earned", tier=tier.name, until=until)
    elif (until - today).days <= KEEP_TIER_WARNING_DAYS:
        message = text("keep_tier_earn", n=needed, tier=tier.name, until=until)
    else:
        # Months away, the shortfall is what a few visits earn anyway: telling a member with three times the
        # threshold to "earn 11 more to keep Gold" reads as a warning they have not earned.
        message = text("keep_tier_safe", tier=tier.name, until=until, n=total, threshold=tier.threshold)
    return status(until, needed, message)


def first_reached(batches: list[Batch], threshold: int) -> datetime | None:
    """The first moment the trailing 12-month qualifying total reached ``threshold``, if it ever did.

    Args:
        batches: All of the member's batches (expired ones included, they are history).
        threshold: The tier threshold.

    Returns:
        The purchase time at which the threshold was first met, or None.
    """
    purchases = sorted((b for b in batches if b.qualifying), key=lambda b: b.earned_at)
    window, start = 0, 0
    for batch in purchases:
        window += batch.amount
        # expires_at grows with earned_at, so the batches that left the window are a prefix.
        while purchases[start].expires_at <= batch.earned_at:
            window -= purchases[start].amount
            start += 1
        if window >= threshold:
            return batch.earned_at
    return None
