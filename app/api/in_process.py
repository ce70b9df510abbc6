"""`InProcessTransport`: calls an ASGI app (the mock backend) in-process, handing streamed answers over as they come.

httpx's own `ASGITransport` runs the app to the end of its answer before returning it. That suits every request
but one: the event stream (`GET /v1/me/events/stream`, server-sent events) lasts up to ten minutes, and its
messages must reach the app as they are sent. A request that accepts `text/event-stream` is therefore run in a task
of its own: the response is returned as soon as the app has started it, its body is read as the app sends it, and
closing it (the client stopped listening) tells the app that the client has gone and cancels it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import httpx

log = logging.getLogger(__name__)
STREAMED = "text/event-stream"


class InProcessTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: Any, client: tuple[str, int] = ("127.0.0.1", 123)) -> None:
        self._app = app
        self._client = client
        self._whole = httpx.ASGITransport(app=app, client=client)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if STREAMED not in request.headers.get("accept", ""):
            return await self._whole.handle_async_request(request)
        return await self._streamed(request)

    async def _streamed(self, request: httpx.Request) -> httpx.Response:
        body = b"".join([chunk async for chunk in request.stream])  # type: ignore[union-attr]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for (k, v) in request.headers.raw],
            "scheme": request.url.scheme,
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "query_string": request.url.query,
            "server": (request.url.host, request.url.port),
            "client": self._client,
            "root_path": "",
        }
        started: asyncio.Future[MutableMapping[str, Any]] = asyncio.get_running_loop().create_future()
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue()
        gone = asyncio.Event()
        body_sent = False

        async def receive() -> dict[str, Any]:
            nonlocal body_sent
            if not body_sent:
                body_sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}  # to every caller, as often as asked (as servers do)

        async def send(message: MutableMapping[str, Any]) -> None:
            if gone.is_set():
                raise OSError("the client has gone")
            if message["type"] == "http.response.start":
                started.set_result(message)
            elif message["type"] == "http.response.body":
                if message.get("body"):
                    chunks.put_nowait(bytes(message["body"]))
                if not message.get("more_body", False):
                    chunks.put_nowait(None)

        async def run() -> None:
            try:
                await self._app(scope, receive, send)
            except Exception as e:
                if not started.done():
                    started.set_exception(e)
                elif not gone.is_set():
                    log.warning("a streamed answer ended with %s", type(e).__name__)
            finally:
                if not started.done():
                    started.set_exception(RuntimeError("the app sent no answer"))
                chunks.put_nowait(None)

        task = asyncio.create_task(run(), name="starboard-in-process-stream")
        try:
            start = await asyncio.shield(started)
        except BaseException:  # the caller was cancelled, or the app failed before answering
            await _stop(task, gone)
            raise
        return httpx.Response(
            start["status"], headers=start.get("headers", []), stream=_Pushed(chunks, task, gone), request=request
        )


class _Pushed(httpx.AsyncByteStream):
    """A streamed answer's body, read as the app sends it."""

    def __init__(self, chunks: asyncio.Queue[bytes | None], task: asyncio.Task[None], gone: asyncio.Event) -> None:
        self._chunks = chunks
        self._task = task
        self._gone = gone

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (chunk := await self._chunks.get()) is not None:
            yield chunk

    async def aclose(self) -> None:
        await _stop(self._task, self._gone)


async def _stop(task: asyncio.Task[None], gone: asyncio.Event) -> None:
    """The client has gone: the app hears `http.disconnect`, and its task is cancelled."""
    gone.set()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
