"""Transports that sit between the app's client and the in-process mock backend: they count what was sent (and the
idempotency keys it carried) and can lose or hold answers, the way a flaky network does (failure injection as a
plain parameter, no patching). And `FakeContext`, the smallest `ScreenContext` a screen state can be built with."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.api.client import LoyaltyClient, RetryPolicy
from app.api.in_process import InProcessTransport
from app.i18n import Translator
from app.state import MemoryDeviceStore


class RecordingTransport(httpx.AsyncBaseTransport):
    """Forwards to the backend in-process; records `METHOD /path`; can fail requests on purpose.

    `offline=True`: every request fails before reaching the backend.
    `lose_answers_to={"POST /v1/me/gifts"}`: those requests reach the backend, then the answer is lost (once each).
    `hold("POST /v1/me/redemptions")`: the next such request waits before reaching the backend until `release()`
    (a request in flight while the test does something else); with `answered=True` it reaches the backend and its
    answer waits (applied, the answer still on its way).
    `no_stream=True`: the API has no event stream (it answers 404, as an older API would).
    `cut_streams()`: every event stream open now breaks, as when the network drops.
    """

    def __init__(
        self, app: object, *, offline: bool = False, lose_answers_to: set[str] | None = None, no_stream: bool = False
    ) -> None:
        self._inner = InProcessTransport(app)
        self.offline = offline
        self.no_stream = no_stream
        self._cut = asyncio.Event()
        self.lose_answers_to = set(lose_answers_to or ())
        self.sent: list[str] = []
        self.keys: dict[str, list[str]] = {}
        """`METHOD /path` -> the idempotency keys its requests carried, in order."""
        self._held: str | None = None
        self._held_answer = False
        self.holding = asyncio.Event()
        """Set once a held request is waiting."""
        self._release = asyncio.Event()

    def hold(self, line: str, *, answered: bool = False) -> None:
        self._held = line
        self._held_answer = answered
        self.holding.clear()
        self._release.clear()

    def release(self) -> None:
        self._held = None
        self._release.set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        line = f"{request.method} {request.url.path}"
        if self.offline:
            raise httpx.ConnectError("offline", request=request)
        self.sent.append(line)
        if "Idempotency-Key" in request.headers:
            self.keys.setdefault(line, []).append(request.headers["Idempotency-Key"])
        held = line == self._held
        if held and not self._held_answer:
            self.holding.set()
            await self._release.wait()
        if self.no_stream and request.url.path == STREAM:
            return httpx.Response(404, json={"detail": "Not Found"}, request=request)
        response = await self._inner.handle_async_request(request)
        if request.url.path == STREAM:
            response.stream = _Cuttable(response.stream, self._cut)  # type: ignore[arg-type]
        if held and self._held_answer:
            self.holding.set()
            await self._release.wait()
        if line in self.lose_answers_to:
            self.lose_answers_to.discard(line)
            await response.aread()
            raise httpx.ReadError("connection lost before the answer arrived", request=request)
        return response

    def count(self, line: str) -> int:
        return self.sent.count(line)

    def cut_streams(self) -> None:
        self._cut.set()
        self._cut = asyncio.Event()  # streams opened from now on are whole


STREAM = "/v1/me/events/stream"


class _Cuttable(httpx.AsyncByteStream):
    """A streamed answer that fails with a read error once `cut` is set."""

    def __init__(self, inner: httpx.AsyncByteStream, cut: asyncio.Event) -> None:
        self._inner = inner
        self._cut = cut

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = aiter(self._inner)
        cut = asyncio.ensure_future(self._cut.wait())
        chunk: asyncio.Future[bytes] | None = None
        try:
            while True:
                chunk = asyncio.ensure_future(anext(chunks))
                await asyncio.wait([chunk, cut], return_when=asyncio.FIRST_COMPLETED)
                if cut.done():
                    raise httpx.ReadError("the network dropped")
                try:
                    yield chunk.result()
                except StopAsyncIteration:
                    return
        finally:
            cut.cancel()
            if chunk is not None:
                chunk.cancel()
                if chunk.done() and not chunk.cancelled():
                    chunk.exception()  # retrieved: the stream's end or error is not "never retrieved"

    async def aclose(self) -> None:
        await self._inner.aclose()


def client_over(transport: RecordingTransport, retries: int = 0) -> LoyaltyClient:
    """A client with no waiting between retries; `retries=0` lets a test see each failure the customer would see."""
    return LoyaltyClient(
        "http://starboard.local", transport=transport, retry=RetryPolicy(max_retries=retries, base_delay=0)
    )


@dataclass
class FakeContext:
    """A `ScreenContext` for a screen state on its own: it records what the state reports."""

    client: Any = None
    device: MemoryDeviceStore = field(default_factory=MemoryDeviceStore)
    balance: int | None = None
    name: str | None = None
    inbox_unread: int | None = None
    notices: list[str] = field(default_factory=list)
    invalidated: list[str] = field(default_factory=list)
    happenings: list[Any] = field(default_factory=list)
    requests: dict[str, str] = field(default_factory=dict)
    """Keyed requests the state reported: "sent", then "applied" or "not applied"."""
    t: Translator = field(default_factory=lambda: Translator("en"))

    def set_balance(self, balance: int) -> None:
        self.balance = balance

    def member_seen(self, name: str) -> None:
        self.name = name

    def set_inbox_unread(self, unread: int) -> None:
        self.inbox_unread = unread

    def notify_customer(self, text: str) -> None:
        self.notices.append(text)

    def invalidate(self, *tags: str, but: object = None) -> None:
        self.invalidated += tags

    async def happened(self, events: list[Any]) -> None:
        self.happenings += events

    def request_sent(self, key: str) -> None:
        self.requests[key] = "sent"

    def request_settled(self, key: str, *, applied: bool) -> None:
        self.requests[key] = "applied" if applied else "not applied"
