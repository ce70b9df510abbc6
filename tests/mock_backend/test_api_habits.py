"""Habits over HTTP: the streak on Home, one daily game a day under racing, share to earn, the demo clock."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx

from app.mock_backend import FrozenClock, Store, create_app
from app.mock_backend.seed import ADA, GRACE
from tests.mock_backend.conftest import assert_problem, balances, sign_in


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def test_home_summary_carries_the_streak_and_todays_game_with_its_odds(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    summary = (await client.get("/v1/me/summary", headers=ada)).json()
    streak, game = summary["streak"], summary["daily_game"]
    assert streak["weeks"] >= 1 and streak["best"] >= streak["weeks"] and streak["message"] and streak["rule"]
    assert streak["recent"][-1]["mark"] in ("visited", "open")
    assert game["can_play"] is True and game["play"] is None
    assert sum(o["chance_percent"] for o in game["odds"]) == 100
    assert (await client.get("/v1/me/streak", headers=ada)).json() == streak


async def test_racing_plays_of_the_daily_game_make_one_play_and_one_credit(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)[ADA]
    answers = await asyncio.gather(*(client.post("/v1/me/game/plays", headers={**ada, **key()}) for _ in range(12)))
    assert {a.status_code for a in answers} == {200}
    plays = {a.text for a in answers}
    assert len(plays) == 1  # every tap, double tap and retry is the same play
    play = answers[0].json()
    assert balances(store)[ADA] == before + play["stars"]
    entries = (await client.get("/v1/me/activity?limit=5", headers=ada)).json()["items"]
    games = [e for e in entries if e["kind"] == "game"]
    assert len(games) == 1 and games[0]["id"] == play["entry_id"] and "scratch card" in games[0]["reason"]
    game = (await client.get("/v1/me/game", headers=ada)).json()
    assert game["can_play"] is False and game["play"] == play


async def test_the_next_members_day_brings_a_new_play(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    first = (await client.post("/v1/me/game/plays", headers={**ada, **key()})).json()
    clock.advance(timedelta(days=1))
    ada = await sign_in(client, ADA)
    second = (await client.post("/v1/me/game/plays", headers={**ada, **key()})).json()
    assert second["day"] != first["day"] and second["entry_id"] != first["entry_id"]


async def test_playing_needs_an_idempotency_key(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    assert_problem(await client.post("/v1/me/game/plays", headers=ada), 400, "idempotency_key_required")


async def test_sharing_earns_once_a_week_with_a_reason_in_activity(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)[ADA]
    first = (await client.post("/v1/me/shares", json={"what": "referral"}, headers={**ada, **key()})).json()
    second = (
        await client.post("/v1/me/shares", json={"what": "referral", "how": "copy"}, headers={**ada, **key()})
    ).json()
    assert first["credited"] is True and first["stars"] > 0
    assert second["credited"] is False and second["stars"] == 0 and second["message"]
    assert balances(store)[ADA] == before + first["stars"]
    entry = (await client.get("/v1/me/activity?limit=1", headers=ada)).json()["items"][0]
    assert (entry["kind"], entry["stars"]) == ("share", first["stars"]) and "referral link" in entry["reason"]
    clock.advance(timedelta(weeks=1))
    ada = await sign_in(client, ADA)
    again = (await client.post("/v1/me/shares", json={"what": "referral"}, headers={**ada, **key()})).json()
    assert again["credited"] is True


async def test_a_badge_share_needs_a_badge_the_member_has_earned(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    badges = (await client.get("/v1/me/badges", headers=ada)).json()
    earned = next(b for b in badges if b["earned_at"])
    locked = next(b for b in badges if not b["earned_at"])
    assert earned["share_text"] and locked["share_text"] is None
    refused = await client.post(
        "/v1/me/shares", json={"what": "badge", "badge_id": locked["id"]}, headers={**ada, **key()}
    )
    assert_problem(refused, 422, "validation_error", "badge_id")
    for body in ({"what": "badge"}, {"what": "badge", "badge_id": "no-such-badge"}):
        assert_problem(await client.post("/v1/me/shares", json=body, headers={**ada, **key()}), 422, "validation_error")
    shared = await client.post(
        "/v1/me/shares", json={"what": "badge", "badge_id": earned["id"]}, headers={**ada, **key()}
    )
    assert shared.status_code == 200 and shared.json()["credited"] is True


async def test_badges_come_in_families_with_levels(client: httpx.AsyncClient) -> None:
    grace = await sign_in(client, GRACE)
    badges = (await client.get("/v1/me/badges", headers=grace)).json()
    assert len(badges) >= 24
    assert all(b["family"] and b["family_name"] and b["level"] in ("bronze", "silver", "gold") for b in badges)
    assert all(0 <= b["progress"] <= b["target"] for b in badges)


async def test_the_demo_clock_cannot_be_moved_unless_the_backend_was_started_with_it(
    client: httpx.AsyncClient,
) -> None:
    ada = await sign_in(client, ADA)
    assert_problem(await client.post("/v1/demo/clock", json={"days": 7}, headers=ada), 404, "not_found")


async def test_a_movable_clock_moves_the_served_backend_and_a_freeze_keeps_the_streak(store: Store) -> None:
    app = create_app(store, movable_clock=True)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as client:
        ada = await sign_in(client, ADA)
        before = (await client.get("/v1/me/streak", headers=ada)).json()
        assert before["freezes"] >= 1 and before["weeks"] >= 4
        for body in ({"days": 0}, {"days": "7"}, {"days": 10_000}):
            assert_problem(await client.post("/v1/demo/clock", json=body, headers=ada), 422, "validation_error")
        moved = await client.post("/v1/demo/clock", json={"days": 14}, headers=ada)
        assert moved.status_code == 200
        ada = await sign_in(client, ADA)  # two weeks on, the access token has long expired
        after = (await client.get("/v1/me/streak", headers=ada)).json()
        assert after["weeks"] == before["weeks"] and after["freezes"] == before["freezes"] - 1
        assert [w["mark"] for w in after["recent"][-2:]] == ["frozen", "open"]
