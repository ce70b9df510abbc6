"""The pure rules of joining: codes, their expiry and wrong tries, and throttling windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.mock_backend.rules.joining import (
    CODE_TTL,
    MAX_CODE_ATTEMPTS,
    Limit,
    check_code,
    code_digest,
    looks_like_email,
    new_code,
    retry_after,
    welcome_email,
)
from tests.support.joining import code_in

T0 = datetime(2026, 6, 18, 12, 0, tzinfo=UTC)


def test_codes_are_six_digits_and_only_their_hash_is_compared() -> None:
    codes = {new_code() for _ in range(50)}
    assert all(len(c) == 6 and c.isdigit() for c in codes) and len(codes) > 40
    digest = code_digest("042917")
    assert check_code(digest, T0 + CODE_TTL, 0, " 042917 ", T0) == "ok"
    assert check_code(digest, T0 + CODE_TTL, 0, "042918", T0) == "wrong"


def test_a_code_expires_with_time_and_after_too_many_wrong_tries() -> None:
    digest = code_digest("111111")
    assert check_code(digest, T0 + CODE_TTL, 0, "111111", T0 + CODE_TTL) == "expired"
    assert check_code(digest, T0 + CODE_TTL, MAX_CODE_ATTEMPTS, "111111", T0) == "expired"
    assert check_code(None, None, 0, "111111", T0) == "expired"


def test_a_window_allows_count_events_then_says_how_long_to_wait() -> None:
    limit = Limit(3, timedelta(hours=1))
    times = [T0, T0 + timedelta(minutes=10), T0 + timedelta(minutes=20)]
    assert retry_after(times[:2], limit, T0 + timedelta(minutes=30)) is None
    assert retry_after(times, limit, T0 + timedelta(minutes=30)) == 30 * 60
    assert retry_after(times, limit, T0 + timedelta(hours=1)) is None  # the oldest left the window


def test_an_email_needs_a_local_part_and_a_dotted_domain() -> None:
    assert looks_like_email("ada@example.com")
    assert not looks_like_email("ada@example") and not looks_like_email("@example.com")
    assert not looks_like_email("ada lovelace@example.com")


def test_the_code_is_read_from_its_own_sentence_even_when_the_name_holds_six_digits() -> None:
    # A crowd member named "Crowd 482913 3" once made the tests read the name as the code (CI, stop 17).
    _, body = welcome_email("Crowd 482913 3", "105577", 15)
    assert code_in(body) == "105577"
