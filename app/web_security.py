"""The app server's defences against hostile clients (issue 11): who may resume a session, how many sessions a
stranger may hold, which origins may open a WebSocket, and the headers every page carries.

`harden(flet_asgi_app, settings)` wraps Flet's FastAPI app (`flet_web.fastapi.app`) in `HardenedApp`, a plain
ASGI middleware, and installs the session hooks of app/flet_fixes.py with a `SessionGuard`:

- Every page load and WebSocket handshake without a valid browser cookie gets one: a random secret, HttpOnly,
  SameSite=Strict, never in a URL or a log. Flet's session key includes its hash, so a session resumes only
  for the browser that holds it (a stolen session id with the same User-Agent gets a fresh session).
- A WebSocket whose `Origin` is not the page's own host is refused (403) before any session exists.
- Sessions nobody is signed in to are capped per client address and in total, and all sessions (signed-in ones
  too: anyone can sign in to the demo) under a higher ceiling; to make room the oldest disconnected ones are
  dropped first, and only when every one is connected is a new one refused, with a message the web client shows.
- Headers: a Content-Security-Policy that Flet's web client runs under (same-origin only; the hashes of the
  page's inline scripts are computed from the page as served; `wasm-unsafe-eval` for CanvasKit/skwasm; `blob:`
  workers; `data:` images and fonts), frame-ancestors 'none' and X-Frame-Options DENY, nosniff, no referrer.
  Flet's `Access-Control-Allow-Origin: *` is removed. No API docs (`/docs`, `/redoc`, `/openapi.json`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
import secrets
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from flet.messaging.session import Session as FletSession
from flet_web.fastapi.flet_app_manager import FletAppManager, app_manager

from app import flet_fixes
from app.config import Settings

log = logging.getLogger("starboard.web")

COOKIE = "starboard_browser"
_COOKIE_VALUE = re.compile(r"^[A-Za-z0-9_-]{43}$")
NO_DOCS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
TOO_MANY = "Too many open sessions from your network. Close other Starboard tabs or try again in a few minutes."
BUSY = "Starboard is very busy right now. Please try again in a few minutes."

CSP = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",  # Flutter's engine writes <style> elements and style attributes
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self' blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def content_security_policy(html: bytes | None = None) -> str:
    """The policy, with the hash of each inline script of `html` (the page as served) allowed."""
    directives = dict(CSP)
    if html:
        hashes = [
            f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
            for m in _INLINE_SCRIPT.finditer(html)
        ]
        directives["script-src"] = " ".join([directives["script-src"], *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def browser_cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The browser's secret from a request's Cookie header, if it has a well-formed one."""
    for name, value in headers:
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                continue
            morsel = jar.get(COOKIE)
            if morsel is not None and _COOKIE_VALUE.match(morsel.value):
                return morsel.value
    return None


def set_cookie_header(value: str, secure: bool) -> tuple[bytes, bytes]:
    attributes = f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
    return (b"set-cookie", attributes.encode("latin-1"))


def same_origin(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a WebSocket handshake comes from the page's own origin (or from a client that sends no Origin).

    Browsers always send Origin on a WebSocket handshake; a page on another site opening ours (cross-site
    WebSocket hijacking) is what this refuses. A non-browser client can send anything and is met by the caps.
    """
    found = dict(headers)
    origin = found.get(b"origin")
    if origin is None:
        return True
    host = found.get(b"host", b"").decode("latin-1").lower()
    parts = urlsplit(origin.decode("latin-1").lower())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.netloc == host


@dataclass
class _Tracked:
    key: str
    client: str
    session: weakref.ref[FletSession]
    since: float


@dataclass
class SessionGuard:
    """Counts the sessions nobody is signed in to, per client address and in total (`flet_fixes.SessionGate`).

    Admission is decided and reserved without awaiting, so a burst of registers cannot all pass the check at once.
    """

    per_client: int
    in_total: int
    ceiling: int = 2000
    """All sessions, signed-in or not (about 75 KB each when idle; 2,000 is about 150 MB)."""
    manager: FletAppManager = app_manager
    cookie_name: str = COOKIE
    refused: int = 0
    evicted: int = 0
    _tracked: dict[str, _Tracked] = field(default_factory=dict)
    _pending: dict[str, int] = field(default_factory=dict)
    _members: weakref.WeakKeyDictionary[FletSession, Callable[[], bool]] = field(
        default_factory=weakref.WeakKeyDictionary
    )

    def watch_sign_in(self, session: FletSession, signed_in: Callable[[], bool]) -> None:
        """Tell the guard how to know whether someone is signed in to `session` (signed-in sessions are not capped)."""
        self._members[session] = signed_in

    def _sessions(self) -> tuple[list[_Tracked], list[_Tracked]]:
        """Every live session this guard admitted, and those among them nobody is signed in to."""
        live = flet_fixes.flet_sessions(self.manager)
        every, anonymous = [], []
        for key, tracked in list(self._tracked.items()):
            session = tracked.session()
            if session is None or live.get(key) is not session:
                del self._tracked[key]  # expired or closed by Flet
                continue
            every.append(tracked)
            signed_in = self._members.get(session)
            if signed_in is None or not signed_in():
                anonymous.append(tracked)
        return every, anonymous

    def _make_room(self, candidates: list[_Tracked], limit: int, pending: int) -> bool:
        """Drop the oldest disconnected sessions among `candidates` until fewer than `limit` remain."""
        idle = sorted((t for t in candidates if _disconnected(t)), key=lambda t: t.since)
        count = len(candidates) + pending
        while count >= limit and idle:
            tracked = idle.pop(0)
            self._evict(tracked)
            candidates.remove(tracked)
            count -= 1
        return count < limit

    def _evict(self, tracked: _Tracked) -> None:
        self._tracked.pop(tracked.key, None)
        self.evicted += 1
        asyncio.get_running_loop().create_task(self.manager.delete_session(tracked.key))

    def admit(self, client: str) -> str | None:
        every, anonymous = self._sessions()
        pending = sum(self._pending.values())
        # A hard ceiling on all sessions, signed-in ones included (anyone can sign in to the demo).
        if not self._make_room(every, self.ceiling, pending):
            self.refused += 1
            log.warning("Refused a new session: %d open sessions in all", self.ceiling)
            return BUSY
        anonymous = [t for t in anonymous if t.key in self._tracked]
        mine = [t for t in anonymous if t.client == client]
        if not self._make_room(mine, self.per_client, self._pending.get(client, 0)):
            self.refused += 1
            log.warning("Refused a new session: %d open sessions from one client address", self.per_client)
            return TOO_MANY
        anonymous = [t for t in anonymous if t.key in self._tracked]
        if not self._make_room(anonymous, self.in_total, sum(self._pending.values())):
            self.refused += 1
            log.warning("Refused a new session: %d open sessions nobody is signed in to", self.in_total)
            return BUSY
        self._pending[client] = self._pending.get(client, 0) + 1
        return None

    def released(self, client: str) -> None:
        left = self._pending.get(client, 0) - 1
        if left > 0:
            self._pending[client] = left
        else:
            self._pending.pop(client, None)

    def opened(self, key: str, session: FletSession, client: str) -> None:
        self.released(client)
        self._tracked[key] = _Tracked(key, client, weakref.ref(session), time.monotonic())


def _disconnected(tracked: _Tracked) -> bool:
    session = tracked.session()
    return session is None or session.expires_at is not None


class HardenedApp:
    """ASGI middleware around Flet's app: cookies, origin check, headers, no API docs."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._csp_by_page: dict[bytes, str] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["path"].rstrip("/") in NO_DOCS:
            await send({"type": "http.response.start", "status": 404, "headers": self._headers(b"text/plain")})
            await send({"type": "http.response.body", "body": b"Not Found"})
            return
        cookie = None if browser_cookie(scope["headers"]) else secrets.token_urlsafe(32)
        secure = scope.get("scheme") == "https"
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def send_hardened(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED]
                if cookie is not None:
                    headers.append(set_cookie_header(cookie, secure))
                start.update(message, headers=headers)
                if message["status"] == 304:
                    # The browser keeps the page it cached, with the headers (and policy) it came with.
                    await send(start)
                elif not _is_html(headers):
                    start["headers"] = headers + self._headers(None)
                    await send(start)
                return
            if (
                message["type"] == "http.response.body"
                and start
                and start["status"] != 304
                and _is_html(start["headers"])
            ):
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                page = b"".join(body)
                start["headers"] = start["headers"] + self._headers(page)
                await send(start)
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, send_hardened)

    def _headers(self, page: bytes | None) -> list[tuple[bytes, bytes]]:
        key = page or b""
        csp = self._csp_by_page.get(key)
        if csp is None:
            csp = content_security_policy(page)
            if len(self._csp_by_page) < 16:  # a handful of pages (the index as patched by Flet); bounded anyway
                self._csp_by_page[key] = csp
        return [(b"content-security-policy", csp.encode()), *((k.encode(), v.encode()) for k, v in HEADERS.items())]

    async def _websocket(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not same_origin(scope["headers"]):
            log.warning("Refused a WebSocket from another origin")
            await send({"type": "websocket.close", "code": 1008})  # before accept: the handshake gets 403
            return
        if browser_cookie(scope["headers"]) is not None:
            await self.app(scope, receive, send)
            return
        # No cookie yet (a client that never loaded the page, or a browser that dropped it): give this connection
        # a fresh secret, so that its session can be resumed only by a client that stores the cookie.
        cookie = secrets.token_urlsafe(32)
        ours = f"{COOKIE}={cookie}".encode()
        others = [v for k, v in scope["headers"] if k == b"cookie"]  # kept; a malformed one of ours is overridden
        headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
        headers.append((b"cookie", b"; ".join([*others, ours])))
        secure = scope.get("scheme") == "wss"

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "websocket.accept":
                message = {**message, "headers": [*message.get("headers", []), set_cookie_header(cookie, secure)]}
            await send(message)

        await self.app({**scope, "headers": headers}, receive, send_with_cookie)


_REPLACED = {b"access-control-allow-origin", b"content-security-policy", b"x-frame-options"}


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


def harden(flet_app: Any, settings: Settings) -> tuple[HardenedApp, SessionGuard]:
    """Wrap Flet's ASGI app and install the session hooks; returns the app to serve and its guard."""
    guard = SessionGuard(settings.max_anon_sessions_per_client, settings.max_anon_sessions, settings.max_sessions)
    flet_fixes.guard_web_sessions(guard)
    flet_fixes.quiet_web_logs()
    global current_guard
    current_guard = guard
    return HardenedApp(flet_app), guard


current_guard: SessionGuard | None = None
"""The guard of the app server in this process (None outside web mode: embedded or tests)."""


def watch_sign_in(session: FletSession, signed_in: Callable[[], bool]) -> None:
    """Called by each browser session (app/ui.py): signed-in sessions do not count against the caps."""
    if current_guard is not None:
        current_guard.watch_sign_in(session, signed_in)
