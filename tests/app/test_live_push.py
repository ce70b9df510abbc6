"""Live updates by long-poll: one request waits at the API while the app is open, and news arrives when it happens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.api.client import new_idempotency_key
from app.state import GiftState, MemoryDeviceStore, Session
from app.state.live import MAX_PAUSE
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over

EVENTS = "GET /v1/me/events"


async def open_app(transport: RecordingTransport, email: str) -> Session:
    """A signed-in session with its live updates running, as in an open browser tab."""
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    assert session.live.running
    await until(lambda: session.live.cursor is not None)  # caught up (a page or a few), then one request waits
    await asyncio.sleep(0.2)
    return session


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_a_gift_reaches_the_recipients_open_app_while_its_request_waits(backend: object) -> None:
    grace_line = RecordingTransport(backend)
    grace = await open_app(grace_line, "grace@example.com")
    asked = grace_line.count(EVENTS)
    ada = Session(client_over(RecordingTransport(backend)), MemoryDeviceStore())
    await ada.start()
    assert await ada.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await ada.live.stop()
    gift = ada.screen(GiftState)
    await gift.ensure_loaded()
    grace_id = next(f.id for f in gift.friends if f.name.startswith("Grace"))

    await ada.client.gift_stars(grace_id, 25, "Coffee's on me", idempotency_key=new_idempotency_key())

    await until(lambda: grace.notice is not None)
    assert grace.notice is not None and grace.notice.text == "Ada Lovelace sent you 25 Stars: Coffee's on me"
    # The waiting request brought the gift: no poll in between, and the next request waits again.
    await until(lambda: grace_line.count(EVENTS) == asked + 1)
    await asyncio.sleep(0.2)
    assert grace_line.count(EVENTS) == asked + 1
    await ada.close()
    await grace.close()


async def test_an_idle_open_app_keeps_one_request_waiting_and_sends_no_other(backend: object) -> None:
    line = RecordingTransport(backend)
    session = await open_app(line, "grace@example.com")
    before = list(line.sent)
    await asyncio.sleep(1.5)  # a 2-second poll would have asked again by now; a long-poll still waits
    assert line.sent == before
    assert session.live.running
    await session.close()


async def test_signing_out_cancels_the_waiting_request(backend: object) -> None:
    line = RecordingTransport(backend)
    session = await open_app(line, "grace@example.com")
    await session.sign_out()
    assert not session.live.running
    asked = line.count(EVENTS)
    await asyncio.sleep(0.3)
    assert line.count(EVENTS) == asked
    await session.close()


async def test_after_failures_the_pauses_grow_up_to_a_bound(backend: object) -> None:
    session = Session(client_over(RecordingTransport(backend)), MemoryDeviceStore(), poll_interval=2.0)
    pauses = [session.live.pause_after(n) for n in range(1, 12)]
    assert 1.0 <= pauses[0] <= 2.0
    assert 4.0 <= pauses[2] <= 8.0
    assert all(MAX_PAUSE / 2 <= p <= MAX_PAUSE for p in pauses[6:])
    await session.close()
