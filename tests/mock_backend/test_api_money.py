"""Gifts, redemptions and purchases over HTTP: idempotency, concurrency and conservation of Stars."""

from __future__ import annotations

import asyncio
import itertools
import random
import uuid

import httpx

from app.mock_backend import Store
from app.mock_backend.seed import ADA, ALAN, DEMO_EMAILS, GRACE, LINUS
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def test_gift_moves_stars_from_sender_to_friend_and_both_see_the_message(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    before = balances(store)
    body = {"friend_id": member_id(store, GRACE), "stars": 30, "message": "Flat white on me"}
    response = await client.post("/v1/me/gifts", json=body, headers={**ada, **key()})
    assert response.status_code == 201, response.text
    gift = response.json()
    assert (gift["stars"], gift["from_name"], gift["to_name"]) == (30, "Ada Lovelace", "Grace Hopper")
    assert gift["balance_after"] == before[ADA] - 30
    after = balances(store)
    assert (after[ADA], after[GRACE]) == (before[ADA] - 30, before[GRACE] + 30)
    mine = (await client.get("/v1/me/activity?limit=1", headers=ada)).json()["items"][0]
    theirs = (await client.get("/v1/me/activity?limit=1", headers=grace)).json()["items"][0]
    assert (mine["kind"], mine["stars"], mine["message"], mine["counterparty"]) == (
        "gift_out",
        -30,
        "Flat white on me",
        "Grace Hopper",
    )
    assert (theirs["kind"], theirs["stars"], theirs["message"]) == ("gift_in", 30, "Flat white on me")
    events = (await client.get("/v1/me/events?after=0&limit=100", headers=grace)).json()
    cursor = events["cursor"]
    assert (await client.get(f"/v1/me/events?after={cursor}", headers=grace)).json()["events"] == []


async def test_the_same_gift_sent_twice_with_one_key_moves_stars_once(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    headers = {**ada, **key()}
    body = {"friend_id": member_id(store, LINUS), "stars": 25}
    first = await client.post("/v1/me/gifts", json=body, headers=headers)
    second = await client.post("/v1/me/gifts", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert balances(store)[ADA] == before[ADA] - 25


async def test_the_event_recording_a_gift_or_a_redemption_carries_its_key_for_the_member_who_sent_it(
    client: httpx.AsyncClient, store: Store
) -> None:
    """The app that sent a request applies its answer; the event that records it says which request it was, so
    that app need not load it all again (app/state/live.py, `OwnRequests`). Nobody else sees the key."""
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    cursors = {}
    for who, headers in (("ada", ada), ("grace", grace)):
        cursors[who] = (await client.get("/v1/me/events?after=0&limit=100", headers=headers)).json()["cursor"]
    gift_key, redeem_key, visit_key = key(), key(), key()
    body = {"friend_id": member_id(store, GRACE), "stars": 5}
    assert (await client.post("/v1/me/gifts", json=body, headers={**ada, **gift_key})).status_code == 201
    redeemed = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers={**ada, **redeem_key})
    assert redeemed.status_code == 201, redeemed.text
    visit = await client.post("/v1/demo/purchases", json={"amount": 4.5}, headers={**ada, **visit_key})
    assert visit.status_code == 201, visit.text

    async def keys_of(headers: dict[str, str], after: int) -> list[tuple[str, str | None]]:
        page = (await client.get(f"/v1/me/events?after={after}&limit=100", headers=headers)).json()
        return [(e["kind"], e["idempotency_key"]) for e in page["events"]]

    ada_events = await keys_of(ada, cursors["ada"])
    assert ("gift_sent", gift_key["Idempotency-Key"]) in ada_events
    assert ("reward_redeemed", redeem_key["Idempotency-Key"]) in ada_events
    # Events that follow from a request, or that record no gift or redemption, carry none.
    assert all(k is None for kind, k in ada_events if kind not in ("gift_sent", "reward_redeemed")), ada_events
    assert any(kind == "stars_earned" for kind, _ in ada_events)
    assert await keys_of(grace, cursors["grace"]) == [("gift_received", None)]
    # A replay makes no second event.
    again = await client.post("/v1/me/gifts", json=body, headers={**ada, **gift_key})
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert [k for _, k in await keys_of(ada, cursors["ada"])].count(gift_key["Idempotency-Key"]) == 1


async def test_concurrent_gifts_with_one_key_apply_once(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    headers = {**ada, **key()}
    body = {"friend_id": member_id(store, ALAN), "stars": 7}
    responses = await asyncio.gather(*(client.post("/v1/me/gifts", json=body, headers=headers) for _ in range(12)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert balances(store)[ADA] == before[ADA] - 7
    assert balances(store)[ALAN] == before[ALAN] + 7


async def test_concurrent_redemptions_with_one_key_spend_once(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    headers = {**ada, **key()}
    responses = await asyncio.gather(
        *(client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers=headers) for _ in range(10))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert balances(store)[ADA] == before[ADA] - 25
    listed = (await client.get("/v1/me/redemptions", headers=ada)).json()
    assert listed[0]["id"] == responses[0].json()["id"]


async def test_reusing_a_key_with_a_different_body_is_refused_and_moves_nothing(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    headers = {**ada, **key()}
    first = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers=headers)
    assert first.status_code == 201
    before = balances(store)
    again = await client.post("/v1/me/redemptions", json={"reward_id": "brewed-coffee"}, headers=headers)
    assert_problem(again, 409, "idempotency_key_reused", "Idempotency-Key")
    gift = await client.post("/v1/me/gifts", json={"friend_id": member_id(store, GRACE), "stars": 5}, headers=headers)
    assert gift.status_code == 201  # keys are scoped per endpoint
    assert balances(store)[ADA] == before[ADA] - 5


async def test_a_refusal_is_replayed_for_the_same_key(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    headers = {**ada, **key()}
    sandwich = {"reward_id": "breakfast-sandwich"}  # 200 Stars; Ada has 189
    first = await client.post("/v1/me/redemptions", json=sandwich, headers=headers)
    refusal = assert_problem(first, first.status_code, "insufficient_balance")
    # The reason for the refusal goes away: Ada now has enough Stars...
    member = store.member_by_email(ADA)
    assert member is not None
    store.credit(member, "bonus", 100, "Test top-up", store.now())
    # ...yet the same key replays the refusal, word for word, and moves nothing,
    again = await client.post("/v1/me/redemptions", json=sandwich, headers=headers)
    assert again.status_code == first.status_code and again.json() == refusal
    assert balances(store)[ADA] == 289
    # while a new intent (a new key) is judged afresh.
    fresh = await client.post("/v1/me/redemptions", json=sandwich, headers={**ada, **key()})
    assert fresh.status_code == 201, fresh.text
    assert balances(store)[ADA] == 89


async def test_writes_without_an_idempotency_key_are_refused(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    gift = await client.post("/v1/me/gifts", json={"friend_id": member_id(store, GRACE), "stars": 5}, headers=ada)
    assert_problem(gift, 400, "idempotency_key_required", "Idempotency-Key")
    redeem = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers=ada)
    assert_problem(redeem, 400, "idempotency_key_required", "Idempotency-Key")
    assert balances(store) == before


async def test_keys_are_kept_for_a_day(client: httpx.AsyncClient, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    ada = await sign_in(client, ADA)
    headers = {**ada, **key()}
    first = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers=headers)
    clock.advance(timedelta(hours=24))
    headers["Authorization"] = (await sign_in(client, ADA))["Authorization"]
    again = await client.post("/v1/me/redemptions", json={"reward_id": "extra-shot"}, headers=headers)
    assert again.json()["id"] == first.json()["id"]


async def test_gift_over_daily_cap_is_refused_and_moves_nothing(client: httpx.AsyncClient, store: Store) -> None:
    linus = await sign_in(client, LINUS)
    to = {"friend_id": member_id(store, ADA)}
    for stars in (500, 499):
        assert (
            await client.post("/v1/me/gifts", json={**to, "stars": stars}, headers={**linus, **key()})
        ).status_code == 201
    allowance = (await client.get("/v1/me/gifts/allowance", headers=linus)).json()
    assert (allowance["sent_today"], allowance["remaining_today"], allowance["max_now"]) == (999, 1, 1)
    before = balances(store)
    over = await client.post("/v1/me/gifts", json={**to, "stars": 2}, headers={**linus, **key()})
    assert_problem(over, 409, "daily_gift_cap_exceeded", "stars")
    assert balances(store) == before
    assert (await client.post("/v1/me/gifts", json={**to, "stars": 1}, headers={**linus, **key()})).status_code == 201


async def test_gift_over_balance_is_refused_and_moves_nothing(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = balances(store)
    response = await client.post(
        "/v1/me/gifts",
        json={"friend_id": member_id(store, GRACE), "stars": before[ADA] + 1},
        headers={**ada, **key()},
    )
    assert_problem(response, 409, "insufficient_balance", "stars")
    assert balances(store) == before


async def test_redemption_refusals_have_stable_codes_and_move_nothing(client: httpx.AsyncClient, store: Store) -> None:
    ada, alan = await sign_in(client, ADA), await sign_in(client, ALAN)
    spare = balances(store)[ALAN] - 50  # leave Alan 50 Stars, short of a 60-Star brewed coffee
    body = {"friend_id": member_id(store, ADA), "stars": spare}
    assert (await client.post("/v1/me/gifts", json=body, headers={**alan, **key()})).status_code == 201
    before, stock = balances(store), dict(store.stock)
    cases = [
        (ada, "barista-class", 409, "out_of_stock"),
        (ada, "reserve-flight", 403, "tier_required"),
        (ada, "no-such-reward", 404, "unknown_reward"),
        (alan, "brewed-coffee", 409, "insufficient_balance"),
    ]
    for headers, reward_id, status, code in cases:
        response = await client.post("/v1/me/redemptions", json={"reward_id": reward_id}, headers={**headers, **key()})
        assert_problem(response, status, code, "reward_id")
    assert balances(store) == before and store.stock == stock


async def test_limited_stock_runs_out_under_concurrent_redemptions(client: httpx.AsyncClient, store: Store) -> None:
    linus = await sign_in(client, LINUS)
    store.stock["tumbler"] = 3
    responses = await asyncio.gather(
        *(
            client.post("/v1/me/redemptions", json={"reward_id": "tumbler"}, headers={**linus, **key()})
            for _ in range(8)
        )
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 3 + [409] * 5
    assert store.stock["tumbler"] == 0
    rewards = {r["id"]: r for r in (await client.get("/v1/rewards", headers=linus)).json()}
    assert (rewards["tumbler"]["can_redeem"], rewards["tumbler"]["locked_reason"]) == (False, "out_of_stock")


def ledger_totals(store: Store) -> tuple[int, int, int]:
    """Sum of (earned, redeemed, expired) entries across all members."""
    entries = [e for m in store.members.values() for e in m.entries]
    earned = sum(e.stars for e in entries if e.kind not in ("redeem", "expire", "gift_in", "gift_out"))
    redeemed = -sum(e.stars for e in entries if e.kind == "redeem")
    expired = -sum(e.stars for e in entries if e.kind == "expire")
    return earned, redeemed, expired


async def test_stars_are_conserved_under_concurrent_gifts_and_redemptions(
    client: httpx.AsyncClient, store: Store
) -> None:
    headers = {email: await sign_in(client, email) for email in DEMO_EMAILS}
    ids = {email: member_id(store, email) for email in DEMO_EMAILS}
    gifts_before = sum(e.stars for m in store.members.values() for e in m.entries if e.kind.startswith("gift"))
    rng = random.Random(3)
    calls = []
    for sender, recipient in itertools.islice(itertools.cycle(itertools.permutations(DEMO_EMAILS, 2)), 60):
        body = {"friend_id": ids[recipient], "stars": rng.choice((1, 40, 120, 300, 500))}
        calls.append(client.post("/v1/me/gifts", json=body, headers={**headers[sender], **key()}))
    for email in DEMO_EMAILS * 6:
        reward = rng.choice(("extra-shot", "handcrafted-drink", "breakfast-sandwich", "tumbler"))
        calls.append(client.post("/v1/me/redemptions", json={"reward_id": reward}, headers={**headers[email], **key()}))
    rng.shuffle(calls)
    responses = await asyncio.gather(*calls)
    assert all(r.status_code < 500 for r in responses)
    assert {r.status_code for r in responses} <= {201, 403, 409}
    assert any(r.status_code == 201 for r in responses) and any(r.status_code == 409 for r in responses)
    now = store.now()
    earned, redeemed, expired = ledger_totals(store)
    assert sum(balances(store).values()) == earned - redeemed - expired
    for member in store.members.values():
        assert store.balance(member, now) >= 0
        assert member.running_balance == store.balance(member, now) == sum(e.stars for e in member.entries)
        assert all(e.balance_after >= 0 for e in member.entries)
    gifts_after = sum(e.stars for m in store.members.values() for e in m.entries if e.kind.startswith("gift"))
    assert gifts_before == gifts_after == 0  # every gift out has its gift in


async def test_a_demo_purchase_earns_with_tier_and_double_star_day(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)  # Gold, and today is Double Star Day: 10.00 -> 20 x 1.2 x 2 = 48 once activated
    activated = await client.post("/v1/me/offers/double-star-day/activate", headers=ada)
    assert activated.status_code == 200, activated.text
    before = balances(store)[ADA]
    response = await client.post("/v1/demo/purchases", json={"amount": 10, "store": "Canal Street"}, headers=ada)
    assert response.status_code == 201, response.text
    result = response.json()
    assert (result["stars"], result["balance_after"]) == (48, before + 48)
    assert result["entry"]["kind"] == "purchase" and "Canal Street" in result["entry"]["reason"]
    assert "Double Star Day x2" in result["entry"]["reason"]
    again = (await client.post("/v1/demo/purchases", json={"amount": 10}, headers=ada)).json()
    assert again["stars"] == 24  # the offer applied once: the next visit earns 20 x 1.2


async def test_a_demo_purchase_with_a_key_is_recorded_once(client: httpx.AsyncClient, store: Store) -> None:
    grace = await sign_in(client, GRACE)
    headers = {**grace, **key()}
    grace_member = store.member_by_email(GRACE)
    assert grace_member is not None
    purchases_before = sum(1 for e in grace_member.entries if e.kind == "purchase")
    first, second = await asyncio.gather(
        *(client.post("/v1/demo/purchases", json={"amount": 5}, headers=headers) for _ in range(2))
    )
    assert first.json() == second.json()
    assert sum(1 for e in grace_member.entries if e.kind == "purchase") == purchases_before + 1
