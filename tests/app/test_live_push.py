"""Live updates: the API pushes events over one stream while the app is open, and news arrives when it happens.
Against an API without the stream, one long-poll waits at the API instead."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from app.api.client import new_idempotency_key
from app.mock_backend import create_app
from app.state import GiftState, MemoryDeviceStore, Session
from app.state.live import MAX_PAUSE
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over

EVENTS = "GET /v1/me/events"
STREAM = "GET /v1/me/events/stream"


async def open_app(transport: RecordingTransport, email: str) -> Session:
    """A signed-in session with its live updates running, as in an open browser tab."""
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    assert session.live.running
    await until(lambda: session.live.cursor is not None)  # caught up (a page or a few), then the stream opens
    await until(lambda: transport.count(STREAM if session.live.streaming else EVENTS) > 0)
    await asyncio.sleep(0.2)
    return session


async def send_gift(backend: object, to: str = "Grace", stars: int = 25, message: str = "Coffee's on me") -> Session:
    """Ada, signed in elsewhere, sends `to` a gift; her session (closed by the caller)."""
    ada = Session(client_over(RecordingTransport(backend)), MemoryDeviceStore())
    await ada.start()
    assert await ada.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await ada.live.stop()
    gift = ada.screen(GiftState)
    await gift.ensure_loaded()
    friend_id = next(f.id for f in gift.friends if f.name.startswith(to))
    await ada.client.gift_stars(friend_id, stars, message, idempotency_key=new_idempotency_key())
    return ada


def _first(lines: list[str], line: str) -> int:
    """Where `line` first is in `lines`; past the end when it is not there yet."""
    return lines.index(line) if line in lines else len(lines)


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_a_gift_reaches_the_recipients_open_app_over_its_stream(backend: object) -> None:
    grace_line = RecordingTransport(backend)
    grace = await open_app(grace_line, "grace@example.com")
    before = list(grace_line.sent)

    ada = await send_gift(backend)

    await until(lambda: grace.notice is not None)
    assert grace.notice is not None and grace.notice.text == "Ada Lovelace sent you 25 Stars: Coffee's on me"
    # The open stream brought the gift: no request asked for it (the balance is loaded again because it changed).
    asked = [line for line in grace_line.sent[len(before) :] if "/events" in line]
    assert asked == []
    assert grace.live.streaming and grace.live.running
    await ada.close()
    await grace.close()


async def test_an_idle_open_app_keeps_one_stream_open_and_sends_no_other_request(backend: object) -> None:
    line = RecordingTransport(backend)
    session = await open_app(line, "grace@example.com")
    before = list(line.sent)
    assert line.count(STREAM) == 1
    await asyncio.sleep(1.5)  # a 2-second poll would have asked again by now; the stream stays open
    assert line.sent == before
    assert session.live.running
    await session.close()


async def test_signing_out_closes_the_stream(backend: object) -> None:
    line = RecordingTransport(backend)
    session = await open_app(line, "grace@example.com")
    streams = [t for t in asyncio.all_tasks() if t.get_name() == "starboard-in-process-stream"]
    assert len(streams) == 1, "the API serves one stream for the open app"
    await session.sign_out()
    assert not session.live.running
    assert streams[0].done(), "the API's side of the stream has ended too"
    asked = len(line.sent)
    await asyncio.sleep(0.3)
    assert len(line.sent) == asked
    await session.close()


async def test_a_cut_stream_is_opened_again_from_its_cursor_and_nothing_is_missed(backend: object) -> None:
    line = RecordingTransport(backend)
    grace = Session(client_over(line), MemoryDeviceStore(), poll_interval=0.1)
    await grace.start()
    assert await grace.sign_in("grace@example.com", DEMO_PASSWORD) is None
    await until(lambda: line.count(STREAM) == 1)
    await asyncio.sleep(0.2)
    line.offline = True  # the phone loses its signal: the stream breaks, and opening it again fails for a while
    line.cut_streams()
    ada = await send_gift(backend, stars=10, message="While you were away")
    await asyncio.sleep(0.5)
    assert grace.notice is None
    line.offline = False

    await until(lambda: grace.notice is not None)
    assert grace.notice is not None and grace.notice.text == "Ada Lovelace sent you 10 Stars: While you were away"
    assert line.count(STREAM) == 2, "one stream again, from the cursor: the gift came in its first message"
    await ada.close()
    await grace.close()


async def test_a_stream_the_api_ends_is_opened_again_with_fresh_tokens() -> None:
    backend = create_app(demo_tools=True, access_token_ttl=timedelta(seconds=1))  # streams end with their token
    line = RecordingTransport(backend)
    grace = await open_app(line, "grace@example.com")
    # The first stream ends when its token expires; the next ask is refused (401), the token refreshed, and a stream
    # opened again. (A stream asked for in the token's last moment may end at once: the refresh then comes one ask
    # later, so the test waits for a stream after a refresh rather than counting streams.)
    await until(lambda: STREAM in line.sent[_first(line.sent, "POST /v1/auth/refresh") + 1 :])
    # Tokens last long again from here: Grace's next refresh opens a stream that stays open, and Ada's sign-in,
    # friend list and gift do not race a 1 s token on a loaded machine (CI once failed here).
    backend.state.store.tokens.access_ttl = timedelta(minutes=15)
    ada = await send_gift(backend)
    await until(lambda: grace.notice is not None)
    assert grace.live.streaming
    await ada.close()
    await grace.close()


async def test_without_a_stream_the_app_long_polls_and_a_gift_still_arrives(backend: object) -> None:
    grace_line = RecordingTransport(backend, no_stream=True)
    grace = await open_app(grace_line, "grace@example.com")
    assert not grace.live.streaming
    assert grace_line.count(STREAM) == 1, "asked once; the 404 said there is none"
    asked = grace_line.count(EVENTS)

    ada = await send_gift(backend)

    await until(lambda: grace.notice is not None)
    assert grace.notice is not None and grace.notice.text == "Ada Lovelace sent you 25 Stars: Coffee's on me"
    # The waiting request brought the gift: no poll in between, and the next request waits again.
    await until(lambda: grace_line.count(EVENTS) == asked + 1)
    await asyncio.sleep(0.2)
    assert grace_line.count(EVENTS) == asked + 1
    idle = list(grace_line.sent)
    await asyncio.sleep(1.5)
    assert grace_line.sent == idle, "a long-poll waits: nothing else is asked while the app is idle"
    await ada.close()
    await grace.close()


async def test_after_failures_the_pauses_grow_up_to_a_bound(backend: object) -> None:
    session = Session(client_over(RecordingTransport(backend)), MemoryDeviceStore(), poll_interval=2.0)
    pauses = [session.live.pause_after(n) for n in range(1, 12)]
    assert 1.0 <= pauses[0] <= 2.0
    assert 4.0 <= pauses[2] <= 8.0
    assert all(MAX_PAUSE / 2 <= p <= MAX_PAUSE for p in pauses[6:])
    await session.close()
