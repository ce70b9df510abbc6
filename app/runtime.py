"""Where each browser session's `LoyaltyClient` comes from: a real API (`STARBOARD_API_URL`) or the embedded mock.

The embedded mock backend is created once per process and shared by every session (in-process, through
httpx.ASGITransport: no sockets), so members signed in from two browsers share one world and see each other's gifts.

Against a real API every session's client shares one connection pool (`shared_http_transport`). A client of its own
would build its own TLS context on creation (about 30 ms of CPU, loading the CA bundle, on the event loop that
serves every session) and open its own connections: measured in docs/performance.md.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import httpx

from app.api.client import LoyaltyClient
from app.config import Settings


@lru_cache(maxsize=1)
def shared_mock_backend() -> Any:
    """The process-wide mock backend (an ASGI app), created on first use."""
    from app.mock_backend.api import create_app  # imported lazily: not needed against a real API

    return create_app(demo_tools=True)  # the embedded mock is a demo: its outbox shows the codes it "emails"


class SharedTransport(httpx.AsyncBaseTransport):
    """One process-wide connection pool behind every session's client; a session closing its client leaves it open.

    The live updates' long-polls (`GET /v1/me/events?wait=...`) go to a pool of their own, `waits`: every signed-in
    session keeps one waiting at the API for up to 40 s, so in a pool shared with the other requests they took every
    connection once a process held as many sessions as the pool's cap (100), and every sign-in, tab and redemption
    queued behind them (the crowd simulator: at 100 customers the API requests of the active phase fell from 1,682
    to 38 a minute and the median interaction took 12 s)."""

    def __init__(self, pool: httpx.AsyncBaseTransport, waits: httpx.AsyncBaseTransport | None = None) -> None:
        self._pool = pool
        self._waits = waits if waits is not None else pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        pool = self._waits if "wait" in request.url.params else self._pool
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        """Closing one session's client must not close the pool the other sessions use."""


@lru_cache(maxsize=1)
def shared_http_transport() -> SharedTransport:
    return SharedTransport(
        httpx.AsyncHTTPTransport(limits=POOL_LIMITS), waits=httpx.AsyncHTTPTransport(limits=WAIT_POOL_LIMITS)
    )


IDLE_CONNECTION_SECONDS = 2.0
"""How long an idle connection to the API is kept for reuse. Below the server's own idle timeout (uvicorn closes at
5 s; nginx 75 s, AWS ALB 60 s), never equal to it: with httpx's default (5 s, the same as uvicorn's) a request sent
on a connection the server was closing at that moment failed with "Server disconnected without sending a response",
which the customer read as "You're offline" on Sign in (browser journeys, 2 of about 50, under load)."""
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=IDLE_CONNECTION_SECONDS)
WAIT_POOL_LIMITS = httpx.Limits(
    max_connections=None, max_keepalive_connections=20, keepalive_expiry=IDLE_CONNECTION_SECONDS
)
"""The long-polls' pool: one connection per signed-in session waiting, so no cap (a cap would make the sessions over
it wait for a long-poll to end before theirs even starts)."""


def make_client(settings: Settings, client_address: str | None = None) -> LoyaltyClient:
    """The client of one browser session; `client_address` is the browser's (the embedded mock throttles sign-ups and
    demo members per address). A real API sees the app server's address: it must take the browser's from a trusted
    proxy header, which is that deployment's to configure."""
    if settings.api_url is not None:
        return LoyaltyClient.for_url(
            settings.api_url, transport=shared_http_transport(), timeout=settings.api_timeout
        )
    return LoyaltyClient.in_process(
        shared_mock_backend(), client_address=client_address, timeout=settings.api_timeout
    )
