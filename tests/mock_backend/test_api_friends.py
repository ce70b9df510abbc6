"""Friend requests, asks for Stars and thank-yous over HTTP, against the seeded demo store."""

from __future__ import annotations

from datetime import timedelta

import httpx

from app.mock_backend import FrozenClock, Store
from app.mock_backend.seed import ADA, ALAN, GRACE
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in
from tests.support.joining import join_over_http


async def _ken(client: httpx.AsyncClient, store: Store) -> dict[str, str]:
    body = {"email": "ken@example.com", "password": "unix-1969", "name": "Ken Thompson"}
    signup = await join_over_http(client, body, store)  # confirmed with the code from the outbox
    assert signup.status_code == 201, signup.text
    return {"Authorization": f"Bearer {signup.json()['access_token']}"}


async def _code(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    return str((await client.get("/v1/me", headers=headers)).json()["friend_code"])


async def _events(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, object]]:
    """Every event of the member, oldest first (the API pages them)."""
    events: list[dict[str, object]] = []
    cursor = 0
    while True:
        page = (await client.get("/v1/me/events", params={"after": cursor}, headers=headers)).json()
        if not page["events"]:
            return events
        events += page["events"]
        cursor = page["cursor"]


async def _friend_names(client: httpx.AsyncClient, headers: dict[str, str]) -> set[str]:
    return {f["name"] for f in (await client.get("/v1/me/friends", headers=headers)).json()}


async def test_a_code_sends_a_request_and_only_acceptance_makes_friends(
    client: httpx.AsyncClient, store: Store
) -> None:
    ken, ada = await _ken(client, store), await sign_in(client, ADA)
    ada_code = await _code(client, ada)
    asked = await client.post("/v1/me/friend-requests", json={"friend_code": f" {ada_code.lower()} "}, headers=ken)
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert request["status"] == "pending" and request["to_name"] == "Ada Lovelace"
    assert "Ada Lovelace" not in await _friend_names(client, ken)
    assert "Ken Thompson" not in await _friend_names(client, ada)
    assert_problem(
        await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken),
        409,
        "friend_request_pending",
        "friend_code",
    )
    waiting = (await client.get("/v1/me/friend-requests", headers=ada)).json()
    assert [r["from_name"] for r in waiting["incoming"]] == ["Ken Thompson"] and waiting["outgoing"] == []
    # Ken cannot accept his own request; Ada can, once.
    assert_problem(await client.post(f"/v1/me/friend-requests/{request['id']}/accept", headers=ken), 404, "not_found")
    accepted = await client.post(f"/v1/me/friend-requests/{request['id']}/accept", headers=ada)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert_problem(
        await client.post(f"/v1/me/friend-requests/{request['id']}/accept", headers=ada), 409, "friend_request_closed"
    )
    assert "Ada Lovelace" in await _friend_names(client, ken) and "Ken Thompson" in await _friend_names(client, ada)
    assert_problem(
        await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken),
        409,
        "already_friends",
        "friend_code",
    )
    assert "friend_request_accepted" in [e["kind"] for e in await _events(client, ken)]


async def test_a_declined_or_cancelled_request_makes_no_friends_and_may_be_sent_again(
    client: httpx.AsyncClient, store: Store
) -> None:
    ken, ada = await _ken(client, store), await sign_in(client, ADA)
    ada_code = await _code(client, ada)
    first = (await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken)).json()
    declined = await client.post(f"/v1/me/friend-requests/{first['id']}/decline", headers=ada)
    assert declined.json()["status"] == "declined"
    second = (await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken)).json()
    assert_problem(await client.post(f"/v1/me/friend-requests/{second['id']}/cancel", headers=ada), 404, "not_found")
    cancelled = await client.post(f"/v1/me/friend-requests/{second['id']}/cancel", headers=ken)
    assert cancelled.json()["status"] == "cancelled"
    assert (await client.get("/v1/me/friend-requests", headers=ada)).json()["incoming"] == []
    assert "Ken Thompson" not in await _friend_names(client, ada)


async def test_two_members_who_ask_each_other_become_friends_once(client: httpx.AsyncClient, store: Store) -> None:
    ken, ada = await _ken(client, store), await sign_in(client, ADA)
    ken_code, ada_code = await _code(client, ken), await _code(client, ada)
    await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken)
    both = await client.post("/v1/me/friend-requests", json={"friend_code": ken_code}, headers=ada)
    assert both.status_code == 201 and both.json()["status"] == "accepted"
    friends = (await client.get("/v1/me/friends", headers=ada)).json()
    assert [f["name"] for f in friends].count("Ken Thompson") == 1
    assert (await client.get("/v1/me/friend-requests", headers=ken)).json() == {"incoming": [], "outgoing": []}


async def test_wrong_codes_are_throttled_per_member_with_retry_after(client: httpx.AsyncClient, store: Store) -> None:
    ken, ada = await _ken(client, store), await sign_in(client, ADA)
    ada_code = await _code(client, ada)
    codes = [f"ADAL-{i:05d}-ZZZZZ" for i in range(10)]
    for code in codes:
        wrong = await client.post("/v1/me/friend-requests", json={"friend_code": code}, headers=ken)
        assert_problem(wrong, 404, "unknown_friend_code", "friend_code")
    throttled = await client.post("/v1/me/friend-requests", json={"friend_code": ada_code}, headers=ken)
    assert_problem(throttled, 429, "too_many_friend_code_attempts", "friend_code")
    assert int(throttled.headers["Retry-After"]) > 0
    # Another member on another address is not held up by Ken's guessing.
    grace = await sign_in(client, GRACE)
    other = await client.post("/v1/me/friend-requests", json={"friend_code": "NOPE-00000-00000"}, headers=grace)
    assert_problem(other, 404, "unknown_friend_code")


async def test_ask_accept_is_a_gift_under_the_gift_rules_and_replays_by_key(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    before = balances(store)
    asked = await client.post(
        "/v1/me/asks", json={"friend_id": member_id(store, ADA), "stars": 15, "note": "Birthday cake"}, headers=grace
    )
    assert asked.status_code == 201, asked.text
    ask = asked.json()
    assert ask["status"] == "open" and ask["note"] == "Birthday cake"
    assert_problem(
        await client.post("/v1/me/asks", json={"friend_id": member_id(store, ADA), "stars": 5}, headers=grace),
        409,
        "ask_pending",
        "friend_id",
    )
    incoming = (await client.get("/v1/me/asks", headers=ada)).json()
    assert [a["id"] for a in incoming["incoming"]] == [ask["id"]] and incoming["expires_after_days"] == 7
    no_key = await client.post(f"/v1/me/asks/{ask['id']}/accept", json={}, headers=ada)
    assert_problem(no_key, 400, "idempotency_key_required")
    keyed = {**ada, "Idempotency-Key": "ask-accept-1"}
    accepted = await client.post(f"/v1/me/asks/{ask['id']}/accept", json={}, headers=keyed)
    assert accepted.status_code == 200, accepted.text
    answered = accepted.json()
    assert answered["ask"]["status"] == "accepted" and answered["ask"]["gift_id"] == answered["gift"]["id"]
    assert answered["gift"]["stars"] == 15 and answered["gift"]["to_name"] == "Grace Hopper"
    replayed = await client.post(f"/v1/me/asks/{ask['id']}/accept", json={}, headers=keyed)
    assert replayed.headers.get("Idempotent-Replayed") == "true" and replayed.json() == accepted.json()
    after = balances(store)
    assert after[ADA] == before[ADA] - 15 and after[GRACE] == before[GRACE] + 15
    assert sum(after.values()) == sum(before.values())
    again = await client.post(f"/v1/me/asks/{ask['id']}/accept", json={}, headers={**ada, "Idempotency-Key": "k2"})
    assert_problem(again, 409, "ask_closed")
    outcome = (await client.get("/v1/me/asks", headers=grace)).json()["outgoing"][0]
    assert outcome["status"] == "accepted"
    kinds = [e["kind"] for e in await _events(client, grace)]
    assert "ask_answered" in kinds and "gift_received" in kinds


async def test_an_ask_over_the_balance_is_refused_on_accept_and_moves_nothing(
    client: httpx.AsyncClient, store: Store
) -> None:
    alan, grace = await sign_in(client, ALAN), await sign_in(client, GRACE)
    before = balances(store)
    ask = (
        await client.post("/v1/me/asks", json={"friend_id": member_id(store, ALAN), "stars": 500}, headers=grace)
    ).json()
    assert before[ALAN] < 500  # the seed gives Alan fewer Stars than the ask
    refused = await client.post(
        f"/v1/me/asks/{ask['id']}/accept", json={}, headers={**alan, "Idempotency-Key": "too-much"}
    )
    assert refused.status_code == 409 and refused.json()["code"] == "insufficient_balance"
    assert balances(store) == before
    declined = await client.post(f"/v1/me/asks/{ask['id']}/decline", headers=alan)
    assert declined.json()["status"] == "declined"


async def test_an_unanswered_ask_expires_after_seven_days(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    ask = (
        await client.post("/v1/me/asks", json={"friend_id": member_id(store, ADA), "stars": 5}, headers=grace)
    ).json()
    clock.advance(timedelta(days=7))
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)  # fresh tokens after a week
    assert (await client.get("/v1/me/asks", headers=ada)).json()["incoming"] == []
    late = await client.post(f"/v1/me/asks/{ask['id']}/accept", json={}, headers={**ada, "Idempotency-Key": "late"})
    assert_problem(late, 409, "ask_closed")
    assert (await client.get("/v1/me/asks", headers=grace)).json()["outgoing"][0]["status"] == "expired"
    again = await client.post("/v1/me/asks", json={"friend_id": member_id(store, ADA), "stars": 5}, headers=grace)
    assert again.status_code == 201  # an expired ask no longer blocks the pair


async def test_asks_go_to_friends_only(client: httpx.AsyncClient, store: Store) -> None:
    ken = await _ken(client, store)
    refused = await client.post("/v1/me/asks", json={"friend_id": member_id(store, ADA), "stars": 5}, headers=ken)
    assert_problem(refused, 403, "not_a_friend", "friend_id")


async def test_a_gift_is_thanked_once_by_its_recipient_and_the_giver_sees_it(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    sent = await client.post(
        "/v1/me/gifts",
        json={"friend_id": member_id(store, GRACE), "stars": 5, "message": "Coffee"},
        headers={**ada, "Idempotency-Key": "thanks-gift"},
    )
    gift_id = sent.json()["id"]
    to_thank = (await client.get("/v1/me/thanks", headers=grace)).json()
    assert gift_id in [g["gift_id"] for g in to_thank["to_thank"]]
    assert {s["id"] for s in to_thank["stickers"]} == {"coffee", "party", "heart", "thanks"}
    assert_problem(
        await client.post(f"/v1/me/gifts/{gift_id}/thanks", json={"sticker": "coffee"}, headers=ada),
        403,
        "not_gift_recipient",
    )
    assert_problem(await client.post(f"/v1/me/gifts/{gift_id}/thanks", json={}, headers=grace), 422, "validation_error")
    thanked = await client.post(
        f"/v1/me/gifts/{gift_id}/thanks", json={"sticker": "coffee", "message": "You're the best"}, headers=grace
    )
    assert thanked.status_code == 201, thanked.text
    assert thanked.json()["sticker"]["name"] == "Coffee" and thanked.json()["to_name"] == "Ada Lovelace"
    assert_problem(
        await client.post(f"/v1/me/gifts/{gift_id}/thanks", json={"sticker": "heart"}, headers=grace),
        409,
        "already_thanked",
    )
    seen = (await client.get("/v1/me/thanks", headers=ada)).json()["received"]
    assert [(t["gift_id"], t["message"]) for t in seen][0] == (gift_id, "You're the best")
    events = await _events(client, ada)
    thanks_event = next(e for e in events if e["kind"] == "thanks_received")
    assert thanks_event["title"] == "Grace Hopper says thank you" and "You're the best" in thanks_event["body"]
    # The giver's activity entry of the gift shows it too.
    activity = (await client.get("/v1/me/activity", params={"kind": "gifts"}, headers=ada)).json()["items"]
    entry = next(e for e in activity if e["kind"] == "gift_out" and e["message"] == "Coffee")
    assert entry["thanks"] == "\u2615 You're the best"
    ken = await _ken(client, store)
    assert_problem(
        await client.post(f"/v1/me/gifts/{gift_id}/thanks", json={"sticker": "party"}, headers=ken), 404, "not_found"
    )
