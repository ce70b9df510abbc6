"""Reward codes have a state (ready, used, expired); a visit's answer counts every Star it caused; the sender of a
gift hears of it on their other devices; a monthly challenge ends with the month; keeping a tier is asked for only
when it is close."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from app.api import models
from app.mock_backend import FrozenClock, Store
from app.mock_backend.rules import tiers
from app.mock_backend.rules.challenges import this_month
from app.mock_backend.rules.ledger import earn
from app.mock_backend.rules.redemptions import CODE_VALID_DAYS
from app.mock_backend.seed import ADA, GRACE
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in


async def codes(client: httpx.AsyncClient, who: dict[str, str]) -> list[models.Redemption]:
    response = await client.get("/v1/me/redemptions", headers=who)
    return [models.Redemption.model_validate(r) for r in response.json()]


async def test_past_codes_are_used_or_expired_and_the_newest_is_ready(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    mine = await codes(client, ada)
    assert mine[0].status == "ready" and mine[0].used_at is None and mine[0].expires_at is not None
    used = [r for r in mine if r.status == "used"]
    assert used and all(r.used_at is not None and r.used_at > r.created_at for r in used)
    assert [r.reward_name for r in mine if r.status == "expired"] == ["Lunch bowl"]


async def test_a_code_scanned_at_the_counter_is_used_once(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    ada = await sign_in(client, ADA)
    made = await client.post(
        "/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**ada, "Idempotency-Key": "shot"}
    )
    code = models.Redemption.model_validate(made.json())
    assert code.status == "ready" and code.expires_at == code.created_at + timedelta(days=CODE_VALID_DAYS)

    used = await client.post(f"/v1/demo/redemptions/{code.id}/use", headers=ada)
    assert used.status_code == 200 and used.json()["status"] == "used" and used.json()["used_at"]
    assert next(r for r in await codes(client, ada) if r.id == code.id).status == "used"
    assert_problem(await client.post(f"/v1/demo/redemptions/{code.id}/use", headers=ada), 409, "code_already_used")
    grace = await sign_in(client, GRACE)  # another member's code is not found
    assert_problem(await client.post(f"/v1/demo/redemptions/{code.id}/use", headers=grace), 404, "not_found")


async def test_an_unused_code_expires_and_cannot_be_used(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    ada = await sign_in(client, ADA)
    made = await client.post(
        "/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**ada, "Idempotency-Key": "late"}
    )
    clock.advance(timedelta(days=CODE_VALID_DAYS, seconds=1))
    ada = await sign_in(client, ADA)
    code_id = made.json()["id"]
    assert next(r for r in await codes(client, ada) if r.id == code_id).status == "expired"
    assert_problem(await client.post(f"/v1/demo/redemptions/{code_id}/use", headers=ada), 409, "code_expired")


async def test_a_visit_that_completes_a_challenge_answers_with_the_balance_after_its_bonus(
    client: httpx.AsyncClient, store: Store
) -> None:
    grace = await sign_in(client, GRACE)  # joined "Try a new drink" (one visit) yesterday
    visit = await client.post("/v1/demo/purchases", json={"amount": 5}, headers=grace)
    result = models.PurchaseResult.model_validate(visit.json())
    assert [b.reason for b in result.bonuses] == ["Challenge: Try a new drink"]
    assert result.balance_after == balances(store)[GRACE] == result.entry.balance_after + 25
    assert [e.kind for e in result.events if e.celebrate] == ["challenge_completed"]


async def test_the_sender_of_a_gift_gets_an_event_too(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = 0
    while page := (await client.get("/v1/me/events", params={"after": before}, headers=ada)).json()["events"]:
        before = page[-1]["id"]  # caught up with what happened before
    body = {"friend_id": member_id(store, GRACE), "stars": 3}
    await client.post("/v1/me/gifts", json=body, headers={**ada, "Idempotency-Key": "to-grace"})
    events = (await client.get("/v1/me/events", params={"after": before}, headers=ada)).json()["events"]
    assert [(e["kind"], e["stars"]) for e in events] == [("gift_sent", -3)]


def test_a_monthly_challenge_runs_from_the_first_to_the_first() -> None:
    start, end = this_month(datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    assert (start, end) == (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert this_month(datetime(2026, 2, 28, 23, 0, tzinfo=UTC))[1] == datetime(2026, 3, 1, tzinfo=UTC)


NOW = datetime(2025, 6, 18, 12, 0, tzinfo=UTC)


def test_a_member_far_above_the_threshold_is_told_when_the_tier_is_safe_not_alarmed() -> None:
    # 1,500 qualifying Stars, three times Gold's 500: earned evenly over the last year.
    batches = [earn(125, NOW - timedelta(days=30 * k + 10), qualifying=True) for k in range(12)]
    status = tiers.tier_status(batches, NOW, "UTC")
    assert status.tier == "Gold" and status.qualifying_stars == 1500
    assert status.days_left_in_status > tiers.KEEP_TIER_WARNING_DAYS
    assert "Earn" not in status.keep_message
    assert status.keep_message.startswith("Gold is yours until at least ")
