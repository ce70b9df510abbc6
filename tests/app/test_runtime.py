"""Sessions against a real API share one connection pool, and one session closing its client leaves it open."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import httpx

from app.api.client import LoyaltyClient
from app.config import load_settings
from app.runtime import WAIT_POOLS, SharedTransport, make_client, shared_http_transport


def test_every_session_against_a_url_gets_the_same_pool() -> None:
    settings = load_settings({"STARBOARD_API_URL": "http://api.test"})
    first, second = make_client(settings), make_client(settings)
    assert first._http._transport is second._http._transport is shared_http_transport()


async def test_a_session_closing_its_client_does_not_close_the_pool_of_the_others() -> None:
    seen: list[str] = []

    def api(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"name": "Starboard", "tiers": []})

    shared = SharedTransport(httpx.MockTransport(api))
    leaving = LoyaltyClient.for_url("http://api.test", transport=shared)
    staying = LoyaltyClient.for_url("http://api.test", transport=shared)
    await leaving.aclose()
    response = await staying._http.get("/v1/program")
    assert response.status_code == 200 and seen == ["/v1/program"]
    await staying.aclose()


async def test_the_long_polls_have_a_pool_of_their_own_so_they_cannot_starve_the_other_requests() -> None:
    """Every signed-in session keeps a long-poll waiting; sharing the capped pool with them, the other requests queued
    behind them once a process held as many sessions as the cap (issue 13's crowd, 100 customers)."""
    waits: list[str] = []
    others: list[str] = []

    def record(into: list[str]) -> httpx.MockTransport:
        return httpx.MockTransport(lambda request: (into.append(request.url.path), httpx.Response(200, json={}))[1])

    shared = SharedTransport(record(others), waits=record(waits))
    client = httpx.AsyncClient(base_url="http://api.test", transport=shared)
    await client.get("/v1/me/events", params={"after": 3, "wait": 40})
    await client.get("/v1/me/events", params={"after": 3})  # the catch-up answers at once: the ordinary pool
    await client.get("/v1/me/summary")
    assert waits == ["/v1/me/events"] and others == ["/v1/me/events", "/v1/me/summary"]
    transport = shared_http_transport()
    assert transport._pool not in transport._waits and len(set(map(id, transport._waits))) == WAIT_POOLS
    await client.aclose()


async def test_a_sessions_long_polls_stay_in_one_pool_and_the_sessions_spread_over_the_pools() -> None:
    """The next long-poll of a session takes the connection its last one gave back (no new connection per poll)."""
    seen: dict[str, list[int]] = {}

    def pool(n: int) -> httpx.MockTransport:
        def answer(request: httpx.Request) -> httpx.Response:
            seen.setdefault(request.headers["authorization"], []).append(n)
            return httpx.Response(200, json={})

        return httpx.MockTransport(answer)

    shared = SharedTransport(pool(-1), waits=[pool(0), pool(1), pool(2)])
    async with httpx.AsyncClient(base_url="http://api.test", transport=shared) as client:
        for session in range(30):
            for _ in range(3):
                headers = {"authorization": f"Bearer token-{session}"}
                await client.get("/v1/me/events", params={"after": 0, "wait": 40}, headers=headers)
    assert all(len(set(pools)) == 1 for pools in seen.values())
    assert {pools[0] for pools in seen.values()} == {0, 1, 2}


async def test_requests_over_the_pools_cap_wait_outside_it_and_all_get_their_answer() -> None:
    """httpcore matches every request queued in its pool against every connection on each request and answer: a
    queue of hundreds took most of the process's CPU. Over the cap, requests wait for a slot instead."""
    inside = 0
    most = 0
    release = asyncio.Event()

    async def api(request: httpx.Request) -> httpx.Response:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        await release.wait()
        inside -= 1
        return httpx.Response(200, json={"path": request.url.path})

    shared = SharedTransport(httpx.MockTransport(api), max_in_flight=2)
    async with httpx.AsyncClient(base_url="http://api.test", transport=shared) as client:
        calls = [asyncio.create_task(client.get(f"/v1/{n}")) for n in range(6)]
        await asyncio.sleep(0.05)
        assert inside == 2  # the other four wait for a slot
        release.set()
        answers = await asyncio.gather(*calls)
    assert most == 2
    assert [r.json()["path"] for r in answers] == [f"/v1/{n}" for n in range(6)]
    assert shared._slots is not None and shared._slots._value == 2  # every slot given back


async def test_answered_requests_leave_their_connection_open_for_the_next_even_with_many_open() -> None:
    """httpcore 1.0.9 closes an idle connection whenever more than `max_keepalive_connections` connections are open,
    busy or not: with httpx's 20, every long-poll's answer closed its connection once a pool held more than 20."""
    at_once = 25
    connections = 0
    arrived = 0
    rounds = [asyncio.Event() for _ in range(4)]

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections, arrived
        connections += 1
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while await reader.readuntil(b"\r\n\r\n"):
                arrived += 1
                this_round = rounds[(arrived - 1) // at_once]
                if arrived % at_once == 0:
                    this_round.set()
                await this_round.wait()  # every request of the round is open at once, as many sessions' are
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}")
                await writer.drain()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", transport=shared_http_transport()) as client:
            for _ in range(2):  # the ordinary pool
                await asyncio.gather(*(client.get("/v1/me/summary") for _ in range(at_once)))
            assert connections == at_once
            poll = {"params": {"after": 0, "wait": 40}, "headers": {"authorization": "Bearer one-pool"}}
            for _ in range(2):  # a pool of the long-polls
                await asyncio.gather(*(client.get("/v1/me/events", **poll) for _ in range(at_once)))  # type: ignore[arg-type]
            assert connections == 2 * at_once
    finally:
        server.close()


async def test_httpcore_finds_sniffio_so_a_lock_or_event_imports_nothing() -> None:
    """httpcore runs `import sniffio` for every lock and event it makes; with sniffio missing, each was a failed
    import searching sys.path (3.4% of the app's CPU under 100 customers). It is a dependency of Starboard's."""
    from httpcore._synchronization import current_async_library

    assert current_async_library() == "asyncio"
    assert "sniffio" in sys.modules and sys.modules["sniffio"] is not None
