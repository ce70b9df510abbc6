"""The friends' leaderboard and gifts to someone not yet a member, over HTTP."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx

from app.mock_backend import FrozenClock, Store, texts
from app.mock_backend.seed import ADA, ALAN, GRACE, LINUS
from tests.mock_backend.conftest import assert_problem, balances, sign_in
from tests.support.joining import join_over_http


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def opt_in(client: httpx.AsyncClient, headers: dict[str, str], on: bool = True) -> dict[str, object]:
    response = await client.put("/v1/me/leaderboard/settings", json={"opted_in": on}, headers=headers)
    assert response.status_code == 200, response.text
    board: dict[str, object] = response.json()
    return board


async def test_the_leaderboard_is_off_by_default_and_shows_only_friends_who_opted_in(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace, alan = await sign_in(client, ADA), await sign_in(client, GRACE), await sign_in(client, ALAN)
    board = (await client.get("/v1/me/leaderboard", headers=ada)).json()
    assert (board["opted_in"], board["entries"]) == (False, [])
    await opt_in(client, grace)
    await client.post("/v1/demo/purchases", json={"amount": 20}, headers=grace)
    board = (await client.get("/v1/me/leaderboard", headers=ada)).json()
    assert [(e["name"], e["is_me"]) for e in board["entries"]] == [("Grace Hopper", False)]
    assert "balance" not in board["entries"][0]
    grace_week = board["entries"][0]["stars"]
    assert grace_week >= 40  # 20 x 2 Stars at least (offers apply only once activated)
    await opt_in(client, alan)
    await opt_in(client, ada)
    names = [e["name"] for e in (await client.get("/v1/me/leaderboard", headers=ada)).json()["entries"]]
    assert set(names) == {"Ada Lovelace", "Grace Hopper", "Alan Turing"}
    # Opting out takes effect at once, for every friend.
    await opt_in(client, grace, on=False)
    names = [e["name"] for e in (await client.get("/v1/me/leaderboard", headers=alan)).json()["entries"]]
    assert "Grace Hopper" not in names and len(names) == 2


async def test_the_leaderboard_resets_on_monday_in_the_members_time_zone(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    await opt_in(client, grace)
    await client.post("/v1/demo/purchases", json={"amount": 10}, headers=grace)
    board = (await client.get("/v1/me/leaderboard", headers=ada)).json()
    assert board["entries"][0]["stars"] > 0
    clock.advance(timedelta(days=7))
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    later = (await client.get("/v1/me/leaderboard", headers=ada)).json()
    assert later["week_starts"] > board["week_starts"]
    assert later["entries"][0]["stars"] == 0


async def test_a_gift_to_a_newcomer_is_held_texted_and_claimed_once_by_joining(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    sent = await client.post("/v1/me/newcomer-gifts", json={"contact": "+44 7700 900123", "stars": 40,
                                                             "message": "Welcome!"}, headers={**ada, **key()})
    assert sent.status_code == 201, sent.text
    gift = sent.json()
    assert (gift["status"], gift["contact"], gift["claim_path"]) == ("held", "+447700900123",
                                                                     f"/join?claim={gift['claim_code']}")
    assert balances(store)[ADA] == before[ADA] - 40
    texted = [m for m in store.joining.outbox if m.to == "+447700900123"]  # the demo outbox
    assert len(texted) == 1 and gift["claim_code"] in texted[0].body

    # An existing member cannot take it: it is a welcome for someone new.
    grace = await sign_in(client, GRACE)
    refused = await client.post("/v1/me/newcomer-gifts/claims", json={"claim_code": gift["claim_code"]},
                                headers={**grace, **key()})
    assert_problem(refused, 403, "not_a_newcomer", "claim_code")

    joined = await join_over_http(
        client, {"email": "sam@example.com", "password": "correct horse", "name": "Sam Newcomer"}, store
    )
    sam = {"Authorization": f"Bearer {joined.json()['access_token']}"}
    wrong = await client.post("/v1/me/newcomer-gifts/claims", json={"claim_code": "NOPE"}, headers={**sam, **key()})
    assert_problem(wrong, 404, "unknown_claim_code", "claim_code")
    welcomed = balances(store)["sam@example.com"]  # the welcome bonus of joining
    claimed = await client.post("/v1/me/newcomer-gifts/claims", json={"claim_code": gift["claim_code"].lower()},
                                headers={**sam, **key()})
    assert claimed.status_code == 201, claimed.text
    assert (claimed.json()["stars"], claimed.json()["from_name"]) == (40, "Ada Lovelace")
    again = await client.post(
        "/v1/me/newcomer-gifts/claims", json={"claim_code": gift["claim_code"]}, headers={**sam, **key()}
    )
    assert_problem(again, 409, "claim_closed")
    assert balances(store)["sam@example.com"] == welcomed + 40
    mine = (await client.get("/v1/me/newcomer-gifts", headers=ada)).json()["gifts"][0]
    assert (mine["status"], mine["claimed_by_name"]) == ("claimed", "Sam Newcomer")

    # The giver's referral bonus comes once, with the newcomer's first purchase.
    ada_before = balances(store)[ADA]
    await client.post("/v1/demo/purchases", json={"amount": 5}, headers=sam)
    await client.post("/v1/demo/purchases", json={"amount": 5}, headers=sam)
    referral = [e for e in store.member(store.member_by_email(ADA).id).entries if e.kind == "referral"]  # type: ignore[union-attr]
    assert len([e for e in referral if "Sam Newcomer" in texts.render(e.reason)]) == 1
    assert balances(store)[ADA] > ada_before


async def test_an_unclaimed_gift_goes_back_to_the_giver_after_14_days(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)[ADA]
    sent = (await client.post("/v1/me/newcomer-gifts", json={"contact": "sam@example.org", "stars": 25},
                              headers={**ada, **key()})).json()
    clock.advance(timedelta(days=13, hours=23))
    ada = await sign_in(client, ADA)
    assert (await client.get("/v1/me/newcomer-gifts", headers=ada)).json()["gifts"][0]["status"] == "held"
    clock.advance(timedelta(hours=1))
    ada = await sign_in(client, ADA)
    assert (await client.get("/v1/me/newcomer-gifts", headers=ada)).json()["gifts"][0]["status"] == "returned"
    assert balances(store)[ADA] == before
    joined = await join_over_http(
        client, {"email": "late@example.com", "password": "correct horse", "name": "Late Comer"}, store
    )
    late = {"Authorization": f"Bearer {joined.json()['access_token']}"}
    too_late = await client.post("/v1/me/newcomer-gifts/claims", json={"claim_code": sent["claim_code"]},
                                 headers={**late, **key()})
    assert_problem(too_late, 409, "claim_closed")


async def test_a_gift_to_a_newcomer_keeps_the_gift_limits_and_a_readable_contact(
    client: httpx.AsyncClient, store: Store
) -> None:
    linus = await sign_in(client, LINUS)
    before = balances(store)
    bad = await client.post("/v1/me/newcomer-gifts", json={"contact": "not a phone", "stars": 5},
                            headers={**linus, **key()})
    assert_problem(bad, 422, "validation_error", "contact")
    too_big = await client.post("/v1/me/newcomer-gifts", json={"contact": "a@b.co", "stars": 501},
                                headers={**linus, **key()})
    assert_problem(too_big, 422, "gift_limit_exceeded", "stars")
    assert balances(store) == before and store.held_gifts == {}
    assert not any(m.to == "a@b.co" for m in store.joining.outbox)
