"""The app server's defences (app/web_security.py) as units: the policy, the cookie, the origin check, the caps.

The same defences against a real server process and real hostile clients: tests/reliability/test_hostile_clients.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from app.config import load_settings
from app.web_assets import flet_web_client
from app.web_security import (
    BUSY,
    COOKIE,
    TOO_MANY,
    HardenedApp,
    SessionGuard,
    browser_cookie,
    content_security_policy,
    same_origin,
)

PAGE = b"<html><head><script>var flet = {};</script><script src='python.js'></script></head></html>"


def test_session_limits_have_safe_defaults_and_can_be_set() -> None:
    defaults = load_settings({})
    assert defaults.session_idle_seconds <= 300
    assert (defaults.max_anon_sessions_per_client, defaults.max_anon_sessions) == (30, 300)
    tight = load_settings(
        {
            "STARBOARD_SESSION_IDLE_SECONDS": "60",
            "STARBOARD_MAX_ANON_SESSIONS_PER_CLIENT": "2",
            "STARBOARD_MAX_ANON_SESSIONS": "5",
        }
    )
    assert (tight.session_idle_seconds, tight.max_anon_sessions_per_client, tight.max_anon_sessions) == (60, 2, 5)


def test_the_policy_allows_exactly_the_inline_scripts_of_the_page_it_came_with() -> None:
    index = (flet_web_client() / "index.html").read_bytes()
    inline = re.findall(rb"<script>(.*?)</script>", index, re.DOTALL)
    assert inline, "Flet's page has no inline script any more: simplify content_security_policy"
    policy = content_security_policy(index)
    for script in inline:
        assert f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-eval'" not in policy
    assert "sha256" not in content_security_policy(None)


def test_only_a_well_formed_browser_cookie_counts() -> None:
    good = "a" * 43
    assert browser_cookie([(b"cookie", f"other=1; {COOKIE}={good}".encode())]) == good
    assert browser_cookie([(b"cookie", f"{COOKIE}=short".encode())]) is None
    assert browser_cookie([(b"cookie", b"\xff\x00garbage")]) is None
    assert browser_cookie([]) is None


def test_a_websocket_from_the_pages_own_origin_only() -> None:
    host = (b"host", b"127.0.0.1:8550")
    assert same_origin([host, (b"origin", b"http://127.0.0.1:8550")])
    assert same_origin([host])  # no Origin: not a browser; the caps meet it
    assert not same_origin([host, (b"origin", b"http://evil.example")])
    assert not same_origin([host, (b"origin", b"null")])
    assert not same_origin([host, (b"origin", b"http://127.0.0.1:8551")])


# ---------------------------------------------------------------- headers


async def _page(request: Request) -> Response:
    if request.headers.get("if-none-match") == "v1":
        return Response(status_code=304, headers={"etag": "v1"})
    return HTMLResponse(PAGE, headers={"access-control-allow-origin": "*"})


async def _json(request: Request) -> Response:
    return JSONResponse({"a": 1}, headers={"access-control-allow-origin": "*"})


def _client() -> httpx.AsyncClient:
    inner = Starlette(routes=[Route("/", _page), Route("/data.json", _json), Route("/openapi.json", _json)])
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=HardenedApp(inner)), base_url="http://127.0.0.1")


async def test_every_answer_carries_the_policy_and_no_wildcard_cors() -> None:
    async with _client() as client:
        page = await client.get("/")
        data = await client.get("/data.json")
    assert page.content == PAGE
    assert "'sha256-" in page.headers["content-security-policy"]
    for response in (page, data):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "access-control-allow-origin" not in response.headers
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_a_browser_with_its_cookie_gets_no_new_one_and_no_docs_are_served() -> None:
    async with _client() as client:
        first = await client.get("/")
        again = await client.get("/", headers={"cookie": first.headers["set-cookie"].split(";")[0]})
        assert "set-cookie" not in again.headers
        assert (await client.get("/openapi.json")).status_code == 404
        assert (await client.get("/docs")).status_code == 404


async def test_a_not_modified_answer_keeps_the_cached_pages_policy() -> None:
    async with _client() as client:
        response = await client.get("/", headers={"if-none-match": "v1"})
    assert response.status_code == 304
    assert "content-security-policy" not in response.headers  # the cached page keeps its hashes


# ---------------------------------------------------------------- caps


@dataclass(eq=False)
class FakeSession:
    expires_at: datetime | None = None

    def leave(self) -> None:
        self.expires_at = datetime.now(UTC)


@dataclass
class FakeManager:
    _FletAppManager__sessions: dict[str, Any] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)

    async def delete_session(self, key: str) -> None:
        self._FletAppManager__sessions.pop(key, None)
        self.deleted.append(key)


def _open(guard: SessionGuard, manager: FakeManager, key: str, client: str) -> FakeSession | str:
    refusal = guard.admit(client)
    if refusal is not None:
        return refusal
    session = FakeSession()
    manager._FletAppManager__sessions[key] = session
    guard.opened(key, session, client)  # type: ignore[arg-type]
    return session


async def test_an_address_at_its_cap_loses_its_oldest_idle_session_first_then_is_refused() -> None:
    manager = FakeManager()
    guard = SessionGuard(per_client=2, in_total=10, manager=manager)  # type: ignore[arg-type]
    first = _open(guard, manager, "k1", "10.0.0.1")
    second = _open(guard, manager, "k2", "10.0.0.1")
    assert isinstance(first, FakeSession) and isinstance(second, FakeSession)
    first.leave()
    assert isinstance(_open(guard, manager, "k3", "10.0.0.1"), FakeSession)
    await _settle()
    assert manager.deleted == ["k1"]
    assert _open(guard, manager, "k4", "10.0.0.1") == TOO_MANY  # both left are connected
    assert isinstance(_open(guard, manager, "k5", "10.0.0.2"), FakeSession)  # another address is not affected
    assert guard.refused == 1 and guard.evicted == 1


async def test_the_total_cap_holds_across_addresses_and_signed_in_sessions_do_not_count() -> None:
    manager = FakeManager()
    guard = SessionGuard(per_client=5, in_total=3, manager=manager)  # type: ignore[arg-type]
    sessions = [_open(guard, manager, f"k{i}", f"10.0.0.{i}") for i in range(3)]
    assert _open(guard, manager, "k9", "10.0.0.9") == BUSY
    member = sessions[0]
    assert isinstance(member, FakeSession)
    guard.watch_sign_in(member, lambda: True)  # type: ignore[arg-type]
    assert isinstance(_open(guard, manager, "k10", "10.0.0.10"), FakeSession)


async def test_signed_in_sessions_count_against_the_ceiling() -> None:
    manager = FakeManager()
    guard = SessionGuard(per_client=5, in_total=5, ceiling=2, manager=manager)  # type: ignore[arg-type]
    members = [_open(guard, manager, f"k{i}", f"10.0.0.{i}") for i in range(2)]
    for member in members:
        guard.watch_sign_in(member, lambda: True)  # type: ignore[arg-type]
    assert _open(guard, manager, "k3", "10.0.0.3") == BUSY
    members[0].leave()  # type: ignore[union-attr]
    assert isinstance(_open(guard, manager, "k4", "10.0.0.4"), FakeSession)
    await _settle()
    assert manager.deleted == ["k0"]


def test_a_burst_of_registers_cannot_all_pass_before_any_session_exists() -> None:
    guard = SessionGuard(per_client=3, in_total=100, manager=FakeManager())  # type: ignore[arg-type]
    answers = [guard.admit("10.0.0.1") for _ in range(5)]
    assert answers.count(None) == 3 and answers.count(TOO_MANY) == 2
    guard.released("10.0.0.1")  # one register failed after all: its place is free again
    assert guard.admit("10.0.0.1") is None


async def _settle() -> None:
    import asyncio

    for _ in range(3):
        await asyncio.sleep(0)


# ---------------------------------------------------------------- WebSocket handshakes


async def _handshake(headers: list[tuple[bytes, bytes]]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Run a WebSocket handshake through HardenedApp; returns the scope the inner app saw and what was sent."""
    seen: dict[str, Any] = {}
    sent: list[dict[str, Any]] = []

    async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)
        await send({"type": "websocket.accept"})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    scope = {"type": "websocket", "path": "/ws", "headers": [(b"host", b"127.0.0.1:8550"), *headers]}
    await HardenedApp(inner)(scope, receive, send)
    return (seen or None), sent


async def test_a_handshake_without_the_cookie_gets_a_fresh_secret_and_keeps_its_other_cookies() -> None:
    scope, sent = await _handshake([(b"cookie", b"theme=dark")])
    assert scope is not None
    cookie = dict(scope["headers"])[b"cookie"].decode()
    secret = browser_cookie(scope["headers"])
    assert secret and "theme=dark" in cookie
    (accept,) = sent
    set_cookie = dict(accept["headers"])[b"set-cookie"].decode()
    assert set_cookie.startswith(f"{COOKIE}={secret};") and "HttpOnly" in set_cookie


async def test_a_handshake_from_another_origin_never_reaches_flet() -> None:
    scope, sent = await _handshake([(b"origin", b"http://evil.example")])
    assert scope is None
    assert sent == [{"type": "websocket.close", "code": 1008}]
