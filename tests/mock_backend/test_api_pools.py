"""Star Pools over HTTP: invitations with consent, keyed contributions, the owner's redemption, leaving, closing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx

from app.mock_backend import FrozenClock, Store
from app.mock_backend.seed import ADA, ALAN, GRACE, LINUS
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def pooled_total(store: Store) -> int:
    return sum(lot.remaining for pool in store.pools.values() for lot in pool.lots)


async def new_pool(client: httpx.AsyncClient, store: Store, owner: dict[str, str], *invitees: str,
                   goal: str = "handcrafted-drink") -> dict[str, object]:
    body = {"name": "Friday treats", "goal_reward_id": goal, "invite_ids": [member_id(store, e) for e in invitees]}
    response = await client.post("/v1/me/pools", json=body, headers=owner)
    assert response.status_code == 201, response.text
    pool: dict[str, object] = response.json()
    return pool


async def test_an_invitee_joins_and_two_members_fill_the_pool_to_its_goal_and_the_owner_redeems_it(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    before = balances(store)
    pool = await new_pool(client, store, ada, GRACE)
    assert (pool["my_role"], pool["stars"], pool["stars_to_goal"], pool["can_redeem_goal"]) == ("owner", 0, 100, False)
    invited = (await client.get("/v1/me/pools", headers=grace)).json()["pools"]
    assert [(p["id"], p["my_role"]) for p in invited] == [(pool["id"], "invited")]
    # Not a member yet: an invitee cannot put Stars in before joining.
    early = await client.post(
        f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 10}, headers={**grace, **key()}
    )
    assert_problem(early, 404, "not_found")
    joined = await client.post(f"/v1/me/pools/{pool['id']}/join", headers=grace)
    assert joined.json()["my_role"] == "member"

    given = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 60}, headers={**ada, **key()})
    assert given.status_code == 201, given.text
    assert given.json()["balance_after"] == before[ADA] - 60
    given = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 40},
                              headers={**grace, **key()})
    state = given.json()["pool"]
    assert (state["stars"], state["progress"], state["can_redeem_goal"]) == (100, 1.0, True)
    assert {(m["name"], m["given"], m["unspent"]) for m in state["members"]} == {
        ("Ada Lovelace", 60, 60), ("Grace Hopper", 40, 40)
    }

    refused = await client.post(f"/v1/me/pools/{pool['id']}/redemptions", json={"reward_id": "handcrafted-drink"},
                                headers={**grace, **key()})
    assert_problem(refused, 403, "not_pool_owner")
    redeemed = await client.post(f"/v1/me/pools/{pool['id']}/redemptions", json={"reward_id": "handcrafted-drink"},
                                 headers={**ada, **key()})
    assert redeemed.status_code == 201, redeemed.text
    answer = redeemed.json()
    assert (answer["pool"]["stars"], answer["redemption"]["reward_name"]) == (0, "Handcrafted drink")
    assert [a["kind"] for a in answer["pool"]["activity"]][:3] == ["redeemed", "contributed", "contributed"]
    after = balances(store)
    assert (after[ADA], after[GRACE]) == (before[ADA] - 60, before[GRACE] - 40)
    assert store.pool_redeemed == 100


async def test_one_key_is_one_contribution(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    pool = await new_pool(client, store, ada)
    headers = {**ada, **key()}
    first = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 25}, headers=headers)
    again = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 25}, headers=headers)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert pooled_total(store) == 25
    other = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 26}, headers=headers)
    assert_problem(other, 409, "idempotency_key_reused")


async def test_contributions_and_gifts_share_one_daily_cap(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    store.member(member_id(store, ADA)).gifts_sent.append((store.now(), 980))
    pool = await new_pool(client, store, ada)
    refused = await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 21},
                                headers={**ada, **key()})
    assert_problem(refused, 409, "daily_gift_cap_exceeded", "stars")
    assert pooled_total(store) == 0


async def test_leaving_gives_back_what_is_unspent_and_the_pools_ledger_says_so(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    pool = await new_pool(client, store, ada, GRACE, goal="extra-shot")
    await client.post(f"/v1/me/pools/{pool['id']}/join", headers=grace)
    await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 20}, headers={**ada, **key()})
    await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 30}, headers={**grace, **key()})
    await client.post(f"/v1/me/pools/{pool['id']}/redemptions", json={"reward_id": "extra-shot"},
                      headers={**ada, **key()})  # 25: Ada's 20 first (oldest), then 5 of Grace's
    before = balances(store)
    left = await client.post(f"/v1/me/pools/{pool['id']}/leave", headers={**grace, **key()})
    assert left.status_code == 200, left.text
    assert (left.json()["returned"], left.json()["pool_closed"]) == (25, False)
    assert balances(store)[GRACE] == before[GRACE] + 25
    mine = (await client.get("/v1/me/activity?limit=1", headers=grace)).json()["items"][0]
    assert (mine["kind"], mine["stars"]) == ("pool_return", 25)
    seen = (await client.get(f"/v1/me/pools/{pool['id']}", headers=ada)).json()
    assert seen["activity"][0]["kind"] == "left" and "25 unspent Stars went back" in seen["activity"][0]["text"]
    assert_problem(await client.get(f"/v1/me/pools/{pool['id']}", headers=grace), 404, "not_found")


async def test_a_pool_with_nobody_left_closes_and_returns_everything(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    before = balances(store)
    pool = await new_pool(client, store, ada, GRACE, LINUS)
    await client.post(f"/v1/me/pools/{pool['id']}/join", headers=grace)
    await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 20}, headers={**ada, **key()})
    await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 30}, headers={**grace, **key()})
    first = await client.post(f"/v1/me/pools/{pool['id']}/leave", headers={**ada, **key()})
    assert first.json()["pool_closed"] is False
    assert (await client.get(f"/v1/me/pools/{pool['id']}", headers=grace)).json()["owner_name"] == "Grace Hopper"
    last = await client.post(f"/v1/me/pools/{pool['id']}/leave", headers={**grace, **key()})
    assert last.json()["pool_closed"] is True
    assert balances(store) == before and pooled_total(store) == 0
    linus = await sign_in(client, LINUS)
    assert (await client.get("/v1/me/pools", headers=linus)).json()["pools"] == []


async def test_invitations_are_for_friends_five_at_most_and_declining_is_final(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, alan = await sign_in(client, ADA), await sign_in(client, ALAN)
    store.member(member_id(store, ADA)).friends = [
        m for m in store.member(member_id(store, ADA)).friends if m != member_id(store, LINUS)
    ]
    stranger = await client.post(
        "/v1/me/pools", json={"name": "x", "goal_reward_id": "extra-shot", "invite_ids": [member_id(store, LINUS)]},
        headers=ada,
    )
    assert_problem(stranger, 403, "not_a_friend", "friend_id")
    too_many = await client.post(
        "/v1/me/pools", json={"name": "x", "goal_reward_id": "extra-shot", "invite_ids": list("abcdef")},
        headers=ada,
    )
    assert_problem(too_many, 422, "validation_error")
    assert store.pools == {}
    pool = await new_pool(client, store, ada, ALAN)
    declined = await client.post(f"/v1/me/pools/{pool['id']}/decline", headers=alan)
    assert declined.json()["my_role"] == "declined"
    assert_problem(await client.post(f"/v1/me/pools/{pool['id']}/join", headers=alan), 404, "not_found")


async def test_pooled_stars_do_not_expire_and_come_back_fresh(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    pool = await new_pool(client, store, ada)
    await client.post(f"/v1/me/pools/{pool['id']}/contributions", json={"stars": 50}, headers={**ada, **key()})
    clock.advance(timedelta(days=400))
    ada = await sign_in(client, ADA)
    assert (await client.get(f"/v1/me/pools/{pool['id']}", headers=ada)).json()["stars"] == 50
    left = await client.post(f"/v1/me/pools/{pool['id']}/leave", headers={**ada, **key()})
    assert left.json()["returned"] == 50
    rules = (await client.get("/v1/program")).json()["rules_text"]
    assert any("never expire while they are in a pool" in paragraph for paragraph in rules)
