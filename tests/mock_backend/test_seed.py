"""The demo data shows what each demo member is meant to show, deterministically."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app.mock_backend import FrozenClock, Store, build_demo_store
from app.mock_backend.seed import ADA, ALAN, DEMO_EMAILS, GRACE, LINUS
from tests.mock_backend.conftest import sign_in


async def summary(client: httpx.AsyncClient, email: str) -> dict:  # type: ignore[type-arg]
    response = await client.get("/v1/me/summary", headers=await sign_in(client, email))
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


async def test_demo_members_are_all_friends(client: httpx.AsyncClient) -> None:
    for email in DEMO_EMAILS:
        friends = (await client.get("/v1/me/friends", headers=await sign_in(client, email))).json()
        assert len(friends) == 3


async def test_ada_is_gold_with_earned_and_locked_badges_and_running_challenges(client: httpx.AsyncClient) -> None:
    ada = await summary(client, ADA)
    assert ada["tier"]["tier"] == "Gold" and ada["tier"]["keep_message"]
    assert 0 < ada["badges_earned"] < ada["badges_total"]
    assert {"visit-3-this-week", "try-a-new-drink"} <= {c["id"] for c in ada["challenges"]}
    assert [o["id"] for o in ada["offers"]][0] == "double-star-day"
    assert ada["next_reward"] is not None


async def test_grace_is_green_and_close_to_gold(client: httpx.AsyncClient) -> None:
    tier = (await summary(client, GRACE))["tier"]
    assert (tier["tier"], tier["qualifying_stars"], tier["stars_to_next_tier"]) == ("Green", 455, 45)


async def test_alan_has_stars_expiring_soon_and_an_expired_batch(client: httpx.AsyncClient) -> None:
    alan_headers = await sign_in(client, ALAN)
    alan = await summary(client, ALAN)
    assert alan["expiring"] is not None and alan["expiring"]["days_left"] <= 30
    expired = (await client.get("/v1/me/activity?kind=expired", headers=alan_headers)).json()["items"]
    assert expired


async def test_linus_is_reserve(client: httpx.AsyncClient) -> None:
    assert (await summary(client, LINUS))["tier"]["tier"] == "Reserve"


async def test_everyone_has_a_history_of_purchases_gifts_and_redemptions(store: Store) -> None:
    for member in store.members.values():
        kinds = {e.kind for e in member.entries}
        assert {"purchase", "gift_out", "gift_in", "redeem"} <= kinds, member.email
        assert member.running_balance == store.balance(member, store.now()) >= 0


@pytest.mark.parametrize("now", [datetime(2025, 6, 18, 10, tzinfo=UTC), datetime(2026, 2, 28, 23, 30, tzinfo=UTC)])
def test_the_seed_is_deterministic_for_a_given_now(now: datetime) -> None:
    def fingerprint(store: Store) -> list[tuple[str, int, str, list[tuple[str, int, str]]]]:
        return [
            (m.email, store.balance(m, now), m.tier, [(e.kind, e.stars, e.reason) for e in m.entries])
            for m in store.members.values()
        ]

    first, second = build_demo_store(clock=FrozenClock(now)), build_demo_store(clock=FrozenClock(now))
    assert fingerprint(first) == fingerprint(second)
    grace = first.member_by_email(GRACE)
    assert grace is not None and first.tier_status(grace, now).qualifying_stars == 455
