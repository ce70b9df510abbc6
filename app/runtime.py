"""Where each browser session's `LoyaltyClient` comes from: a real API (`STARBOARD_API_URL`) or the embedded mock.

The embedded mock backend is created once per process and shared by every session (in-process, through
httpx.ASGITransport: no sockets), so members signed in from two browsers share one world and see each other's gifts.

Against a real API every session's client shares one connection pool (`shared_http_transport`). A client of its own
would build its own TLS context on creation (about 30 ms of CPU, loading the CA bundle, on the event loop that
serves every session) and open its own connections: measured in docs/performance.md.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Any

import httpx

from app.api.client import LoyaltyClient
from app.api.in_process import STREAMED
from app.config import Settings


@lru_cache(maxsize=1)
def shared_mock_backend() -> Any:
    """The process-wide mock backend (an ASGI app), created on first use."""
    from app.mock_backend.api import create_app  # imported lazily: not needed against a real API

    return create_app(demo_tools=True)  # the embedded mock is a demo: its outbox shows the codes it "emails"


class SharedTransport(httpx.AsyncBaseTransport):
    """One process-wide connection pool behind every session's client; a session closing its client leaves it open.

    The live updates' event streams and long-polls (`GET /v1/me/events/stream`, `GET /v1/me/events?wait=...`) go to
    pools of their own, `waits`: every signed-in session keeps one open at the API (a stream for up to ten minutes, a
    long-poll for up to 40 s), so in a pool shared with the other requests they took every
    connection once a process held as many sessions as the pool's cap (100), and every sign-in, tab and redemption
    queued behind them (the crowd simulator: at 100 customers the API requests of the active phase fell from 1,682
    to 38 a minute and the median interaction took 12 s). The long-polls are spread over several pools, each holding
    a share of the waiting connections; a session's long-polls always go to the same pool (chosen by its
    credentials), so the next one finds the connection the last one just gave back (taking turns over the pools,
    it went to another pool, which had an idle connection only if another session had just left one there).

    At most `max_in_flight` other requests are in the pool at once (its connection cap); the rest wait here. httpcore's
    pool, on every request sent and every answer read, matches each request queued in it against each of its
    connections: with 200 customers' first visits queued behind 100 connections, that matching took 65% of the
    process's CPU (a crowd of 200: py-spy), which queued more requests, and the process never caught up.
    """

    def __init__(
        self,
        pool: httpx.AsyncBaseTransport,
        waits: httpx.AsyncBaseTransport | list[httpx.AsyncBaseTransport] | None = None,
        *,
        max_in_flight: int | None = None,
    ) -> None:
        self._pool = pool
        self._waits = waits if isinstance(waits, list) else [waits if waits is not None else pool]
        self._max_in_flight = max_in_flight
        self._slots: asyncio.Semaphore | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "wait" in request.url.params or STREAMED in request.headers.get("accept", ""):
            whose = request.headers.get("authorization", "").encode()
            pool = self._waits[zlib.crc32(whose) % len(self._waits)]
            return await pool.handle_async_request(request)
        if self._max_in_flight is None:
            return await self._pool.handle_async_request(request)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._max_in_flight)
        await self._slots.acquire()
        try:
            response = await self._pool.handle_async_request(request)
        except BaseException:
            self._slots.release()
            raise
        if response.is_closed:  # already read (an answer made in memory)
            self._slots.release()
        else:  # the connection is busy until the answer's body is read: the slot is given back when it is closed
            response.stream = _ReleasedOnClose(response.stream, self._slots)
        return response

    async def aclose(self) -> None:
        """Closing one session's client must not close the pool the other sessions use."""


class _ReleasedOnClose(httpx.AsyncByteStream):
    """An answer's body that gives its request's slot back once, when it is closed."""

    def __init__(self, stream: Any, slots: asyncio.Semaphore) -> None:
        self._stream = stream
        self._slots: asyncio.Semaphore | None = slots

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._slots is not None:
                self._slots.release()
                self._slots = None


WAIT_POOLS = 32
"""The long-polls are spread over this many pools: each matches a new long-poll against its own share of the
waiting connections (a thousand sessions, a thousand connections), not against all of them."""


@lru_cache(maxsize=1)
def shared_http_transport() -> SharedTransport:
    return SharedTransport(
        httpx.AsyncHTTPTransport(limits=POOL_LIMITS),
        waits=[httpx.AsyncHTTPTransport(limits=WAIT_POOL_LIMITS) for _ in range(WAIT_POOLS)],
        max_in_flight=POOL_LIMITS.max_connections,
    )


IDLE_CONNECTION_SECONDS = 2.0
"""How long an idle connection to the API is kept for reuse. Below the server's own idle timeout (uvicorn closes at
5 s; nginx 75 s, AWS ALB 60 s), never equal to it: with httpx's default (5 s, the same as uvicorn's) a request sent
on a connection the server was closing at that moment failed with "Server disconnected without sending a response",
which the customer read as "You're offline" on Sign in (browser journeys, 2 of about 50, under load)."""
POOL_LIMITS = httpx.Limits(
    max_connections=100, max_keepalive_connections=100, keepalive_expiry=IDLE_CONNECTION_SECONDS
)
"""Idle connections are kept up to the cap and closed after `IDLE_CONNECTION_SECONDS`, not by count: httpcore 1.0.9
compares `max_keepalive_connections` with the number of all its connections, busy or idle, so with httpx's 20 every
answer's connection was closed once more than 20 were open, and the next request connected again (encode/httpcore
pull request #1000, open). At 300 idle sessions every long-poll's answer left a socket in TIME_WAIT; connecting was
about 9% of the process's busy time at 1,000 (py-spy)."""
WAIT_POOL_LIMITS = httpx.Limits(
    max_connections=None, max_keepalive_connections=None, keepalive_expiry=IDLE_CONNECTION_SECONDS
)
"""The long-polls' pool: one connection per signed-in session waiting, so no cap (a cap would make the sessions over
it wait for a long-poll to end before theirs even starts), and its idle connections closed by age only (above)."""


def make_client(settings: Settings, client_address: str | None = None) -> LoyaltyClient:
    """The client of one browser session; `client_address` is the browser's (the embedded mock throttles sign-ups and
    demo members per address). A real API sees the app server's address: it must take the browser's from a trusted
    proxy header, which is that deployment's to configure."""
    if settings.api_url is not None:
        return LoyaltyClient.for_url(settings.api_url, transport=shared_http_transport(), timeout=settings.api_timeout)
    return LoyaltyClient.in_process(shared_mock_backend(), client_address=client_address, timeout=settings.api_timeout)
