"""Transports that sit between the app's client and the in-process mock backend: they count what was sent and can
lose answers, the way a flaky network does (failure injection as a plain parameter, no patching)."""

from __future__ import annotations

import httpx

from app.api.client import LoyaltyClient, RetryPolicy


class RecordingTransport(httpx.AsyncBaseTransport):
    """Forwards to the backend in-process; records `METHOD /path`; can fail requests on purpose.

    `offline=True`: every request fails before reaching the backend.
    `lose_answers_to={"POST /v1/me/gifts"}`: those requests reach the backend, then the answer is lost (once each).
    """

    def __init__(self, app: object, *, offline: bool = False, lose_answers_to: set[str] | None = None) -> None:
        self._inner = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        self.offline = offline
        self.lose_answers_to = set(lose_answers_to or ())
        self.sent: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        line = f"{request.method} {request.url.path}"
        if self.offline:
            raise httpx.ConnectError("offline", request=request)
        self.sent.append(line)
        response = await self._inner.handle_async_request(request)
        if line in self.lose_answers_to:
            self.lose_answers_to.discard(line)
            await response.aread()
            raise httpx.ReadError("connection lost before the answer arrived", request=request)
        return response

    def count(self, line: str) -> int:
        return self.sent.count(line)


def client_over(transport: RecordingTransport, retries: int = 0) -> LoyaltyClient:
    """A client with no waiting between retries; `retries=0` lets a test see each failure the customer would see."""
    return LoyaltyClient(
        "http://starboard.local", transport=transport, retry=RetryPolicy(max_retries=retries, base_delay=0)
    )
