"""`GET /v1/me/events/stream`: the events an open app is pushed (server-sent events), in-process and over real HTTP."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from app.api import errors
from app.api import models as m
from app.api.client import LoyaltyClient, new_idempotency_key
from tests.contract.conftest import NewMember, befriend
from tests.contract.test_events_long_poll import SOON, caught_up


async def gift_pair(new_member: NewMember) -> tuple[LoyaltyClient, LoyaltyClient, str]:
    """A sender with Stars, a recipient who is their friend, and the recipient's id."""
    sender = await new_member(name="Sender", spend=100)
    recipient = await new_member(name="Recipient")
    _, to = await befriend(sender, recipient)
    return sender, recipient, to.id


async def test_events_already_waiting_come_in_the_first_message(new_member: NewMember) -> None:
    sender, recipient, to = await gift_pair(new_member)
    cursor = await caught_up(recipient)
    await sender.gift_stars(to, 10, None, idempotency_key=new_idempotency_key())
    async with recipient.event_stream(after=cursor) as pages:
        page = await asyncio.wait_for(anext(pages), SOON)
    assert [e.kind for e in page.events] == ["gift_received"]
    assert page.cursor > cursor


async def test_an_event_is_pushed_while_the_stream_is_open_and_the_cursor_moves_on(new_member: NewMember) -> None:
    sender, recipient, to = await gift_pair(new_member)
    cursor = await caught_up(recipient)
    async with recipient.event_stream(after=cursor) as pages:
        first = asyncio.ensure_future(anext(pages))
        await asyncio.sleep(0.5)
        assert not first.done(), "nothing happened yet: the stream is quiet"
        await sender.gift_stars(to, 25, "Coffee's on me", idempotency_key=new_idempotency_key())
        page = await asyncio.wait_for(first, SOON)
        assert [(e.kind, e.stars, e.body) for e in page.events] == [("gift_received", 25, "Coffee's on me")]
        await sender.gift_stars(to, 5, None, idempotency_key=new_idempotency_key())
        second = await asyncio.wait_for(anext(pages), SOON)
    assert [(e.kind, e.stars) for e in second.events] == [("gift_received", 5)]
    assert second.cursor > page.cursor > cursor


async def test_a_stream_ends_after_its_duration_with_nothing_sent(new_member: NewMember) -> None:
    member = await new_member(spend=10)
    cursor = await caught_up(member)
    started = time.monotonic()
    async with member.event_stream(after=cursor, duration=1) as pages:
        received = [page async for page in pages]
    assert received == []
    assert 0.9 <= time.monotonic() - started < SOON


@pytest.mark.parametrize("duration", ["0", "-1", "nan", "inf", str(m.EVENTS_STREAM_MAX + 1), "soon"])
async def test_a_bad_duration_is_refused_with_a_validation_error(new_member: NewMember, duration: str) -> None:
    client = await new_member()
    with pytest.raises(errors.ValidationFailed) as info:
        await client._call("GET", "/v1/me/events/stream", None, params={"after": 0, "duration": duration})
    assert info.value.field == "duration"


async def test_a_stream_without_a_valid_token_is_refused_and_the_session_ends(new_member: NewMember) -> None:
    client = await new_member()
    tokens = client.tokens
    assert tokens is not None
    await client.sign_out()
    client._tokens = tokens  # a device that kept tokens the API has since revoked
    with pytest.raises(errors.SessionExpired):
        async with client.event_stream(after=0):
            pass


async def test_the_stream_is_not_cached_or_buffered_by_proxies(new_member: NewMember) -> None:
    client = await new_member()
    cursor = await caught_up(client)
    assert client.tokens is not None
    headers = {"Authorization": f"Bearer {client.tokens.access_token}", "Accept": "text/event-stream"}
    http = client._http
    params = {"after": cursor, "duration": "0.2"}
    async with http.stream("GET", "/v1/me/events/stream", params=params, headers=headers) as response:
        body = (await response.aread()).decode()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-accel-buffering"] == "no"
    # Nothing happened: the stream held only keep-alive comments (one, as a rule; the contract allows more, and a
    # loaded CI machine once saw two).
    assert body.startswith(": keep-alive\n\n") and set(body.split("\n\n")) == {": keep-alive", ""}, body


async def test_a_stream_silent_for_longer_than_its_heartbeat_counts_as_dead() -> None:
    """The read timeout of the stream's connection is the heartbeat plus the client's timeout: a quiet stream sends
    its keep-alive in time, a dead one (a proxy that dropped it without closing) fails instead of waiting for ever."""
    seen: list[dict[str, float]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=b": keep-alive\n\n")

    tokens = m.TokenPair(access_token="a", refresh_token="r", expires_in=900)
    client = LoyaltyClient("http://api", transport=httpx.MockTransport(answer), tokens=tokens, timeout=7.0)
    async with client.event_stream(after=0) as pages:
        assert [page async for page in pages] == []
    assert seen[0]["read"] == m.EVENTS_STREAM_HEARTBEAT + 7.0
    assert seen[0]["connect"] <= 7.0
    await client.aclose()
