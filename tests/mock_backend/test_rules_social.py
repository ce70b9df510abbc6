"""Pure rules of Star Pools, the friends' leaderboard and gifts to newcomers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.mock_backend.rules.leaderboard import earned_between, rank_with_ties, this_week
from app.mock_backend.rules.newcomers import check_claim, due_for_return, normalize_code, normalize_contact
from app.mock_backend.rules.pools import (
    Lot,
    check_contribution,
    check_invites,
    goal_progress,
    next_owner,
    pooled,
    spend_lots,
    take_back,
    unspent_of,
)
from app.mock_backend.rules.refusals import Refusal

T = datetime(2025, 6, 18, 10, 0, tzinfo=UTC)


def lots() -> list[Lot]:
    return [Lot("ada", 50, 50, T), Lot("grace", 30, 30, T + timedelta(hours=1)), Lot("ada", 20, 20, T + timedelta(2))]


def test_a_pool_spends_its_oldest_contributions_first_and_says_whose() -> None:
    pool = lots()
    assert spend_lots(pool, 60) == {"ada": 50, "grace": 10}
    assert (pooled(pool), unspent_of(pool, "ada"), unspent_of(pool, "grace")) == (40, 20, 20)


def test_spending_more_than_the_pool_holds_changes_nothing() -> None:
    pool = lots()
    with pytest.raises(ValueError):
        spend_lots(pool, 101)
    with pytest.raises(ValueError):
        spend_lots(pool, 0)
    assert pooled(pool) == 100


def test_leaving_takes_back_exactly_what_is_unspent() -> None:
    pool = lots()
    spend_lots(pool, 60)
    assert take_back(pool, "ada") == 20
    assert take_back(pool, "ada") == 0
    assert pooled(pool) == 20


def test_invites_are_for_friends_only_and_five_at_most() -> None:
    friends = [f"f{i}" for i in range(7)]
    check_invites(owner_id="me", invited=["f0", "f1"], new=["f2", "f3", "f4"], friends=friends)
    with pytest.raises(Refusal) as full:
        check_invites(owner_id="me", invited=["f0", "f1", "f2"], new=["f3", "f4", "f5"], friends=friends)
    assert full.value.code == "pool_full"
    with pytest.raises(Refusal) as stranger:
        check_invites(owner_id="me", invited=[], new=["nobody"], friends=friends)
    assert stranger.value.code == "not_a_friend"
    with pytest.raises(Refusal) as self_invite:
        check_invites(owner_id="me", invited=[], new=["me"], friends=friends)
    assert self_invite.value.code == "cannot_gift_self"


@pytest.mark.parametrize(
    ("stars", "balance", "given_today", "code"),
    [
        (0, 100, 0, "gift_limit_exceeded"),
        (501, 1000, 0, "gift_limit_exceeded"),
        (100, 1000, 950, "daily_gift_cap_exceeded"),
        (100, 99, 0, "insufficient_balance"),
    ],
)
def test_contributions_follow_the_gift_limits(stars: int, balance: int, given_today: int, code: str) -> None:
    with pytest.raises(Refusal) as refused:
        check_contribution(stars=stars, balance=balance, given_today=given_today)
    assert (refused.value.code, refused.value.field) == (code, "stars")


def test_a_contribution_within_every_limit_passes() -> None:
    check_contribution(stars=500, balance=500, given_today=500)


def test_goal_progress_and_the_next_owner() -> None:
    assert goal_progress(150, 200) == (50, 0.75)
    assert goal_progress(260, 200) == (0, 1.0)
    assert next_owner(["ada", "grace", "alan"], "ada") == "grace"
    assert next_owner(["ada"], "ada") is None


def test_the_week_starts_on_monday_in_the_members_time_zone() -> None:
    sunday_night_in_la = datetime(2025, 6, 23, 5, 0, tzinfo=UTC)  # Monday 05:00 UTC is Sunday 22:00 in Los Angeles
    la = this_week(sunday_night_in_la, "America/Los_Angeles")
    utc = this_week(sunday_night_in_la, "UTC")
    assert (la.starts_on, utc.starts_on) == (date(2025, 6, 16), date(2025, 6, 23))
    assert la.resets_at == datetime(2025, 6, 23, 7, 0, tzinfo=UTC)  # Monday 00:00 PDT


def test_only_stars_earned_in_the_window_count() -> None:
    start, end = T, T + timedelta(days=7)
    entries = [
        ("purchase", 40, T),
        ("review", 10, T + timedelta(days=1)),
        ("gift_in", 500, T),
        ("pool_return", 50, T),
        ("purchase", 99, T - timedelta(seconds=1)),
        ("purchase", 70, end),
        ("redeem", -60, T),
    ]
    assert earned_between(entries, start, end) == 50  # type: ignore[arg-type]


def test_equal_stars_share_a_rank_and_the_next_rank_is_skipped() -> None:
    ranked = rank_with_ties([("a", "Ada", 40), ("g", "Grace", 90), ("l", "Linus", 40), ("t", "Alan", 10)])
    assert [(rank, name) for rank, _, name, _ in ranked] == [(1, "Grace"), (2, "Ada"), (2, "Linus"), (4, "Alan")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sam@Example.com ", ("sam@example.com", "email")),
        ("+44 7700 900123", ("+447700900123", "sms")),
        ("(555) 010-9999", ("5550109999", "sms")),
    ],
)
def test_a_contact_is_a_phone_number_or_an_email(typed: str, expected: tuple[str, str]) -> None:
    assert normalize_contact(typed) == expected


@pytest.mark.parametrize("typed", ["sam", "12345", "<script>@x", "+1 2", "a@b", "1" * 30])
def test_anything_else_is_refused_on_the_contact_field(typed: str) -> None:
    with pytest.raises(Refusal) as refused:
        normalize_contact(typed)
    assert (refused.value.code, refused.value.field) == ("validation_error", "contact")


def test_a_claim_code_is_read_whatever_its_case_and_dashes() -> None:
    assert normalize_code(" abcde-fgh23 ") == "ABCDEFGH23"


def test_only_a_newcomer_may_claim_and_only_while_it_is_held() -> None:
    check_claim(status="held", sent_at=T, giver_id="ada", claimant_id="sam", joined_at=T + timedelta(hours=1),
                now=T + timedelta(days=2))
    cases = [
        ({"status": "claimed"}, "claim_closed"),
        ({"now": T + timedelta(days=14)}, "claim_closed"),
        ({"joined_at": T - timedelta(days=1)}, "not_a_newcomer"),
        ({"claimant_id": "ada"}, "not_a_newcomer"),
    ]
    for change, code in cases:
        args = {"status": "held", "sent_at": T, "giver_id": "ada", "claimant_id": "sam",
                "joined_at": T + timedelta(hours=1), "now": T + timedelta(days=2)} | change
        with pytest.raises(Refusal) as refused:
            check_claim(**args)  # type: ignore[arg-type]
        assert refused.value.code == code, change
    assert not due_for_return(T, T + timedelta(days=14) - timedelta(seconds=1))
    assert due_for_return(T, T + timedelta(days=14))
