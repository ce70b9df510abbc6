"""The inbox, offers to activate and a goal of one's own, over HTTP."""

from __future__ import annotations

import asyncio

import httpx

from app.mock_backend import Store
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in
from tests.support.demo import ADA, GRACE


async def _gift(client: httpx.AsyncClient, sender: dict[str, str], to: str, stars: int, message: str, key: str) -> None:
    body = {"friend_id": to, "stars": stars, "message": message}
    response = await client.post("/v1/me/gifts", json=body, headers={**sender, "Idempotency-Key": key})
    assert response.status_code == 201, response.text


async def test_a_gift_lands_in_the_recipients_inbox_with_its_message_and_reading_it_lowers_unread(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    before = (await client.get("/v1/me/inbox", headers=grace)).json()
    await _gift(client, ada, member_id(store, GRACE), 25, "Coffee's on me", "g-1")
    after = (await client.get("/v1/me/inbox", headers=grace)).json()
    newest = after["items"][0]
    assert newest["kind"] == "gifts" and newest["body"] == "Coffee's on me" and newest["stars"] == 25
    assert newest["opens"] == "activity" and not newest["read"]
    assert after["unread"] == before["unread"] + 1
    read = (await client.post("/v1/me/inbox/read", json={"ids": [newest["id"]]}, headers=grace)).json()
    assert read["unread"] == before["unread"] and read["items"][0]["read"]
    everything = (await client.post("/v1/me/inbox/read-all", headers=grace)).json()
    assert everything["unread"] == 0 and all(i["read"] for i in everything["items"])


async def test_the_summary_carries_the_inbox_unread_count_and_its_etag_follows_it(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    first = await client.get("/v1/me/summary", headers=grace)
    unread = (await client.get("/v1/me/inbox", headers=grace)).json()["unread"]
    assert first.json()["inbox_unread"] == unread

    await _gift(client, ada, member_id(store, GRACE), 5, "", "g-summary")
    again = await client.get("/v1/me/summary", headers={**grace, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.json()["inbox_unread"] == unread + 1

    await client.post("/v1/me/inbox/read-all", headers=grace)
    read = await client.get("/v1/me/summary", headers={**grace, "If-None-Match": again.headers["ETag"]})
    assert read.status_code == 200 and read.json()["inbox_unread"] == 0


async def test_a_kind_turned_off_leaves_the_inbox_but_account_notices_stay_on(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    off = await client.put("/v1/me/inbox/preferences", json={"kind": "gifts", "enabled": False}, headers=grace)
    assert off.status_code == 200
    await _gift(client, ada, member_id(store, GRACE), 5, "hi", "g-2")
    inbox = (await client.get("/v1/me/inbox", headers=grace)).json()
    assert all(i["kind"] != "gifts" for i in inbox["items"])
    assert {p["kind"]: p["enabled"] for p in inbox["preferences"]}["gifts"] is False
    locked = await client.put("/v1/me/inbox/preferences", json={"kind": "account", "enabled": False}, headers=grace)
    assert_problem(locked, 409, "preference_locked", "kind")


async def test_a_preference_is_turned_on_or_off_only_by_a_true_or_false(client: httpx.AsyncClient) -> None:
    grace = await sign_in(client, GRACE)
    for flag in (0, 1, "false", None):
        refused = await client.put("/v1/me/inbox/preferences", json={"kind": "gifts", "enabled": flag}, headers=grace)
        assert_problem(refused, 422, "validation_error", "enabled")
    inbox = (await client.get("/v1/me/inbox", headers=grace)).json()
    assert {p["kind"]: p["enabled"] for p in inbox["preferences"]}["gifts"] is True


async def test_the_inbox_lists_new_offers_and_expiring_stars_with_what_they_buy(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    items = (await client.get("/v1/me/inbox", headers=ada)).json()["items"]
    assert "offer-double-star-day" in {i["id"] for i in items}
    alan = await sign_in(client, "alan@example.com")  # has Stars expiring within 30 days
    expiring = [i for i in (await client.get("/v1/me/inbox", headers=alan)).json()["items"] if i["kind"] == "expiring"]
    assert expiring and expiring[0]["due"] and expiring[0]["opens"] == "rewards"


async def test_an_activated_offer_doubles_only_the_next_visit_even_when_visits_race(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    listed = {o["id"]: o for o in (await client.get("/v1/me/offers", headers=ada)).json()}
    assert listed["double-star-day"]["status"] == "available"
    assert any(o["personal"] for o in listed.values())
    first = await client.post("/v1/me/offers/double-star-day/activate", headers=ada)
    again = await client.post("/v1/me/offers/double-star-day/activate", headers=ada)
    assert first.json()["status"] == again.json()["status"] == "activated"
    visits = await asyncio.gather(
        *(client.post("/v1/demo/purchases", json={"amount": 10}, headers=ada) for _ in range(5))
    )
    assert sorted(v.json()["stars"] for v in visits) == [24, 24, 24, 24, 48]
    used = {o["id"]: o for o in (await client.get("/v1/me/offers", headers=ada)).json()}["double-star-day"]
    assert used["status"] == "used"
    refused = await client.post("/v1/me/offers/double-star-day/activate", headers=ada)
    assert_problem(refused, 409, "offer_not_available", "offer_id")
    assert_problem(await client.post("/v1/me/offers/nope/activate", headers=ada), 404, "unknown_offer")


async def test_a_goal_drives_the_summary_and_is_reached_when_the_balance_covers_it(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    balance = balances(store)[ADA]
    rewards = (await client.get("/v1/rewards", headers=ada)).json()
    dearest = max(rewards, key=lambda r: r["cost"])
    goal = (await client.put("/v1/me/goal", json={"reward_id": dearest["id"]}, headers=ada)).json()
    assert goal["reward"]["id"] == dearest["id"]
    assert goal["stars_missing"] == max(0, dearest["cost"] - balance)
    summary = (await client.get("/v1/me/summary", headers=ada)).json()
    assert summary["goal"] == goal
    assert [r["id"] for r in (await client.get("/v1/rewards", headers=ada)).json() if r["is_goal"]] == [dearest["id"]]
    cheapest = min(rewards, key=lambda r: r["cost"])
    reached = (await client.put("/v1/me/goal", json={"reward_id": cheapest["id"]}, headers=ada)).json()
    assert reached["reached"] is (balance >= cheapest["cost"])
    assert (await client.delete("/v1/me/goal", headers=ada)).status_code == 204
    assert (await client.get("/v1/me/summary", headers=ada)).json()["goal"] is None
    unknown = await client.put("/v1/me/goal", json={"reward_id": "nope"}, headers=ada)
    assert_problem(unknown, 404, "unknown_reward", "reward_id")
