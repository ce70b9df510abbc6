"""Sessions against a real API share one connection pool, and one session closing its client leaves it open."""

from __future__ import annotations

import httpx

from app.api.client import LoyaltyClient
from app.config import load_settings
from app.runtime import SharedTransport, make_client, shared_http_transport


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
    assert transport._waits is not transport._pool
    await client.aclose()
