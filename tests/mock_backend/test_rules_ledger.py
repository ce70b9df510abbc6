"""Earn batches, oldest-first spending, expiry and the 30-day warning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.mock_backend.rules import ledger
from app.mock_backend.rules.timeutil import add_months

NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)


def test_a_batch_expires_twelve_calendar_months_after_it_was_earned() -> None:
    batch = ledger.earn(40, datetime(2024, 2, 29, 9, 0, tzinfo=UTC), qualifying=True)
    assert batch.expires_at == datetime(2025, 2, 28, 9, 0, tzinfo=UTC)
    assert (batch.amount, batch.remaining, batch.qualifying) == (40, 40, True)


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(datetime(2025, 1, 31, tzinfo=UTC), 1) == datetime(2025, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2025, 11, 15, tzinfo=UTC), 3) == datetime(2026, 2, 15, tzinfo=UTC)


def test_spending_takes_the_oldest_batch_first() -> None:
    old = ledger.earn(30, NOW - timedelta(days=300), False)
    middle = ledger.earn(30, NOW - timedelta(days=200), True)
    new = ledger.earn(30, NOW - timedelta(days=10), True)
    draws = ledger.spend([new, old, middle], 45, NOW)
    assert [(d.batch, d.stars) for d in draws] == [(old, 30), (middle, 15)]
    assert (old.remaining, middle.remaining, new.remaining) == (0, 15, 30)


def test_spending_skips_expired_batches_and_refuses_more_than_the_balance() -> None:
    expired = ledger.earn(100, NOW - timedelta(days=400), True)
    live = ledger.earn(20, NOW - timedelta(days=5), True)
    with pytest.raises(ValueError):
        ledger.spend([expired, live], 21, NOW)
    assert (expired.remaining, live.remaining) == (100, 20)  # nothing changed
    ledger.spend([expired, live], 20, NOW)
    assert (expired.remaining, live.remaining) == (100, 0)


def test_zero_or_negative_spends_are_refused() -> None:
    batches = [ledger.earn(10, NOW, True)]
    for stars in (0, -5):
        with pytest.raises(ValueError):
            ledger.spend(batches, stars, NOW)


def test_expiry_takes_exactly_what_is_left_of_due_batches() -> None:
    due = ledger.earn(50, NOW - timedelta(days=370), True)
    due.remaining = 12
    on_the_dot = ledger.earn(5, add_months(NOW, -12), True)
    alive = ledger.earn(50, NOW - timedelta(days=100), True)
    draws = ledger.expire_due([alive, due, on_the_dot], NOW)
    assert [(d.batch, d.stars) for d in draws] == [(due, 12), (on_the_dot, 5)]
    assert ledger.balance([alive, due, on_the_dot], NOW) == 50
    assert ledger.expire_due([alive, due, on_the_dot], NOW) == []  # idempotent


def test_expiring_within_30_days_gives_amount_first_date_and_days_left() -> None:
    soon = ledger.earn(40, add_months(NOW, -12) + timedelta(days=10), True)
    later_in_window = ledger.earn(15, add_months(NOW, -12) + timedelta(days=30), True)
    outside = ledger.earn(99, add_months(NOW, -12) + timedelta(days=31), True)
    warning = ledger.expiring_within([outside, later_in_window, soon], NOW, "UTC")
    assert warning == ledger.ExpiringStars(55, date(2025, 6, 28), 10)


def test_no_warning_when_nothing_expires_soon_or_it_is_already_spent() -> None:
    spent = ledger.earn(40, add_months(NOW, -12) + timedelta(days=3), True)
    spent.remaining = 0
    assert ledger.expiring_within([spent, ledger.earn(5, NOW, True)], NOW, "UTC") is None


def test_the_warning_date_is_the_members_local_date() -> None:
    batch = ledger.earn(10, add_months(NOW, -12) + timedelta(days=5, hours=13), True)  # 01:00 UTC on day 24
    warning = ledger.expiring_within([batch], NOW, "America/Los_Angeles")
    assert warning is not None and warning.on == date(2025, 6, 23)
