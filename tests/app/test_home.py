from __future__ import annotations

import asyncio

import httpx

from app.state import FRESH_FOR_SECONDS, HomeState, MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def signed_in(backend: object, transport: RecordingTransport, clock: FakeClock | None = None) -> Session:
    session = Session(client_over(transport), MemoryDeviceStore(), clock=clock or FakeClock())
    await session.start()
    assert await session.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await session.live.stop()
    return session


async def test_home_loads_in_one_round_trip_and_sets_the_balance(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(backend, transport)
    before = len(transport.sent)

    home = session.screen(HomeState)
    await home.ensure_loaded()

    assert transport.sent[before:] == ["GET /v1/me/summary"]
    summary = home.summary
    assert home.status == "ready" and summary is not None
    assert session.member.balance == summary.balance
    assert session.member.name == summary.name
    await session.close()


async def test_a_revisit_within_the_freshness_window_does_not_ask_again(backend: object) -> None:
    transport = RecordingTransport(backend)
    clock = FakeClock()
    session = await signed_in(backend, transport, clock)
    home = session.screen(HomeState)
    await home.ensure_loaded()

    clock.now += FRESH_FOR_SECONDS - 1
    await home.ensure_loaded()
    assert transport.count("GET /v1/me/summary") == 1

    clock.now += 2
    await home.ensure_loaded()
    assert transport.count("GET /v1/me/summary") == 2
    await session.close()


async def test_offline_shows_one_sentence_and_retry_recovers(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(backend, transport)
    transport.offline = True

    home = session.screen(HomeState)
    await home.ensure_loaded()

    assert home.status == "error"
    assert home.error is not None and "offline" in home.error
    assert home.summary is None

    transport.offline = False
    await home.refresh()  # the Retry button
    assert home.status == "ready" and home.error is None
    await session.close()


async def test_a_failed_refresh_keeps_what_is_shown(backend: object) -> None:
    transport = RecordingTransport(backend)
    session = await signed_in(backend, transport)
    home = session.screen(HomeState)
    await home.ensure_loaded()
    shown = home.summary

    transport.offline = True
    await home.refresh()

    assert home.status == "ready" and home.summary is shown
    assert home.error is not None
    await session.close()


class SlowTransport(RecordingTransport):
    """Holds every answer until `release` is set (an API slower than the first frame may wait)."""

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self.release.wait()
        return await super().handle_async_request(request)


async def test_preload_before_the_first_frame_waits_briefly_then_keeps_loading_in_the_background(
    backend: object,
) -> None:
    session = await signed_in(backend, RecordingTransport(backend))
    transport = SlowTransport(backend)
    restored = Session(client_over(transport), MemoryDeviceStore(session.client.tokens), clock=FakeClock())
    await restored.start()
    await restored.live.stop()

    home = restored.screen(HomeState)
    await restored.preload_balance(max_wait=0.01)  # the API has not answered: the first frame shows a spinner
    assert home.status == "loading" and restored.member.balance is None

    transport.release.set()
    await home.ensure_loaded()  # what the screen does when it appears: no second request
    for _ in range(100):
        if home.status == "ready":
            break
        await asyncio.sleep(0.01)
    assert home.status == "ready" and restored.member.balance is not None
    assert transport.sent == ["GET /v1/me/summary"]
    await restored.close()
    await session.close()


def test_offer_end_reads_in_hours_on_its_last_day() -> None:
    from datetime import UTC, datetime, timedelta

    from app.i18n import Translator
    from app.state.home import offer_ends

    en = Translator("en")
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert offer_ends(now + timedelta(hours=11, minutes=59), en, now) == "Ends in 11 hours"
    assert offer_ends(now + timedelta(hours=1, minutes=5), en, now) == "Ends in 1 hour"
    assert offer_ends(now + timedelta(minutes=20), en, now) == "Ends within the hour"
    assert offer_ends(now - timedelta(seconds=1), en, now) == "Ended"
    assert offer_ends(now + timedelta(days=3), en, now) == "Until Thu 26 Nov"
