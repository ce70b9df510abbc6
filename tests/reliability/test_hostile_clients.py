"""Hostile clients against the app server (`python -m app`, a real process on a loopback port): issue 11,
findings 1 (session takeover), 4 (unauthenticated session flood, cross-origin WebSockets) and 8 (page hardening,
malformed frames).

The attacker speaks Flet's WebSocket protocol directly (tests/support/flet_wire.py); the member uses headless Chromium.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import msgpack
import pytest
import websockets
from playwright.async_api import async_playwright

from app.mock_backend.seed import ADA
from tests.e2e.browsing import launch_options
from tests.e2e.screens import open_app, sign_in
from tests.reliability.figures import Figures
from tests.support.flet_wire import CONTROL_EVENT, UPDATE_CONTROL_PROPS, FletWireClient
from tests.support.servers import Server, app_server, backend_server, running

SECTION = "Hostile clients"
PER_CLIENT = 6
"""The app under test admits this many unauthenticated sessions per client address (`STARBOARD_MAX_ANON_...`)."""
IN_TOTAL = 40
FLOOD = 1000
"""Sessions a single address opens and drops one after another (issue 11 measured 3,000: 184 -> 531 MB)."""
HELD = 20
"""Sessions a single address opens and keeps open at once."""
READY = "Starboard"
"""The page title, sent once the app's `main` has read the client storage and configured the page."""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def log_since(server: Server, offset: int) -> str:
    return server.log_path.read_text(encoding="utf-8", errors="replace")[offset:]


def log_size(server: Server) -> int:
    return len(server.log_path.read_text(encoding="utf-8", errors="replace"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    logs = tmp_path_factory.mktemp("hostile")
    backend = backend_server(name="backend", keep_state=False, log_dir=logs)
    with running(backend):
        app = app_server(backend.url)
        app.log_dir = logs
        app.env = {
            **app.env,
            "STARBOARD_MAX_ANON_SESSIONS_PER_CLIENT": str(PER_CLIENT),
            "STARBOARD_MAX_ANON_SESSIONS": str(IN_TOTAL),
        }
        with running(app):
            yield backend, app


@pytest.fixture
def app(stack: tuple[Server, Server]) -> Server:
    return stack[1]


IDLE_SECONDS = 2
"""The idle limit of a second app instance, to see a closed tab's session actually end."""


@contextlib.asynccontextmanager
async def wire(app: Server, **kwargs: Any) -> AsyncIterator[FletWireClient]:
    async with FletWireClient.raw(app.url, **kwargs) as client:
        yield client


# ---------------------------------------------------------------- finding 1: session takeover


async def test_a_stolen_session_id_does_not_resume_the_members_session(app: Server, figures: Figures) -> None:
    """Ada signs in in Chromium and closes the tab; a raw WebSocket with her Flet session id and her browser's
    User-Agent must get a fresh, signed-out session. Her own browser (its cookie) still resumes it."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        page = await context.new_page()
        registered: list[str] = []

        def on_socket(ws: Any) -> None:
            def on_frame(payload: bytes | str) -> None:
                if isinstance(payload, bytes) and payload[:1] == b"\x00":
                    action, body = msgpack.unpackb(payload[1:], strict_map_key=False)
                    if action == 1 and body.get("session_id"):
                        registered.append(body["session_id"])

            ws.on("framereceived", on_frame)

        page.on("websocket", on_socket)
        await open_app(page, app.url)
        await sign_in(page, ADA)
        user_agent = await page.evaluate("navigator.userAgent")
        cookies = await context.cookies(app.url)
        await page.close()  # the member's tab goes away; Flet keeps her session for a while
        await context.close()
        await browser.close()
    assert registered, "the browser never registered"
    stolen = registered[-1]

    async with wire(app, user_agent=user_agent) as attacker:
        answer = await attacker.register(session_id=stolen)
        took_over = answer.session_id == stolen or await attacker.saw("Hi, Ada", timeout=3.0)
    assert not took_over, "a raw WebSocket with a stolen session id got the member's session"
    assert answer.session_id and answer.session_id != stolen
    assert stolen not in app.log_path.read_text(errors="replace"), "the session id is in the app's log"

    # The member's own browser (its cookie) still gets her session back: the check above is not vacuous.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    async with wire(app, user_agent=user_agent, cookie=cookie) as owner:
        resumed = await owner.register(session_id=stolen)
        assert resumed.session_id == stolen
        assert await owner.saw("Hi, Ada", timeout=5.0)
    figures.record(SECTION, "stolen session id + same User-Agent, no cookie", "fresh session", "Ada's Home not sent")
    figures.record(SECTION, "same session id from the member's browser", "resumed", "HttpOnly SameSite=Strict cookie")


def test_the_session_cookie_is_httponly_strict_and_never_in_a_url(app: Server) -> None:
    response = httpx.get(app.url + "/")
    cookie = response.headers.get("set-cookie", "")
    assert cookie, "no browser cookie on the page load"
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path"} <= attributes
    assert "samesite=strict" in cookie.lower()
    assert cookie.split(";")[0].split("=", 1)[1] not in response.text


async def test_a_closed_tabs_session_ends_after_the_idle_limit(stack: tuple[Server, Server], figures: Figures) -> None:
    backend, _ = stack
    app = app_server(backend.url)
    app.log_dir = stack[1].log_dir
    app.env = {**app.env, "STARBOARD_SESSION_IDLE_SECONDS": str(IDLE_SECONDS)}
    with running(app):
        cookie = httpx.get(app.url + "/").headers["set-cookie"].split(";")[0]
        async with wire(app, cookie=cookie) as tab:
            session_id = (await tab.register()).session_id
            assert await tab.saw(READY, timeout=5.0)
        async with wire(app, cookie=cookie) as reload:  # within the limit: the same session
            assert (await reload.register(session_id)).session_id == session_id
        # Flet sweeps expired sessions every 10 s; a probe must not come earlier, as resuming restarts the clock.
        await asyncio.sleep(IDLE_SECONDS + 11)
        async with wire(app, cookie=cookie) as later:
            resumed = (await later.register(session_id)).session_id == session_id
        assert not resumed, "the session outlived its idle limit"
    figures.record(SECTION, "idle limit of a closed tab's session (default)", "5 min", "Flet's default: 1 hour")


# ---------------------------------------------------------------- finding 4: floods and other origins


async def test_a_flood_of_unauthenticated_sessions_is_capped_and_memory_stays_bounded(
    app: Server, figures: Figures
) -> None:
    assert app.proc is not None
    # Warm up: the first sessions load the app's modules; measure the flood, not the imports.
    for _ in range(3):
        async with wire(app) as client:
            await client.register()
            await client.saw(READY, timeout=5.0)
    before = rss_mb(app.proc.pid)

    async with contextlib.AsyncExitStack() as stack:
        held = [await stack.enter_async_context(wire(app)) for _ in range(HELD)]
        answers = await asyncio.gather(*(c.register() for c in held))
        admitted = [a for a in answers if not a.error]
        refused = [a for a in answers if a.error]
        shown = [await c.told(timeout=2.0) == a.error for c, a in zip(held, answers, strict=True) if a.error]
    assert len(admitted) == PER_CLIENT, f"{len(admitted)} sessions admitted at once from one address"
    assert refused and all("Too many" in a.error for a in refused), refused[:1]
    assert all(shown), "a refused client was not told why"

    async def one() -> bool:
        async with wire(app) as client:
            if (await client.register()).error:
                return False
            # Leave once the app has read the client storage and drawn its page: a client that leaves during that
            # read makes app/state log a traceback (not this finding's subject; see the report of issue 11).
            assert await client.saw(READY, timeout=10.0)
            return True

    churn_admitted = 0
    for _ in range(FLOOD // 20):
        churn_admitted += sum(await asyncio.gather(*(one() for _ in range(20))))
    after = rss_mb(app.proc.pid)
    grown = after - before
    figures.record(SECTION, "unauthenticated sessions held open by one address", HELD, f"{PER_CLIENT} admitted")
    figures.record(SECTION, "refused with 'Too many open sessions'", len(refused), "the web client shows it")
    figures.record(SECTION, "sessions opened and dropped by one address", FLOOD, f"{churn_admitted} admitted")
    figures.record(SECTION, "app memory before / after the flood (MB)", f"{before:.0f} / {after:.0f}", "VmRSS")
    # Flet kept every dropped session for an hour: 1,000 took this app from 65 to 139 MB (3,000: 65 -> 281 MB).
    assert grown < 40, f"the app grew by {grown:.0f} MB over {FLOOD} dropped sessions"

    # The address is not locked out: a new visitor still gets a session once the flood has gone.
    async with wire(app) as client:
        assert not (await client.register()).error


async def test_a_websocket_from_another_origin_is_refused(app: Server, figures: Figures) -> None:
    for origin in ("http://evil.example", "null", app.url.replace("127.0.0.1", "localhost.evil.example")):
        with pytest.raises(websockets.InvalidStatus) as refused:
            async with wire(app, origin=origin):
                pass
        assert refused.value.response.status_code == 403
    async with wire(app) as same_origin:
        assert not (await same_origin.register()).error
    figures.record(SECTION, "cross-origin WebSocket handshakes", 3, "403, before any session exists")


# ---------------------------------------------------------------- finding 8: page hardening, malformed frames


def test_pages_carry_the_security_headers(app: Server, figures: Figures) -> None:
    for path in ("/", "/signin", "/main.dart.js", "/manifest.json"):
        headers = httpx.get(app.url + path).headers
        csp = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp, path
        assert "default-src 'self'" in csp, path
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy") == "no-referrer", path
        assert headers.get("access-control-allow-origin") is None, path
    figures.record(SECTION, "pages and files checked for CSP, frame, nosniff, referrer headers", 4, "no wildcard CORS")


def test_no_api_docs_on_the_app_server(app: Server) -> None:
    assert httpx.get(app.url + "/openapi.json").status_code == 404
    for path in ("/docs", "/redoc"):
        page = httpx.get(app.url + path)
        assert "swagger" not in page.text.lower() and "redoc" not in page.text.lower(), path
        assert "cdn.jsdelivr" not in page.text


MALFORMED: list[bytes | str] = [
    b"\x00\xc1",  # a msgpack byte that never occurs
    b"\x00" + msgpack.packb([99, {}]),  # an unknown action
    b"\x00" + msgpack.packb("just a string"),
    b"\x00" + msgpack.packb([1, {"nonsense": True}]),  # a register without its fields
    b"\x00" + msgpack.packb([3, {"target": 1, "name": "click", "data": None}]),  # an event before registering
    b"\x00" + msgpack.packb([1, "not a dict"]),
    b"\x00" + msgpack.packb([1]),
    b"\x00\x92\x01",  # truncated
    "a text frame",
]


MADE_UP = 300
"""Control ids that do not exist, each named in a property change and an event by one client."""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def test_made_up_control_ids_cost_a_bounded_number_of_walks(app: Server, figures: Figures) -> None:
    """An id the session's index does not hold is looked for by walking the page (app/flet_fixes.py); a client
    naming made-up ids gets 10 walks, then 2 a second, and one log line per hundred refused."""
    assert app.proc is not None
    start = log_size(app)
    async with wire(app) as client:
        assert not (await client.register()).error
        assert await client.saw("Try the demo", timeout=10.0)  # the sign-in form is drawn
        cpu_before = cpu_seconds(app.proc.pid)
        for control_id in range(10**9, 10**9 + MADE_UP):
            await client._send(UPDATE_CONTROL_PROPS, {"id": control_id, "props": {"value": "x"}})
            await client._send(CONTROL_EVENT, {"target": control_id, "name": "click", "data": None})
        # The session still answers its own controls: signing in with nothing typed says what is missing.
        sign_in_button = client.button("Sign in")
        assert sign_in_button is not None
        await client.event(sign_in_button, "click")
        assert await client.saw("Enter your email and password.", timeout=10.0)
        cpu = cpu_seconds(app.proc.pid) - cpu_before
        assert client.connected
    await asyncio.sleep(0.5)
    lines = log_since(app, start).splitlines()
    refusals = [line for line in lines if "more unknown control ids than its session's bound allows" in line]
    assert refusals, "\n".join(lines[-20:])
    asks = MADE_UP * 3  # a property change, and an event: the index's walk and then Flet's
    assert len(refusals) <= asks // 100 + 1, len(refusals)
    refused = int(re.search(r"\((\d+) refused", refusals[-1]).group(1))  # type: ignore[union-attr]
    assert refused >= asks - 10 - 2 * 30 - 100, refused  # 10 at once, 2 a second; the last line is a hundred back
    assert not [line for line in lines if "Traceback" in line]
    figures.record(
        SECTION,
        "property changes and events for made-up control ids",
        MADE_UP * 2,
        f"{len(refusals)} log lines; app CPU {cpu * 1000:.0f} ms",
    )


async def test_a_malformed_frame_logs_one_line_and_no_traceback(app: Server, figures: Figures) -> None:
    start = log_size(app)
    for bad in MALFORMED:
        async with wire(app) as client:
            await client.ws.send(bad)
            assert await client.closed(timeout=5.0), f"connection kept open after {bad!r}"
    # One that had registered first, then sends garbage.
    async with wire(app) as client:
        await client.register()
        await client.ws.send(b"\x00\xc1")
        assert await client.closed(timeout=5.0)
    await asyncio.sleep(0.5)  # let the server write its last line
    lines = log_since(app, start).splitlines()
    assert not [line for line in lines if "Traceback" in line or line.startswith("  File ")], "\n".join(lines[:40])
    dropped = [line for line in lines if "malformed frame" in line]
    assert len(dropped) == len(MALFORMED) + 1, "\n".join(lines)
    assert not any("nonsense" in line or "just a string" in line for line in lines), "client text echoed in the log"
    figures.record(SECTION, "malformed frames sent", len(MALFORMED) + 1, "one log line each, no traceback")


async def test_no_session_id_in_the_log(app: Server, figures: Figures) -> None:
    ids = []
    for _ in range(3):
        async with wire(app) as client:
            answer = await client.register()
            assert answer.session_id
            ids.append(answer.session_id)
            await client.saw(READY, timeout=5.0)
    await asyncio.sleep(0.5)
    text = app.log_path.read_text(errors="replace")
    assert not [i for i in ids if i in text]
    assert not re.search(r"New session created \(\d+ total\): (?!<session>)\S+", text)
    figures.record(SECTION, "session ids looked for in the app's log", len(ids) + 1, "none found")
