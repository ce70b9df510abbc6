"""A Flet web client without a browser: one WebSocket speaking Flet 1.0.5's protocol.

One module for every test and benchmark that talks to the app on the wire: the crowd simulator (benchmarks/crowd.py,
a customer who browses), the hostile-client tests (tests/reliability/test_hostile_clients.py, a client that sends
other origins, stolen session ids, malformed frames: `FletWireClient.raw`, `register`, `ws`, `told`, `closed`).

What a browser's Flet client does, reduced to what a simulated customer needs (`flet/messaging/protocol.py`,
`flet_web/fastapi/flet_app.py`): every frame is `0x00` + a msgpack array `[action, body]`. The client registers
(`REGISTER_CLIENT` with the page's route and size), keeps a mirror of the control tree by applying the server's
`PATCH_CONTROL` operations, answers the server's method calls (`INVOKE_METHOD`: client storage, `push_route`), and
sends what a tap or typing sends (`UPDATE_CONTROL_PROPS`, then `CONTROL_EVENT`).

Like a browser, it first loads the page over HTTP and keeps the cookies it sets, and it sends an `Origin` header
matching the host it talks to, so a server that binds sessions to a cookie or checks origins still lets it in.

This leans on Flet's undocumented wire format: it is pinned to the installed Flet (checked on connect) and
`tests/benchmarks/test_crowd.py` runs it against the real app.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import flet
import httpx
import msgpack
from websockets.asyncio.client import ClientConnection, connect

PINNED_FLET = "1.0.5"
REGISTER_CLIENT, PATCH_CONTROL, CONTROL_EVENT, UPDATE_CONTROL_PROPS, INVOKE_METHOD, SESSION_CRASHED = 1, 2, 3, 4, 5, 6
REPLACE, ADD, REMOVE, MOVE = 0, 1, 2, 3
PAGE_ID = 1
CROWD_UA = "starboard-crowd"
CHROME_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"
)
QUIET_S = 0.25
"""The quiet-period rule: an interaction is over when its expected text has arrived and no frame came for this long;
its time is from the event sent to the last frame received before that quiet period."""
FAILURE_TEXTS = 40
"""How many of the texts on screen a failed interaction's detail lists (the screen's title and first lines)."""

Node = dict[str, Any]


class WireError(RuntimeError):
    """The server said something this client does not understand, or the expected text never came."""


def _decode_ext(code: int, data: bytes) -> Any:
    return data.decode("utf-8", "replace") if code in (1, 2, 4) else int.from_bytes(data, "big", signed=True)


def texts_of(node: Any) -> Iterator[str]:
    """Every string a control tree shows (texts, labels, button contents, semantics labels), depth first; a control
    with `visible: False` (a kept tab that is not shown), a dialog that is not open, and a stack's controls beneath
    an opaque one that covers it all (a tab drawn once beneath the shown one), and what they hold, are left out."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        if node.get("visible") is False or (str(node.get("_c", "")).endswith("Dialog") and not node.get("open")):
            return
        for key, value in node.items():
            if key == "controls" and node.get("_c") == "Stack" and isinstance(value, list):
                value = value[_top_cover(value) :]
            if key not in ("_c", "key"):
                yield from texts_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts_of(value)


def _top_cover(layers: list[Any]) -> int:
    """The index of the topmost of a stack's `layers` that covers the whole stack with a colour (0 if none)."""
    for i in range(len(layers) - 1, -1, -1):
        layer = layers[i]
        if (
            isinstance(layer, dict)
            and layer.get("visible") is not False
            and layer.get("bgcolor")
            and all(layer.get(side) == 0 for side in ("left", "top", "right", "bottom"))
        ):
            return i
    return 0


def controls_in(node: Any) -> list[Node]:
    """Every control in `node`, itself included when it is one, each once."""
    seen: dict[int, Node] = {}
    _index(node, seen)
    return list(seen.values())


def _index(node: Any, into: dict[int, Node]) -> None:
    if isinstance(node, dict):
        if "_i" in node:
            into[node["_i"]] = node
        for value in node.values():
            _index(value, into)
    elif isinstance(node, list):
        for value in node:
            _index(value, into)


@dataclass
class Registration:
    """The server's answer to `REGISTER_CLIENT`: the session it gave, or why it refused one."""

    session_id: str | None
    error: str


@dataclass
class Interaction:
    name: str
    ms: float
    """From the event sent to the last frame received before the quiet period."""
    ok: bool
    detail: str = ""


@dataclass
class FletWireClient:
    """One simulated browser tab: `await open(route)`, then find controls, tap, type and wait for texts."""

    base_url: str
    width: float = 390.0
    height: float = 844.0
    storage: dict[str, Any] = field(default_factory=dict)
    """Client storage (`SharedPreferences`, the browser's localStorage): survives reconnects, like a browser's."""
    accessibility_features: dict[str, bool] | None = None
    """The platform's accessibility flags (`SemanticsService.get_accessibility_features`); None answers nothing
    usable, like an older client."""
    frames: int = 0
    bytes_received: int = 0
    last_frame_at: float = 0.0
    route: str = "/"
    session_id: str | None = None
    cookies: httpx.Cookies = field(default_factory=httpx.Cookies)
    _ws: ClientConnection | None = None
    _page: Node = field(default_factory=dict)
    _index: dict[int, Node] = field(default_factory=dict)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task[None] | None = None
    closed_reason: str | None = None
    crashed: list[str] = field(default_factory=list)
    """SESSION_CRASHED messages: what the web client shows in place of the app."""
    _registered: asyncio.Future[Registration] | None = None

    # ------------------------------------------------------------------ connection

    async def open(self, route: str = "/") -> None:
        """What a browser does: load the page (keeping its cookies), open the socket with them, register."""
        self.route = route
        async with httpx.AsyncClient(base_url=self.base_url, cookies=self.cookies, timeout=30.0) as http:
            (await http.get(route)).raise_for_status()
            self.cookies = http.cookies
        await self.connect()
        answer = await self.register(self.session_id, 60.0)
        if answer.error:
            raise WireError(f"register refused: {answer.error}")

    async def connect(
        self, *, origin: str | None = "same", user_agent: str = CROWD_UA, cookie: str | None = None
    ) -> None:
        """Open the WebSocket only. `origin="same"` sends the app's own origin, None none; `cookie` replaces the
        cookies kept from loading the page."""
        if flet.__version__ != PINNED_FLET:
            raise WireError(f"the wire client is written for Flet {PINNED_FLET}, not {flet.__version__}")
        parts = urlsplit(self.base_url)
        if cookie is None:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self._ws = await connect(
            f"ws://{parts.netloc}/ws",
            origin=f"{parts.scheme}://{parts.netloc}" if origin == "same" else origin,  # type: ignore[arg-type]
            additional_headers={"Cookie": cookie} if cookie else None,
            user_agent_header=user_agent,
            compression="deflate",  # as browsers do: the app's compression costs it memory and time (docs/capacity.md)
            max_size=None,
            open_timeout=30,
            ping_interval=None,
        )
        self._page, self._index, self.closed_reason = {}, {}, None
        self._reader = asyncio.create_task(self._read())

    async def register(self, session_id: str | None = None, timeout: float = 15.0) -> Registration:
        """Register as a web client on `self.route` (resuming `session_id` when given); the server's answer."""
        self._registered = asyncio.get_running_loop().create_future()
        page = {
            "route": self.route,
            "web": True,
            "debug": False,
            "width": self.width,
            "height": self.height,
            "platform_brightness": "light",
            "media": {"padding": {}, "view_padding": {}, "view_insets": {}},
        }
        await self._send(REGISTER_CLIENT, {"session_id": session_id, "page_name": "", "page": page})
        return await asyncio.wait_for(self._registered, timeout)

    @classmethod
    @contextlib.asynccontextmanager
    async def raw(
        cls, base_url: str, *, origin: str | None = "same", user_agent: str = CHROME_UA, cookie: str | None = None
    ) -> AsyncIterator[FletWireClient]:
        """A raw socket to the app at `base_url` (no page load: cookies only when given), closed afterwards."""
        client = cls(base_url)
        await client.connect(origin=origin, user_agent=user_agent, cookie=cookie)
        try:
            yield client
        finally:
            await client.close()

    @property
    def ws(self) -> ClientConnection:
        """The socket itself, to send what no browser would."""
        assert self._ws is not None
        return self._ws

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        self._ws = self._reader = None

    @property
    def connected(self) -> bool:
        return self._reader is not None and not self._reader.done()

    async def _send(self, action: int, body: Any) -> None:
        assert self._ws is not None
        await self._ws.send(b"\x00" + msgpack.packb([action, body]))

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for frame in self._ws:
                if not isinstance(frame, bytes) or not frame or frame[0] != 0:
                    continue
                self.frames += 1
                self.bytes_received += len(frame)
                self.last_frame_at = time.perf_counter()
                action, body = msgpack.unpackb(frame[1:], ext_hook=_decode_ext, strict_map_key=False)
                await self._on_message(action, body)
                self._changed.set()
        except Exception as exc:  # the socket closed (server gone, restart): the tab shows it, the test sees it
            self.closed_reason = f"{type(exc).__name__}: {exc}"
        else:
            self.closed_reason = "closed by the server"
        finally:
            self._changed.set()
            if self._registered is not None and not self._registered.done():
                self._registered.set_exception(ConnectionError(f"no register answer: {self.closed_reason}"))

    async def _on_message(self, action: int, body: Any) -> None:
        if action == REGISTER_CLIENT:
            answer = Registration(body.get("session_id"), body.get("error") or "")
            if self._registered is not None and not self._registered.done():
                self._registered.set_result(answer)
            if answer.error:
                return
            self.session_id = body["session_id"]
            patch = body.get("page_patch")
            if isinstance(patch, dict):
                self._page.update(patch)
                _index(self._page, self._index)
        elif action == PATCH_CONTROL:
            self._apply(body["id"], body["patch"])
        elif action == INVOKE_METHOD:
            await self._answer(body)
        elif action == SESSION_CRASHED:
            self.crashed.append(str(body.get("message", "")) if isinstance(body, dict) else str(body))
            raise WireError(f"session crashed: {body}")

    # ------------------------------------------------------------------ patches

    def _apply(self, target_id: int, patch: list[Any]) -> None:
        target = self._page if target_id == PAGE_ID and target_id not in self._index else self._index[target_id]
        paths: dict[int, list[Any]] = {}

        def walk(entry: list[Any], prefix: list[Any]) -> None:
            paths[entry[0]] = prefix
            if len(entry) > 1:
                for part, child in entry[1].items():
                    walk(child, [*prefix, part])

        walk(patch[0], [])

        def resolve(node_id: int) -> Any:
            obj: Any = target
            for part in paths[node_id]:
                obj = obj[part]
            return obj

        for op in patch[1:]:
            kind = op[0]
            if kind == REPLACE or kind == ADD:
                parent, key, value = resolve(op[1]), op[2], op[3]
                if isinstance(parent, list) and kind == ADD:
                    parent.insert(key, value)
                else:
                    parent[key] = value
                _index(value, self._index)
            elif kind == REMOVE:
                parent, key = resolve(op[1]), op[2]
                parent.pop(key)
            elif kind == MOVE:
                source, source_key = resolve(op[1]), op[2]
                value = source.pop(source_key)
                dest, dest_key = resolve(op[3]), op[4]
                if isinstance(dest, list):
                    dest.insert(dest_key, value)
                else:
                    dest[dest_key] = value
            else:
                raise WireError(f"unknown patch operation {op!r}")

    async def _answer(self, call: Node) -> None:
        name, args = call.get("name"), call.get("args") or {}
        key = str(args.get("key"))
        result: Any = None
        if name == "get":
            result = self.storage.get(key)
        elif name == "set":
            self.storage[key] = args.get("value")
            result = True
        elif name == "remove":
            result = self.storage.pop(key, None) is not None
        elif name == "contains_key":
            result = key in self.storage
        elif name == "get_keys":
            result = [k for k in self.storage if k.startswith(args.get("key_prefix", ""))]
        elif name == "clear":
            self.storage.clear()
        elif name == "get_accessibility_features":
            result = self.accessibility_features
        answer = {"control_id": call["control_id"], "call_id": call["call_id"], "result": result, "error": None}
        await self._send(INVOKE_METHOD, answer)
        if name == "push_route":  # the browser takes the route, then tells the page
            await self.take_route(args["route"])

    async def take_route(self, route: str) -> None:
        self.route = route
        await self._send(UPDATE_CONTROL_PROPS, {"id": PAGE_ID, "props": {"route": route}})
        await self._send(CONTROL_EVENT, {"target": PAGE_ID, "name": "route_change", "data": {"route": route}})

    # ------------------------------------------------------------------ finding controls

    def controls(self) -> Iterator[Node]:
        """Every control on the page now (mounted controls only)."""
        yield from controls_in(self._page)

    def find(self, predicate: Callable[[Node], bool]) -> Node | None:
        return next((c for c in self.controls() if predicate(c)), None)

    def texts(self) -> list[str]:
        """The texts the page shows now, for a person to read (`texts_of`, less the property values among them: a
        colour, a font weight, an alignment; one lower-case word each)."""
        return [t for t in texts_of(self._page) if t.strip() and not re.fullmatch(r"[a-z][A-Za-z0-9_]*", t)]

    def shows(self, text: str) -> bool:
        return any(text in t for t in texts_of(self._page))

    def button(self, name: str) -> Node | None:
        """A button-like control whose own content or label is `name`."""
        return self.find(lambda c: c.get("_c", "").endswith("Button") and name in (c.get("content"), c.get("text")))

    def field(self, label: str) -> Node | None:
        return self.find(lambda c: c.get("_c") == "TextField" and c.get("label") == label)

    def of_type(self, control_type: str) -> Node | None:
        return self.find(lambda c: c.get("_c") == control_type)

    # ------------------------------------------------------------------ acting

    async def event(self, control: Node, name: str, data: Any = None, props: Node | None = None) -> None:
        if props:
            control.update(props)
            await self._send(UPDATE_CONTROL_PROPS, {"id": control["_i"], "props": props})
        await self._send(CONTROL_EVENT, {"target": control["_i"], "name": name, "data": data})

    async def type_text(self, control: Node, value: str) -> None:
        await self.event(control, "change", value, {"value": value})

    async def wait_for(self, text: str, timeout: float, *, gone: bool = False) -> bool:
        """Wait until `text` is shown (or, with `gone`, no longer shown); False after `timeout` or a closed socket."""
        deadline = time.perf_counter() + timeout
        while self.shows(text) == gone:
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not self.connected:
                return False
            self._changed.clear()
            if self.shows(text) != gone:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return False
        return True

    async def saw(self, text: str, timeout: float) -> bool:
        """Whether `text` is on the page within `timeout` seconds."""
        return await self.wait_for(text, timeout)

    async def told(self, timeout: float) -> str | None:
        """The crash message the web client would show in place of the app, if one came within `timeout` s."""
        deadline = time.perf_counter() + timeout
        while not self.crashed and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        return self.crashed[0] if self.crashed else None

    async def closed(self, timeout: float) -> bool:
        """Whether the server closed the connection within `timeout` seconds."""
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=timeout)
        return self._reader is None or self._reader.done()

    async def quiet(self, timeout: float = 10.0) -> None:
        """Wait until no frame has come for the quiet period (the app said what it had to say)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() - self.last_frame_at < QUIET_S and time.perf_counter() < deadline:
            await asyncio.sleep(QUIET_S - (time.perf_counter() - self.last_frame_at) + 0.005)

    async def timed(
        self, name: str, act: Callable[[], Any], expect: str, timeout: float = 30.0, *, gone: str = ""
    ) -> Interaction:
        """Run `act` (which sends the event); wait for `expect` to show (and `gone` to go), then for the quiet
        period. The time is from the event sent to the last frame received before the quiet period."""
        if expect and self.shows(expect):
            raise WireError(f"{name}: {expect!r} is on the page already")
        sent = time.perf_counter()
        await act()
        ok = (not expect or await self.wait_for(expect, timeout)) and (
            not gone or await self.wait_for(gone, timeout, gone=True)
        )
        if ok:
            await self.quiet()
        last = max(self.last_frame_at, sent)
        wanted = f"{expect!r} shown" if expect else f"{gone!r} gone"
        detail = "" if ok else f"{wanted} not seen within {timeout:.0f} s ({self.closed_reason or 'connected'})"
        if not ok:  # what the screen shows instead: a spinner, an error, another screen
            detail += f" on {self.route}, showing {self.texts()[:FAILURE_TEXTS]}"
        return Interaction(name, (last - sent) * 1000, ok, detail)
