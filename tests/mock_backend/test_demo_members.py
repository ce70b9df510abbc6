"""A demo of one's own ("Try the demo"): a copy of Ada's story per visitor, and how old ones are cleaned up."""

from __future__ import annotations

from datetime import timedelta

import httpx

from app.mock_backend import FrozenClock, Store
from app.mock_backend.rules.joining import DEMO_MEMBER_TTL
from app.mock_backend.seed import ADA, GRACE
from app.mock_backend.services.joining import create_demo_member, remove_stale_demo_members
from tests.mock_backend.conftest import sign_in


async def test_a_demo_member_is_a_copy_of_adas_story_with_an_identity_of_its_own(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    made = await client.post("/v1/demo/members")
    assert made.status_code == 201
    demo = {"Authorization": f"Bearer {made.json()['access_token']}"}
    mine, adas = (await client.get("/v1/me", headers=demo)).json(), (await client.get("/v1/me", headers=ada)).json()
    assert mine["name"] == adas["name"] and mine["tier"] == adas["tier"]
    for field in ("id", "email", "member_number", "friend_code", "referral_code"):
        assert mine[field] != adas[field]
    for path in ("/v1/me/badges", "/v1/me/challenges"):  # the same badges earned, the same challenges joined
        assert (await client.get(path, headers=demo)).json() == (await client.get(path, headers=ada)).json()
    assert (await client.get("/v1/me/summary", headers=demo)).json()["balance"] == (
        await client.get("/v1/me/summary", headers=ada)
    ).json()["balance"]
    assert len((await client.get("/v1/me/redemptions", headers=demo)).json()) == len(
        (await client.get("/v1/me/redemptions", headers=ada)).json()
    )
    friends = {f["name"] for f in (await client.get("/v1/me/friends", headers=demo)).json()}
    assert friends == {"Grace Hopper", "Alan Turing", "Linus Torvalds"}
    grace = await sign_in(client, GRACE)
    assert mine["id"] in {f["id"] for f in (await client.get("/v1/me/friends", headers=grace)).json()}
    # Spending in the copy leaves Ada's own account alone.
    spent = await client.post(
        "/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**demo, "Idempotency-Key": "k-demo-1"}
    )
    assert spent.status_code == 201
    assert (await client.get("/v1/me/summary", headers=ada)).json()["balance"] != (
        await client.get("/v1/me/summary", headers=demo)
    ).json()["balance"]


async def test_unused_demo_members_are_removed_with_their_tokens_and_friendships(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    old = create_demo_member(store, "192.0.2.1", clock())
    old_id = next(iter(store.joining.demo_members))
    clock.advance(DEMO_MEMBER_TTL + timedelta(minutes=1))
    fresh = create_demo_member(store, "192.0.2.1", clock())  # making one sweeps the stale ones
    assert old_id not in store.members and old_id not in store.joining.demo_members
    assert all(old_id not in m.friends for m in store.members.values())
    assert all(r.member_id != old_id for r in store.redemptions.values())
    gone = await client.get("/v1/me", headers={"Authorization": f"Bearer {old.access_token}"})
    assert gone.status_code == 401
    kept = await client.get("/v1/me", headers={"Authorization": f"Bearer {fresh.access_token}"})
    assert kept.status_code == 200
    assert remove_stale_demo_members(store, clock()) == []  # nothing else is stale yet
