"""A hostile client that speaks Flet's WebSocket protocol directly (no browser), for `test_hostile_clients.py`.

Flet 1.0.5's web client talks to `ws://HOST:PORT/ws`; every frame is one byte `0x00` followed by a msgpack array
`[action, body]` (`flet/messaging/protocol.py`: 1 REGISTER_CLIENT, 2 PATCH_CONTROL, 5 INVOKE_METHOD). A client
registers with `[1, {"session_id": ..., "page_name": "", "page": {...}}]` and the server answers with
`[1, {"session_id", "page_patch", "error"}]`, then sends patches. Methods the server calls on the client (client
storage reads) are answered with `None`, as an empty browser would.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import msgpack
import websockets
from websockets.asyncio.client import ClientConnection

REGISTER_CLIENT = 1
INVOKE_METHOD = 5
SESSION_CRASHED = 6
CHROME_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"
)
PAGE = {
    "route": "/",
    "web": True,
    "debug": False,
    "platform_brightness": "light",
    "width": 390.0,
    "height": 844.0,
    "window": {"width": 390.0, "height": 844.0},
    "media": {"padding": {"l": 0, "t": 0, "r": 0, "b": 0}, "view_padding": {"l": 0, "t": 0, "r": 0, "b": 0}},
}


def frame(action: int, body: Any) -> bytes:
    return b"\x00" + msgpack.packb([action, body])


def strings(value: Any) -> Iterator[str]:
    """Every string inside a decoded message (control values, labels, routes)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


@dataclass
class Registration:
    session_id: str | None
    error: str


@dataclass
class WireClient:
    """One raw WebSocket to the app, registered as a Flet web client."""

    ws: ClientConnection
    seen: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    """SESSION_CRASHED messages: what the web client shows in place of the app."""
    _reader: asyncio.Task[None] | None = None
    _registered: asyncio.Future[Registration] | None = None

    @classmethod
    @contextlib.asynccontextmanager
    async def connect(
        cls, base_url: str, *, origin: str | None = "same", user_agent: str = CHROME_UA, cookie: str | None = None
    ) -> AsyncIterator[WireClient]:
        """Open `/ws` of the app at `base_url`; `origin="same"` sends the app's own origin, None sends none."""
        headers = {"User-Agent": user_agent}
        if cookie:
            headers["Cookie"] = cookie
        ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/ws"
        sent_origin = base_url.rstrip("/") if origin == "same" else origin
        async with websockets.connect(
            ws_url,
            origin=sent_origin,  # type: ignore[arg-type]
            additional_headers=headers,
            user_agent_header=None,
            max_size=None,
            open_timeout=15,
        ) as ws:
            client = cls(ws)
            client._reader = asyncio.create_task(client._read())
            try:
                yield client
            finally:
                client._reader.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await client._reader

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for data in self.ws:
                if not isinstance(data, bytes) or not data or data[0] != 0:
                    continue
                action, body = msgpack.unpackb(data[1:], strict_map_key=False)
                self.seen.extend(strings(body))
                if action == REGISTER_CLIENT and self._registered is not None and not self._registered.done():
                    self._registered.set_result(Registration(body.get("session_id"), body.get("error") or ""))
                elif action == SESSION_CRASHED:
                    self.crashed.append(body.get("message", ""))
                elif action == INVOKE_METHOD:
                    reply = {
                        "control_id": body["control_id"],
                        "call_id": body["call_id"],
                        "result": None,
                        "error": None,
                    }
                    await self.ws.send(frame(INVOKE_METHOD, reply))
        if self._registered is not None and not self._registered.done():
            self._registered.set_exception(ConnectionError("closed before the register answer"))

    async def register(self, session_id: str | None = None, timeout: float = 15.0) -> Registration:
        self._registered = asyncio.get_running_loop().create_future()
        await self.ws.send(frame(REGISTER_CLIENT, {"session_id": session_id, "page_name": "", "page": PAGE}))
        return await asyncio.wait_for(self._registered, timeout)

    async def saw(self, text: str, timeout: float) -> bool:
        """Whether `text` appears in what the server sent within `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if any(text in s for s in self.seen):
                return True
            await asyncio.sleep(0.05)
        return any(text in s for s in self.seen)

    async def told(self, timeout: float) -> str | None:
        """The crash message the web client would show in place of the app, if one came within `timeout` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.crashed and loop.time() < deadline:
            await asyncio.sleep(0.05)
        return self.crashed[0] if self.crashed else None

    async def closed(self, timeout: float) -> bool:
        """Whether the server closed the connection within `timeout` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ws.wait_closed(), timeout)
        return self.ws.close_code is not None
