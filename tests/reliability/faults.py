"""A fault-injecting httpx transport: wraps a real transport (the mock backend in-process) and breaks requests.

A fault is a plain value handed to the transport, never a patch of the client: the client under test is the
real `LoyaltyClient`, the server behind the wrapper is the real mock backend, so "applied exactly once" is
read from the backend's own ledger.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import httpx

Fault = Literal[
    "latency",  # answered, but late (under the client's timeout)
    "timeout",  # no answer within the client's timeout; the server never saw the request
    "timeout_after_apply",  # the server applied it, the answer came too late
    "refused",  # connection refused: the server never saw the request
    "500",  # the server failed before doing anything
    "502",  # a gateway could not reach the server
    "503",  # the server is unavailable (with Retry-After: 0)
    "lost_after_apply",  # the server applied it, then the connection dropped before the answer arrived
    "502_after_apply",  # the server applied it, then a gateway answered 502 instead of the answer
]
FAULTS: tuple[Fault, ...] = (
    "latency",
    "timeout",
    "timeout_after_apply",
    "refused",
    "500",
    "502",
    "503",
    "lost_after_apply",
    "502_after_apply",
)
APPLIED_BY_SERVER: frozenset[Fault] = frozenset(
    {"latency", "timeout_after_apply", "lost_after_apply", "502_after_apply"}
)
"""Faults after which the server has applied the request, although the client may not know it."""

LATENCY = 0.02
"""Seconds of injected latency; the tests give the client a larger timeout than this."""


@dataclass(frozen=True)
class Attempt:
    """One request as it reached the transport."""

    method: str
    path: str
    idempotency_key: str | None
    authorization: str | None
    fault: Fault | None


Chooser = Callable[[httpx.Request], "Fault | None"]


@dataclass
class FaultyTransport(httpx.AsyncBaseTransport):
    """Send each request through ``inner`` unless ``choose`` names a fault for it.

    Attributes:
        inner: The real transport (``httpx.ASGITransport`` around the mock backend).
        choose: Picks the fault for a request, or None to let it through.
        attempts: Every request seen, in order, with the fault it got.
    """

    inner: httpx.AsyncBaseTransport
    choose: Chooser = field(default=lambda request: None)
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def injected(self) -> Counter[str]:
        return Counter(a.fault for a in self.attempts if a.fault is not None)

    def attempts_at(self, method: str, path: str) -> list[Attempt]:
        return [a for a in self.attempts if (a.method, a.path) == (method, path)]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.choose(request)
        self.attempts.append(
            Attempt(
                request.method,
                request.url.path,
                request.headers.get("Idempotency-Key"),
                request.headers.get("Authorization"),
                fault,
            )
        )
        if fault == "timeout":
            raise httpx.ConnectTimeout("injected: no answer in time", request=request)
        if fault == "refused":
            raise httpx.ConnectError("injected: connection refused", request=request)
        if fault in ("500", "502", "503"):
            headers = {"Retry-After": "0"} if fault == "503" else {}
            return httpx.Response(int(fault), headers=headers, text="injected failure", request=request)
        if fault == "latency":
            await asyncio.sleep(LATENCY)
        response = await self.inner.handle_async_request(request)
        if fault in ("timeout_after_apply", "lost_after_apply", "502_after_apply"):
            await response.aread()  # the server has done the work and answered...
            await response.aclose()
            # ...and the answer is lost on the way back.
            if fault == "timeout_after_apply":
                raise httpx.ReadTimeout("injected: the answer came too late", request=request)
            if fault == "lost_after_apply":
                raise httpx.RemoteProtocolError("injected: connection dropped before the answer", request=request)
            return httpx.Response(502, text="injected bad gateway", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def first_n(fault: Fault, n: int = 1, *, path: str | None = None, method: str | None = None) -> Chooser:
    """A chooser that gives ``fault`` to the first ``n`` matching requests and lets everything else through."""
    left = n

    def choose(request: httpx.Request) -> Fault | None:
        nonlocal left
        if left and (path is None or request.url.path == path) and (method is None or request.method == method):
            left -= 1
            return fault
        return None

    return choose


def at_random(rng: random.Random, rate: float, faults: tuple[Fault, ...] = FAULTS) -> Chooser:
    """A chooser that breaks a ``rate`` share of requests with a random fault."""

    def choose(request: httpx.Request) -> Fault | None:
        return rng.choice(faults) if rng.random() < rate else None

    return choose
