"""Thousands of concurrent gifts and redemptions over real HTTP, from two client processes, then proof from the
members' own activity ledgers and summaries that no Star was created or lost and no balance went negative.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import uuid
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx

from tests.reliability.conftest import ROOT, ServedBackend
from tests.reliability.figures import Figures
from tests.reliability.load import Op, Outcome, run_plan
from tests.support.joining import join_over_http

SECTION = "Concurrency over real HTTP"
MEMBERS = 12
GIFTS = 1200
REDEMPTIONS = 800
DUPLICATE_SHARE = 0.1  # this share of requests is sent twice with the same key (a retry racing the original)
REWARDS = {"extra-shot": 25, "brewed-coffee": 60, "bakery-treat": 60, "handcrafted-drink": 100}


async def ledger(http: httpx.AsyncClient, token: str) -> list[dict[str, Any]]:
    """Every activity entry of a member, newest first, following the cursor."""
    entries: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        page = (await http.get("/v1/me/activity", params=params, headers=bearer(token))).json()
        entries += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return entries


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def new_members(http: httpx.AsyncClient) -> list[dict[str, str]]:
    """Sign up fresh members (so nothing else touches their balances), fund them, and make them all friends."""
    members = []
    for i in range(MEMBERS):
        body = {"email": f"load-{uuid.uuid4().hex[:10]}@example.test", "password": "concurrency-1", "name": f"Load {i}"}
        created = await join_over_http(http, body)
        assert created.status_code == 201, created.text
        token = created.json()["access_token"]
        bought = await http.post("/v1/demo/purchases", json={"amount": 120 + 10 * i}, headers=bearer(token))
        assert bought.status_code == 201, bought.text
        me = (await http.get("/v1/me", headers=bearer(token))).json()
        members.append({"token": token, "id": me["id"], "friend_code": me["friend_code"]})
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            asked = await http.post(
                "/v1/me/friend-requests", json={"friend_code": b["friend_code"]}, headers=bearer(a["token"])
            )
            assert asked.status_code == 201, asked.text
            accepted = await http.post(
                f"/v1/me/friend-requests/{asked.json()['id']}/accept", headers=bearer(b["token"])
            )
            assert accepted.status_code == 200, accepted.text
    return members


def plan(members: list[dict[str, str]], rng: random.Random) -> list[Op]:
    ops: list[Op] = []
    for _ in range(GIFTS):
        sender, recipient = rng.sample(members, 2)
        body = {"friend_id": recipient["id"], "stars": rng.randint(1, 60), "message": "load test"}
        ops.append(Op("gift", sender["token"], uuid.uuid4().hex, body))
    for _ in range(REDEMPTIONS):
        ops.append(
            Op("redeem", rng.choice(members)["token"], uuid.uuid4().hex, {"reward_id": rng.choice(list(REWARDS))})
        )
    ops += rng.sample(ops, int(len(ops) * DUPLICATE_SHARE))
    rng.shuffle(ops)
    return ops


async def second_process(url: str, ops: list[Op], tmp_path: Path) -> tuple[asyncio.subprocess.Process, Path]:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps([asdict(op) for op in ops]), encoding="utf-8")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.reliability.load",
        url,
        str(plan_path),
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=2**24,  # the results come back as one JSON line
    )
    assert proc.stdout is not None
    ready = await asyncio.wait_for(proc.stdout.readline(), timeout=30)
    assert ready.strip() == b"ready", ready
    return proc, plan_path


async def test_concurrent_gifts_and_redemptions_from_two_processes_conserve_stars(
    served_backend: ServedBackend, figures: Figures, tmp_path: Path
) -> None:
    rng = random.Random(7)
    async with httpx.AsyncClient(base_url=served_backend.url, timeout=30) as http:
        members = await new_members(http)
        before = {m["id"]: await ledger(http, m["token"]) for m in members}
        start_balance = {
            m["id"]: (await http.get("/v1/me/summary", headers=bearer(m["token"]))).json()["balance"] for m in members
        }
        ops = plan(members, rng)
        half = len(ops) // 2
        proc, _ = await second_process(served_backend.url, ops[half:], tmp_path)
        assert proc.stdin is not None and proc.stdout is not None
        loop = asyncio.get_running_loop()
        started = loop.time()
        proc.stdin.write(b"go\n")
        await proc.stdin.drain()
        (mine, my_seconds), theirs_raw = await asyncio.wait_for(
            asyncio.gather(run_plan(served_backend.url, ops[:half]), proc.stdout.readline()), timeout=120
        )
        wall = loop.time() - started
        assert await asyncio.wait_for(proc.wait(), timeout=30) == 0
        theirs_json = json.loads(theirs_raw)
        theirs = [Outcome(**o) for o in theirs_json["outcomes"]]
        outcomes = mine + theirs

        # Every request got a deliberate answer: created, or refused with a stable code. Never a 5xx.
        statuses = Counter(o.status for o in outcomes)
        assert len(outcomes) == len(ops) and set(statuses) <= {201, 403, 409}, statuses
        codes = Counter(o.code for o in outcomes if o.code)
        assert set(codes) <= {"insufficient_balance", "daily_gift_cap_exceeded", "out_of_stock"}, codes
        assert codes["insufficient_balance"] > 0, "the plan must run members dry to prove no overdraft"

        # One key, one effect: a request sent twice got one answer, whichever process sent it.
        by_key: dict[str, set[tuple[int, str | None, str | None]]] = {}
        for o in outcomes:
            by_key.setdefault(o.key, set()).add((o.status, o.id, o.code))
        assert all(len(answers) == 1 for answers in by_key.values())
        gifts = {o.id: o.stars for o in outcomes if o.kind == "gift" and o.id}
        redemptions = {o.id: o.stars for o in outcomes if o.kind == "redeem" and o.id}

        # Read everything back from the members' own ledgers and summaries.
        after = {m["id"]: await ledger(http, m["token"]) for m in members}
        end_balance = {
            m["id"]: (await http.get("/v1/me/summary", headers=bearer(m["token"]))).json()["balance"] for m in members
        }
    new = {mid: [e for e in after[mid] if e["id"] not in {b["id"] for b in before[mid]}] for mid in after}
    entries = [e for mid in new for e in new[mid]]
    kinds = Counter(e["kind"] for e in entries)
    assert set(kinds) <= {"gift_in", "gift_out", "redeem"}, kinds
    assert kinds["gift_out"] == kinds["gift_in"] == len(gifts)
    assert kinds["redeem"] == len(redemptions)
    gift_out = -sum(e["stars"] for e in entries if e["kind"] == "gift_out")
    gift_in = sum(e["stars"] for e in entries if e["kind"] == "gift_in")
    redeemed = -sum(e["stars"] for e in entries if e["kind"] == "redeem")
    assert gift_in == gift_out == sum(v or 0 for v in gifts.values()), "gifting created or destroyed Stars"
    assert redeemed == sum(v or 0 for v in redemptions.values())
    assert sum(end_balance.values()) == sum(start_balance.values()) - redeemed
    for mid in after:
        assert end_balance[mid] == start_balance[mid] + sum(e["stars"] for e in new[mid]) >= 0
        assert after[mid][0]["balance_after"] == end_balance[mid]
        assert all(e["balance_after"] >= 0 for e in after[mid]), "a balance went negative"

    total = len(outcomes)
    figures.record(SECTION, "members involved", MEMBERS, "fresh sign-ups, all friends with each other")
    figures.record(
        SECTION,
        "concurrent requests (gifts + redemptions)",
        total,
        f"{GIFTS:,} gifts and {REDEMPTIONS:,} redemptions planned, {DUPLICATE_SHARE:.0%} sent twice with one key",
    )
    figures.record(SECTION, "client processes x asyncio tasks", "2 x 24")
    figures.record(SECTION, "throughput, both processes", round(total / wall, 1), f"ops/s over {wall:.2f} s wall")
    figures.record(SECTION, "throughput, this process", round(len(mine) / my_seconds, 1), "ops/s")
    figures.record(SECTION, "throughput, second process", round(len(theirs) / theirs_json["seconds"], 1), "ops/s")
    figures.record(
        SECTION,
        "gifts / redemptions applied",
        f"{len(gifts):,} / {len(redemptions):,}",
        f"{gift_in:,} Stars gifted, {redeemed:,} redeemed",
    )
    figures.record(
        SECTION, "refusals", ", ".join(f"{c} {n:,}" for c, n in sorted(codes.items())), "409: checked under the lock"
    )
    figures.record(
        SECTION,
        "conservation",
        "holds",
        f"sum of balances {sum(start_balance.values()):,} -> {sum(end_balance.values()):,} = minus redeemed; "
        "no balance_after < 0",
    )
