"""Pure ASGI middleware: a guard that refuses request bodies over the size limit with 413 problem+json, and an
opt-in request counter for the performance benchmark."""

from __future__ import annotations

import asyncio

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.mock_backend import texts
from app.mock_backend.errors import problem_response
from app.mock_backend.rules.refusals import Refusal

MAX_BODY_BYTES = 16 * 1024


def _too_large() -> Refusal:
    kb = MAX_BODY_BYTES // 1024
    return Refusal("payload_too_large", "Request bodies are limited to {kb} KB.", None, 413, params={"kb": kb})


class BodySizeLimit:
    """Refuse bodies over ``limit`` bytes: at once when Content-Length says so, else while streaming."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    refusal = _too_large()
                    response = problem_response(refusal.status, refusal.code, refusal.detail, params=refusal.params)
                    await response(scope, receive, send)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Raised inside the route's body read; FastAPI re-raises HTTPException untouched and the
                    # app's handler turns 413 into payload_too_large.
                    raise HTTPException(413, texts.detail(_too_large().detail, _too_large().params))
            return message

        await self.app(scope, counting_receive, send)


class RequestCounter:
    """Count the requests the backend receives, per ``METHOD /path`` (opt-in: ``--count-requests``).

    The performance benchmark reads the counts with ``GET /_counts`` (answered here, never routed, so the API and
    its OpenAPI document are unchanged) to tell how many API round trips a screen visit costs.
    """

    COUNTS_PATH = "/_counts"

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.counts: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == self.COUNTS_PATH:
            await JSONResponse(self.counts)(scope, receive, send)
            return
        name = f"{scope['method']} {scope['path']}"
        self.counts[name] = self.counts.get(name, 0) + 1
        await self.app(scope, receive, send)


class FaultSwitch:
    """Test only (opt-in: ``--faults``): make the API hang on demand, as a server that accepts connections and
    never answers, and come back.

    ``POST /_faults/hang`` holds every later API request (not ``/healthz``) until ``POST /_faults/release``, which
    lets the held ones through. Answered here, never routed: the API and its OpenAPI document are unchanged.
    """

    HANG_PATH = "/_faults/hang"
    RELEASE_PATH = "/_faults/release"

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._released = asyncio.Event()
        self._released.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in (self.HANG_PATH, self.RELEASE_PATH) and scope["method"] == "POST":
            if path == self.HANG_PATH:
                self._released.clear()
            else:
                self._released.set()
            await JSONResponse({"hanging": not self._released.is_set()})(scope, receive, send)
            return
        if path != "/healthz":
            await self._released.wait()
        await self.app(scope, receive, send)


class ContentLanguage:
    """Answer every request in the language its ``Accept-Language`` asks for (English when none fits), and say so.

    Sets the request's language for everything below it (``texts.language()``: the routes, the error handlers, the
    body size guard) and adds ``Content-Language`` and ``Vary: Accept-Language`` to every response. A response that
    already names its language keeps it (an idempotent replay answers in the language of the first request).
    A malformed header is read as no preference: never a 4xx or 5xx (``app.i18n.negotiate`` reads any string).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = next((value for name, value in scope.get("headers", []) if name == b"accept-language"), None)
        chosen = texts.negotiate(asked.decode("latin-1") if asked is not None else None)
        texts.use_language(chosen)

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "content-language" not in headers:
                    headers["Content-Language"] = chosen
                vary = [v.strip() for v in headers.get("vary", "").split(",") if v.strip()]
                if not any(v.lower() == "accept-language" for v in vary):
                    headers["Vary"] = ", ".join([*vary, "Accept-Language"])
            await send(message)

        await self.app(scope, receive, send_with_language)
