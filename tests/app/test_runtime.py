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
