"""Crashes become opaque 500 problems; tiers move with purchases; configuration; the command line."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, build_demo_store, create_app
from app.mock_backend.__main__ import main
from app.mock_backend.seed import ADA, GRACE
from tests.mock_backend.conftest import assert_problem, balances, sign_in
from tests.support.clocks import T0


class BrokenClock:
    """A clock that fails on demand: failure injected as a plain parameter."""

    def __init__(self) -> None:
        self.broken = False

    def __call__(self) -> datetime:
        if self.broken:
            raise RuntimeError("database password is hunter2")
        return T0


async def test_an_unexpected_error_is_a_500_problem_without_internals() -> None:
    clock = BrokenClock()
    app = create_app(build_demo_store(clock=clock))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        headers = await sign_in(client, ADA)
        clock.broken = True
        response = await client.get("/v1/me/summary", headers=headers)
    problem = assert_problem(response, 500, "internal_error")
    assert "hunter2" not in response.text and "Traceback" not in response.text
    assert problem["field"] is None


async def test_access_token_lifetime_is_configurable() -> None:
    clock = FrozenClock(T0)
    app = create_app(build_demo_store(clock=clock), access_token_ttl=timedelta(minutes=1))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as client:
        pair = (await client.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})).json()
        assert pair["expires_in"] == 60
        clock.advance(timedelta(minutes=1))
        response = await client.get("/v1/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
        assert_problem(response, 401, "token_expired")


async def test_a_purchase_that_crosses_500_makes_grace_gold_with_events(
    client: httpx.AsyncClient, store: Store
) -> None:
    grace = await sign_in(client, GRACE)
    member = store.member_by_email(GRACE)
    assert member is not None
    cursor = member.events[-1].id
    # 45 Stars short; today is Double Star Day (activated), so 11.50 earns 23 x 2 = 46 qualifying Stars.
    assert (await client.post("/v1/me/offers/double-star-day/activate", headers=grace)).status_code == 200
    result = (await client.post("/v1/demo/purchases", json={"amount": 11.5}, headers=grace)).json()
    assert result["stars"] == 46
    summary = (await client.get("/v1/me/summary", headers=grace)).json()
    assert (summary["tier"]["tier"], summary["tier"]["qualifying_stars"]) == ("Gold", 501)
    kinds = [e["kind"] for e in (await client.get(f"/v1/me/events?after={cursor}", headers=grace)).json()["events"]]
    assert {"stars_earned", "tier_changed", "badge_earned"} <= set(kinds)
    rewards = {r["id"]: r for r in (await client.get("/v1/rewards", headers=grace)).json()}
    assert rewards["lunch-bowl"]["locked_reason"] is None
    assert (await client.get("/v1/me", headers=grace)).json()["tier"] == "Gold"


async def test_idempotency_keys_are_forgotten_after_48_hours(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**ada, **key})
    clock.advance(timedelta(hours=49))
    ada = await sign_in(client, ADA)
    before = balances(store)[ADA]
    later = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**ada, **key})
    assert later.status_code == 201 and later.json()["id"] != first.json()["id"]
    assert balances(store)[ADA] == before - 25


async def test_program_is_public_and_cacheable(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/program")
    program = response.json()
    assert "max-age" in response.headers["Cache-Control"]
    assert program["reward_ladder"] == [25, 60, 100, 200, 300, 400]
    assert [(t["name"], t["threshold"], t["earn_multiplier"]) for t in program["tiers"]] == [
        ("Green", 0, 1.0),
        ("Gold", 500, 1.2),
        ("Reserve", 2500, 1.7),
    ]
    assert program["gift_rules"] == {
        "min_per_gift": 1,
        "max_per_gift": 500,
        "daily_cap": 1000,
        "message_max_chars": 140,
    }


def test_the_command_line_writes_the_openapi_document(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    main(["--write-openapi", str(target)])
    assert json.loads(target.read_text())["info"]["title"].startswith("Starboard")


def test_the_store_default_clock_is_real_utc_time() -> None:
    store = build_demo_store()
    assert abs(store.now() - datetime.now(UTC)) < timedelta(minutes=1)
