"""The sign-in throttle's pure rules and its book, on plain datetimes (no sleeps, no HTTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.throttle import SIGN_IN_LIMITS, Limit, recent, retry_after_seconds, wait_needed
from app.mock_backend.services.signin import SWEEP_EVERY, SignInThrottle
from tests.support.clocks import T0

MINUTE = timedelta(minutes=1)
FIVE_A_MINUTE = Limit(5, MINUTE)


def seconds(*offsets: float) -> list:
    return [T0 + timedelta(seconds=s) for s in offsets]


def test_a_window_that_is_not_full_needs_no_wait() -> None:
    assert wait_needed(seconds(0, 1, 2, 3), FIVE_A_MINUTE, T0 + timedelta(seconds=4)) == timedelta(0)


def test_a_full_window_waits_until_its_oldest_failure_leaves_it() -> None:
    failures = seconds(0, 10, 20, 30, 40)
    assert wait_needed(failures, FIVE_A_MINUTE, T0 + timedelta(seconds=45)) == timedelta(seconds=15)
    assert wait_needed(failures, FIVE_A_MINUTE, T0 + timedelta(seconds=60)) == timedelta(0)


def test_failures_older_than_the_window_do_not_count() -> None:
    failures = seconds(-120, -61, 0, 1, 2, 3)
    now = T0 + timedelta(seconds=4)
    assert recent(failures, FIVE_A_MINUTE, now) == seconds(0, 1, 2, 3)
    assert wait_needed(failures, FIVE_A_MINUTE, now) == timedelta(0)


def test_the_wait_is_never_longer_than_the_window() -> None:
    failures = seconds(*range(100))  # far more failures than allowed
    for now in seconds(99, 100, 130, 158):
        assert timedelta(0) <= wait_needed(failures, FIVE_A_MINUTE, now) <= MINUTE


@pytest.mark.parametrize(("wait", "header"), [(0.2, 1), (1.0, 1), (1.01, 2), (59.5, 60)])
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: int) -> None:
    assert retry_after_seconds(timedelta(seconds=wait)) == header


def test_the_served_limits() -> None:
    assert SIGN_IN_LIMITS["account_from_address"] == Limit(20, MINUTE)
    assert SIGN_IN_LIMITS["account"].attempts > SIGN_IN_LIMITS["account_from_address"].attempts
    assert all(limit.window <= MINUTE for limit in SIGN_IN_LIMITS.values())


def test_the_book_counts_in_advance_refuses_a_full_window_and_forgives_a_success() -> None:
    book = SignInThrottle(
        {"account_from_address": FIVE_A_MINUTE, "account": Limit(50, MINUTE), "address": Limit(50, MINUTE)}
    )
    keys = book.keys(" Ada@Example.com ", "10.0.0.1")
    assert keys == book.keys("ada@example.com", "10.0.0.1")
    for _ in range(4):
        book.begin(keys, T0)
    book.begin(keys, T0)  # the fifth is let through (and counted) ...
    with pytest.raises(Refusal) as refused:
        book.begin(keys, T0)  # ... the sixth is refused at once and not counted
    assert (refused.value.code, refused.value.status, refused.value.headers) == (
        "too_many_attempts",
        429,
        {"Retry-After": "60"},
    )
    book.forgive(keys, T0)  # the fifth was the right password
    book.begin(keys, T0)
    assert book.wait(book.keys("ada@example.com", "10.0.0.2"), T0) == timedelta(0)  # another address
    assert book.wait(keys, T0 + MINUTE) == timedelta(0)


def test_the_book_forgets_empty_windows_so_a_spray_of_made_up_emails_cannot_grow_it() -> None:
    book = SignInThrottle()
    for i in range(SWEEP_EVERY - 1):
        book.begin(book.keys(f"user{i}@example.com", f"10.0.{i // 250}.{i % 250}"), T0)
    assert len(book) > SWEEP_EVERY
    book.begin(book.keys("late@example.com", "10.9.9.9"), T0 + 2 * MINUTE)  # the sweep runs on this attempt
    assert len(book) == 3
