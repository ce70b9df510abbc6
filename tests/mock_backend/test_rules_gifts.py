"""Gift limits: per gift, per day, balance, self and friends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.api.models import MAX_MESSAGE_CHARS
from app.mock_backend.rules.gifts import allowance, check_gift, sent_on_day
from app.mock_backend.rules.refusals import Refusal

NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)


def gift(**overrides: Any) -> None:
    args: dict[str, Any] = dict(
        sender_id="a", recipient_id="b", is_friend=True, stars=10, message=None, balance=2000, sent_today=0
    )
    check_gift(**{**args, **overrides})


def refusal(**overrides: Any) -> Refusal:
    with pytest.raises(Refusal) as caught:
        gift(**overrides)
    return caught.value


@pytest.mark.parametrize("stars", [1, 500])
def test_gifts_of_1_to_500_are_allowed(stars: int) -> None:
    gift(stars=stars)


@pytest.mark.parametrize("stars", [0, -1, 501, 10**20])
def test_gifts_outside_1_to_500_are_refused_on_the_stars_field(stars: int) -> None:
    r = refusal(stars=stars)
    assert (r.code, r.field, r.status) == ("gift_limit_exceeded", "stars", 422)


def test_gift_over_the_daily_cap_is_refused() -> None:
    gift(stars=500, sent_today=500)  # exactly 1,000 today is fine
    r = refusal(stars=1, sent_today=1000)
    assert (r.code, r.field, r.status) == ("daily_gift_cap_exceeded", "stars", 409)


def test_gift_over_the_balance_is_refused() -> None:
    gift(stars=40, balance=40)
    r = refusal(stars=41, balance=40)
    assert (r.code, r.field) == ("insufficient_balance", "stars")


def test_gift_to_self_and_to_strangers_is_refused() -> None:
    assert refusal(recipient_id="a").code == "cannot_gift_self"
    r = refusal(is_friend=False)
    assert (r.code, r.field, r.status) == ("not_a_friend", "friend_id", 403)


def test_message_is_limited_to_the_contract_length() -> None:
    gift(message="x" * MAX_MESSAGE_CHARS)
    r = refusal(message="x" * (MAX_MESSAGE_CHARS + 1))
    assert (r.code, r.field) == ("validation_error", "message")


def test_the_daily_cap_counts_the_senders_local_day() -> None:
    # 02:00 UTC on the 18th is still the 17th in New York (UTC-4 in June).
    sent = [(datetime(2025, 6, 18, 2, 0, tzinfo=UTC), 600), (NOW - timedelta(days=1), 300)]
    assert sent_on_day(sent, NOW, "UTC") == 600
    assert sent_on_day(sent, NOW, "America/New_York") == 0


def test_allowance_is_the_smallest_of_per_gift_limit_remaining_cap_and_balance() -> None:
    assert allowance(balance=2000, sent_today=0).max_now == 500
    assert allowance(balance=2000, sent_today=800).max_now == 200
    assert allowance(balance=30, sent_today=0).max_now == 30
    assert allowance(balance=30, sent_today=1200) == allowance(30, 1200)
    assert allowance(balance=30, sent_today=1200).remaining_today == 0
