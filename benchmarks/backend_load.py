"""The mock backend alone: gifts per second over HTTP from 50 concurrent clients, on loopback.

Fifty fresh members (signed up, funded by a simulated purchase) stand in a ring, each a friend of the next; each
client is one `httpx.AsyncClient` (its own connection) sending 1-Star gifts with a fresh idempotency key to its
neighbour until the shared budget of gifts or the time limit runs out. Stars only go round the ring, so nobody runs
dry and the daily cap (1,000 Stars) is never reached. Only 201 answers count.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass

import httpx

from tests.support.joining import join_over_http

CLIENTS = 50
PASSWORD = "bench-gifts-1"


@dataclass(frozen=True)
class LoadResult:
    gifts: int
    refused: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.gifts / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Member:
    token: str
    id: str
    friend_code: str


async def ring_of_members(url: str, clients: int = CLIENTS) -> list[_Member]:
    """Sign up `clients` members, fund them and make each a friend of the next (set up once per backend)."""
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as http:
        members: list[_Member] = []
        for i in range(clients):
            body = {"email": f"bench-{uuid.uuid4().hex[:10]}@example.test", "password": PASSWORD, "name": f"Bench {i}"}
            created = await join_over_http(http, body)  # the demo outbox holds the code (--demo-tools)
            created.raise_for_status()
            token = created.json()["access_token"]
            auth = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
            (await http.post("/v1/demo/purchases", json={"amount": 50}, headers=auth)).raise_for_status()
            me = (await http.get("/v1/me", headers=auth)).json()
            members.append(_Member(token, me["id"], me["friend_code"]))
        for i, member in enumerate(members):
            neighbour = members[(i + 1) % len(members)]
            # A friend request by code, accepted by the neighbour (a request both ways is a friendship at once).
            asked = await http.post(
                "/v1/me/friend-requests",
                json={"friend_code": neighbour.friend_code},
                headers={"Authorization": f"Bearer {member.token}"},
            )
            if asked.status_code == 409:
                continue  # already friends (a ring of two)
            asked.raise_for_status()
            if asked.json()["status"] == "pending":
                accepted = await http.post(
                    f"/v1/me/friend-requests/{asked.json()['id']}/accept",
                    headers={"Authorization": f"Bearer {neighbour.token}"},
                )
                accepted.raise_for_status()
        return members


async def gifts_per_second(url: str, members: list[_Member], budget: int, seconds: float) -> LoadResult:
    """Send up to `budget` gifts (one client per member, all at once) for at most `seconds`."""
    remaining = budget
    sent = refused = 0
    deadline = time.perf_counter() + seconds

    async def client(i: int) -> None:
        nonlocal remaining, sent, refused
        me, friend = members[i], members[(i + 1) % len(members)]
        headers = {"Authorization": f"Bearer {me.token}"}
        body = {"friend_id": friend.id, "stars": 1, "message": "bench"}
        async with httpx.AsyncClient(base_url=url, timeout=30.0, headers=headers) as http:
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                response = await http.post("/v1/me/gifts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
                if response.status_code == 201:
                    sent += 1
                else:
                    refused += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(len(members))))
    return LoadResult(sent, refused, time.perf_counter() - started)
