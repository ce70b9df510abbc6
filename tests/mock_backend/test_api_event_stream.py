"""The event stream's wire format as the mock backend serves it: messages, keep-alives, and when a stream ends."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from app.api import models as m
from app.api.in_process import InProcessTransport
from app.mock_backend import FrozenClock, Store, create_app
from app.mock_backend.seed import ADA, GRACE
from app.mock_backend.services.events import MAX_STREAMS_PER_MEMBER
from tests.mock_backend.conftest import assert_problem, sign_in

STREAM = "/v1/me/events/stream"
SSE = {"Accept": "text/event-stream"}


@pytest.fixture
async def client(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=InProcessTransport(create_app(store)), base_url="http://mock") as http:
        yield http


async def cursor_now(client: httpx.AsyncClient, auth: dict[str, str]) -> int:
    cursor = 0
    while True:
        page = (await client.get("/v1/me/events", params={"after": cursor}, headers=auth)).json()
        if not page["events"]:
            return cursor
        cursor = page["cursor"]


async def test_quiet_stream_sends_a_keep_alive_each_heartbeat_then_ends(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(m, "EVENTS_STREAM_HEARTBEAT", 0.2)
    auth = await sign_in(client, ADA)
    cursor = await cursor_now(client, auth)
    started = time.monotonic()
    async with client.stream("GET", STREAM, params={"after": cursor, "duration": 1}, headers=auth | SSE) as response:
        body = (await response.aread()).decode()
    assert response.status_code == 200
    assert 0.9 <= time.monotonic() - started < 5
    assert body == ": keep-alive\n\n" * 5


async def test_each_message_carries_its_cursor_as_id_and_a_page_as_data(client: httpx.AsyncClient) -> None:
    auth = await sign_in(client, ADA)
    cursor = await cursor_now(client, auth)
    await client.post("/v1/demo/purchases", json={"amount": 5}, headers=auth)
    await client.post("/v1/demo/purchases", json={"amount": 7}, headers=auth)
    async with client.stream("GET", STREAM, params={"after": cursor, "duration": 0.3}, headers=auth | SSE) as response:
        body = (await response.aread()).decode()
    message, rest = body.split("\n\n", 1)
    lines = message.split("\n")
    assert lines[0] == "event: events"
    page = m.EventsPage.model_validate_json(lines[2].removeprefix("data: "))
    assert lines[1] == f"id: {page.cursor}"
    assert [e.kind for e in page.events].count("stars_earned") == 2, "both purchases, in one message"
    assert page.events[0].id == cursor + 1 and page.cursor == page.events[-1].id
    assert rest == ": keep-alive\n\n"


async def test_a_stream_ends_when_its_access_token_expires(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    auth = await sign_in(client, ADA)
    cursor = await cursor_now(client, auth)
    clock.advance(timedelta(minutes=15) - timedelta(seconds=1))  # one second of the token's life is left
    started = time.monotonic()
    async with client.stream("GET", STREAM, params={"after": cursor}, headers=auth | SSE) as response:
        await response.aread()
    assert response.status_code == 200
    assert time.monotonic() - started < 5, "not the ten minutes a stream may last"
    clock.advance(timedelta(seconds=1))
    expired = await client.get(STREAM, params={"after": cursor}, headers=auth | SSE)
    assert_problem(expired, 401, "token_expired")


async def test_a_stream_without_a_token_is_refused(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get(STREAM, headers=SSE), 401, "unauthorized")


async def test_the_backend_stops_serving_a_stream_its_client_has_left(client: httpx.AsyncClient) -> None:
    auth = await sign_in(client, ADA)
    async with client.stream("GET", STREAM, params={"after": await cursor_now(client, auth)}, headers=auth | SSE):
        streams = [t for t in asyncio.all_tasks() if t.get_name() == "starboard-in-process-stream"]
        assert len(streams) == 1
    await asyncio.sleep(0)
    assert streams[0].done()


async def test_a_member_holds_at_most_ten_streams_and_one_closed_makes_room(client: httpx.AsyncClient) -> None:
    """One scripted or stolen token cannot open thousands of ten-minute streams; another member is not affected."""
    ada = await sign_in(client, ADA)
    async with contextlib.AsyncExitStack() as held:
        for _ in range(MAX_STREAMS_PER_MEMBER):
            response = await held.enter_async_context(client.stream("GET", STREAM, headers=ada | SSE))
            assert response.status_code == 200
        refused = await client.get(STREAM, params={"duration": 0.1}, headers=ada | SSE)  # short, were it let in
        assert_problem(refused, 429, "rate_limited")
        assert refused.headers["Retry-After"] == "30"
        async with client.stream("GET", STREAM, headers=await sign_in(client, GRACE) | SSE) as grace:
            assert grace.status_code == 200, "the cap is per member"
    async with client.stream("GET", STREAM, headers=ada | SSE) as again:
        assert again.status_code == 200, "the closed streams were counted off"


async def test_a_sign_out_ends_the_tokens_open_streams_within_a_heartbeat_and_frees_their_places(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stolen token that opened every stream the member may hold: once it is revoked, its streams stop bringing
    the member's events, and the member's own new sign-in can open one again."""
    monkeypatch.setattr(m, "EVENTS_STREAM_HEARTBEAT", 0.2)
    stolen = await sign_in(client, ADA)
    async with contextlib.AsyncExitStack() as held:
        streams = [
            await held.enter_async_context(client.stream("GET", STREAM, params={"duration": 30}, headers=stolen | SSE))
            for _ in range(MAX_STREAMS_PER_MEMBER)
        ]
        assert (await client.post("/v1/auth/logout", headers=stolen)).status_code == 204
        started = time.monotonic()
        for response in streams:
            await asyncio.wait_for(response.aread(), 5)  # each ends: no ten minutes of the member's events
        assert time.monotonic() - started < 2
        own = await sign_in(client, ADA)
        async with client.stream("GET", STREAM, params={"duration": 0.3}, headers=own | SSE) as response:
            assert response.status_code == 200, "the revoked token's places were given back"
