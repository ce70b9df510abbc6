"""Tier boundaries, status dates and the earn formula."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.mock_backend.rules import tiers
from app.mock_backend.rules.earn import base_stars, offer_multiplier, purchase_stars
from app.mock_backend.rules.ledger import Batch, earn

NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)
GREEN, GOLD, RESERVE = (tiers.tier_by_name(n) for n in ("Green", "Gold", "Reserve"))


def purchases(*pairs: tuple[int, int]) -> list[Batch]:
    """Qualifying batches of ``stars`` earned ``days`` ago."""
    return [earn(stars, NOW - timedelta(days=days), qualifying=True) for stars, days in pairs]


@pytest.mark.parametrize(
    ("qualifying", "tier"), [(0, "Green"), (499, "Green"), (500, "Gold"), (2499, "Gold"), (2500, "Reserve")]
)
def test_tier_boundaries(qualifying: int, tier: str) -> None:
    assert tiers.tier_for(qualifying).name == tier


def test_only_purchase_stars_in_the_last_twelve_months_qualify() -> None:
    batches = [
        *purchases((300, 10), (150, 200)),
        earn(400, NOW - timedelta(days=20), qualifying=False),  # gift or bonus: spendable only
        *purchases((900, 370)),  # outside the window
    ]
    batches[0].remaining = 0  # spending does not reduce qualifying Stars
    status = tiers.tier_status(batches, NOW, "UTC")
    assert (status.tier, status.qualifying_stars) == ("Green", 450)
    assert status.stars_to_next_tier == 50 and status.next_tier == "Gold"
    assert status.progress == pytest.approx(0.9)


def test_green_never_lapses() -> None:
    status = tiers.tier_status(purchases((100, 5)), NOW, "UTC")
    assert status.keep_tier_stars_needed == 0
    assert status.status_until == date(2026, 6, 18)
    assert status.days_left_in_status == 365
    assert "never" in status.keep_message


def test_gold_lasts_until_old_purchases_roll_out_and_says_what_keeps_it() -> None:
    # 300 (earned 300 days ago) + 250 (100 days ago) = 550: Gold. When the 300 rolls out, 250 remain.
    status = tiers.tier_status(purchases((300, 300), (250, 100)), NOW, "UTC")
    assert status.tier == "Gold" and status.next_tier_threshold == RESERVE.threshold
    rolls_out = (NOW - timedelta(days=300)).replace(year=2025).date()
    assert status.status_until == rolls_out == date(2025, 8, 22)
    assert status.days_left_in_status == 65
    assert status.keep_tier_stars_needed == 250
    assert status.keep_message == "Earn 250 more qualifying Stars by 22 Aug 2025 to keep Gold."


def test_reserve_has_no_next_tier_and_full_progress() -> None:
    status = tiers.tier_status(purchases((2500, 1)), NOW, "UTC")
    assert (status.tier, status.next_tier, status.stars_to_next_tier, status.progress) == ("Reserve", None, 0, 1.0)


def test_first_reached_finds_when_the_rolling_total_first_met_the_threshold() -> None:
    batches = purchases((400, 600), (200, 200), (300, 100))  # the 400 expired before the 200 arrived
    assert tiers.first_reached(batches, 500) == NOW - timedelta(days=100)
    assert tiers.first_reached(batches, 2500) is None


def test_base_stars_are_two_per_unit_rounded_down() -> None:
    assert [base_stars(a) for a in (0.49, 0.5, 12.75, 10_000)] == [0, 1, 25, 20_000]


@pytest.mark.parametrize(
    ("amount", "tier", "offer", "stars"),
    [
        (10, GREEN, 1.0, 20),
        (10, GOLD, 1.0, 24),
        (10, RESERVE, 1.0, 34),
        (2.5, RESERVE, 1.0, 8),
        (10, GOLD, 2.0, 48),
        (0.3, GREEN, 2.0, 0),
    ],
)
def test_purchase_stars_apply_tier_and_offer_multipliers(
    amount: float, tier: tiers.Tier, offer: float, stars: int
) -> None:
    assert purchase_stars(amount, tier, offer) == stars


def test_offer_multiplier_applies_only_while_the_offer_runs() -> None:
    day = [(NOW, NOW + timedelta(days=1), 2.0)]
    assert offer_multiplier(day, NOW) == 2.0
    assert offer_multiplier(day, NOW - timedelta(seconds=1)) == 1.0
    assert offer_multiplier(day, NOW + timedelta(days=1)) == 1.0
