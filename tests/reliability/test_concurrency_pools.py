"""Star Pools and gifts held for newcomers under racing requests over real HTTP: contributions, gifts, gifts to
newcomers, pool redemptions and leaving, with retries racing their originals. Then proof from the members' own
ledgers, the pool and the held gifts that no Star was created or lost, no balance went negative, one key had one
effect and the daily cap (gifts and pools together) held.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import Counter, defaultdict
from typing import Any

import httpx

from tests.reliability.conftest import ServedBackend
from tests.reliability.figures import Figures
from tests.reliability.test_concurrency_http import bearer, ledger
from tests.support.joining import join_over_http

SECTION = "Concurrency over real HTTP"
PREFIX = "pools and held gifts: "
MEMBERS = 8
CONTRIBUTIONS = 500
NEWCOMER_GIFTS = 150
GIFTS = 250
POOL_REDEMPTIONS = 80
DUPLICATE_SHARE = 0.1
TASKS = 24
GIVING = ("gift_out", "pool_contribution", "gift_held")


async def new_members(http: httpx.AsyncClient) -> list[dict[str, str]]:
    members = []
    for i in range(MEMBERS):
        body = {"email": f"pool-{uuid.uuid4().hex[:10]}@example.test", "password": "concurrency-1", "name": f"P {i}"}
        token = (await join_over_http(http, body)).json()["access_token"]
        # Some rich (the daily cap stops them), some poor (their balance does).
        amount = 900 if i % 2 == 0 else 60
        bought = await http.post("/v1/demo/purchases", json={"amount": amount}, headers=bearer(token))
        assert bought.status_code == 201, bought.text
        me = (await http.get("/v1/me", headers=bearer(token))).json()
        members.append({"token": token, "id": me["id"], "friend_code": me["friend_code"]})
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            body = {"friend_code": b["friend_code"]}
            asked = await http.post("/v1/me/friend-requests", json=body, headers=bearer(a["token"]))
            assert asked.status_code == 201, asked.text
            accepted = await http.post(
                f"/v1/me/friend-requests/{asked.json()['id']}/accept", headers=bearer(b["token"])
            )
            assert accepted.status_code == 200, accepted.text
    return members


async def race(url: str, ops: list[tuple[str, str, str, dict[str, Any]]]) -> list[tuple[str, str, int, Any]]:
    """Send ``(path, token, key, body)`` ops from ``TASKS`` tasks; return ``(path, key, status, body)``."""
    queue: asyncio.Queue[tuple[str, str, str, dict[str, Any]]] = asyncio.Queue()
    for op in ops:
        queue.put_nowait(op)
    results: list[tuple[str, str, int, Any]] = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:

        async def worker() -> None:
            while not queue.empty():
                path, token, key, body = queue.get_nowait()
                headers = {**bearer(token), "Idempotency-Key": key}
                response = await http.post(path, json=body, headers=headers)
                results.append((path, key, response.status_code, response.json()))

        await asyncio.gather(*(worker() for _ in range(TASKS)))
    return results


async def test_pools_and_held_gifts_conserve_stars_under_racing_requests(
    served_backend: ServedBackend, figures: Figures
) -> None:
    rng = random.Random(14)
    async with httpx.AsyncClient(base_url=served_backend.url, timeout=30) as http:
        members = await new_members(http)
        owner = members[0]
        created = await http.post(
            "/v1/me/pools",
            json={"name": "Load pool", "goal_reward_id": "extra-shot", "invite_ids": [m["id"] for m in members[1:6]]},
            headers=bearer(owner["token"]),
        )
        assert created.status_code == 201, created.text
        pool_id = created.json()["id"]
        for m in members[1:6]:
            assert (await http.post(f"/v1/me/pools/{pool_id}/join", headers=bearer(m["token"]))).status_code == 200
        start = {m["id"]: (await http.get("/v1/me/summary", headers=bearer(m["token"]))).json()["balance"]
                 for m in members}
        before = {m["id"]: {e["id"] for e in await ledger(http, m["token"])} for m in members}

    pool_path = f"/v1/me/pools/{pool_id}"
    ops: list[tuple[str, str, str, dict[str, Any]]] = []
    for _ in range(CONTRIBUTIONS):
        m = rng.choice(members[:6])
        ops.append((f"{pool_path}/contributions", m["token"], uuid.uuid4().hex, {"stars": rng.randint(1, 80)}))
    for _ in range(NEWCOMER_GIFTS):
        m = rng.choice(members)
        ops.append(("/v1/me/newcomer-gifts", m["token"], uuid.uuid4().hex,
                    {"contact": f"+1555{rng.randint(1_000_000, 9_999_999)}", "stars": rng.randint(1, 60)}))
    for _ in range(GIFTS):
        a, b = rng.sample(members, 2)
        ops.append(("/v1/me/gifts", a["token"], uuid.uuid4().hex, {"friend_id": b["id"], "stars": rng.randint(1, 60)}))
    for _ in range(POOL_REDEMPTIONS):
        m = owner if rng.random() < 0.8 else rng.choice(members[1:6])
        reward = rng.choice(["extra-shot", "brewed-coffee", "handcrafted-drink"])
        ops.append((f"{pool_path}/redemptions", m["token"], uuid.uuid4().hex, {"reward_id": reward}))
    ops += rng.sample(ops, int(len(ops) * DUPLICATE_SHARE))
    rng.shuffle(ops)
    results = await race(served_backend.url, ops)
    # Then everyone but the owner leaves at once, each leave sent twice.
    leaves = [(f"{pool_path}/leave", m["token"], uuid.uuid4().hex, {}) for m in members[1:6]]
    left = await race(served_backend.url, leaves + leaves)

    statuses = Counter(status for _, _, status, _ in results)
    assert set(statuses) <= {201, 403, 409}, statuses
    codes = Counter(body["code"] for _, _, status, body in results if status != 201)
    assert set(codes) <= {"insufficient_balance", "daily_gift_cap_exceeded", "not_pool_owner", "out_of_stock"}, codes
    assert codes["daily_gift_cap_exceeded"] and codes["insufficient_balance"], codes
    by_key: dict[str, set[str]] = defaultdict(set)
    for _, key, status, body in results + left:
        by_key[key].add(repr((status, sorted(body.items()) if status != 201 else body.get("balance_after"))))
    assert all(len(answers) == 1 for answers in by_key.values()), "one key had two different effects"
    assert all(status == 200 for _, _, status, _ in left)

    async with httpx.AsyncClient(base_url=served_backend.url, timeout=30) as http:
        end = {m["id"]: (await http.get("/v1/me/summary", headers=bearer(m["token"]))).json()["balance"]
               for m in members}
        after = {m["id"]: await ledger(http, m["token"]) for m in members}
        pool = (await http.get(pool_path, headers=bearer(owner["token"]))).json()
        held = 0
        for m in members:
            sent = (await http.get("/v1/me/newcomer-gifts", headers=bearer(m["token"]))).json()["gifts"]
            held += sum(g["stars"] for g in sent if g["status"] == "held")
    new = [e for mid, entries in after.items() for e in entries if e["id"] not in before[mid]]
    applied_keys = {key for path, key, status, _ in results if status == 201 and path.endswith("/redemptions")}
    pool_redeemed = sum(
        next(b["redemption"]["stars"] for p, k, s, b in results if k == key and s == 201) for key in applied_keys
    )
    kinds = Counter(e["kind"] for e in new)
    assert set(kinds) <= {"gift_in", "gift_out", "gift_held", "pool_contribution", "pool_return"}, kinds
    # Every Star is in a balance, in the pool or held for a newcomer, or was spent from the pool on a reward.
    assert sum(end.values()) + pool["stars"] + held == sum(start.values()) - pool_redeemed
    assert pool["stars"] == sum(m["unspent"] for m in pool["members"])
    assert {m["member_id"]: m["unspent"] for m in pool["members"] if m["role"] != "owner" and m["unspent"]} == {}
    for mid, entries in after.items():
        assert all(e["balance_after"] >= 0 for e in entries), "a balance went negative"
        assert entries[0]["balance_after"] == end[mid]
        given_by_day: Counter[str] = Counter()
        for e in entries:
            if e["id"] not in before[mid] and e["kind"] in GIVING:
                given_by_day[e["created_at"][:10]] -= e["stars"]
        assert all(v <= 1000 for v in given_by_day.values()), given_by_day

    figures.record(SECTION, PREFIX + "members / pool members", f"{MEMBERS} / 6", "fresh sign-ups, all friends")
    figures.record(
        SECTION,
        PREFIX + "racing requests",
        len(ops) + len(leaves) * 2,
        f"{CONTRIBUTIONS} contributions, {NEWCOMER_GIFTS} gifts to newcomers, {GIFTS} gifts, {POOL_REDEMPTIONS} "
        f"pool redemptions, {DUPLICATE_SHARE:.0%} sent twice with one key; 5 leaves sent twice; {TASKS} tasks",
    )
    figures.record(
        SECTION,
        PREFIX + "applied",
        ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())),
        f"{pool_redeemed:,} Stars redeemed from the pool",
    )
    figures.record(SECTION, PREFIX + "refusals", ", ".join(f"{c} {n:,}" for c, n in sorted(codes.items())))
    figures.record(
        SECTION,
        PREFIX + "conservation",
        "holds",
        f"balances + pool + held = start - redeemed from pool ({sum(start.values()):,} -> "
        f"{sum(end.values()):,} + {pool['stars']:,} + {held:,}); caps hold per member per day; no balance < 0",
    )
