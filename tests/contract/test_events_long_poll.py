"""`GET /v1/me/events?wait=`: the long-poll an open app keeps outstanding, in-process and over real HTTP."""

from __future__ import annotations

import asyncio

import pytest

from app.api import errors
from app.api import models as m
from app.api.client import LoyaltyClient, new_idempotency_key
from tests.contract.conftest import NewMember, befriend

SOON = 15.0
"""A bound for answers that must come without waiting out the long-poll (which would take `m.EVENTS_MAX_WAIT`)."""


async def caught_up(client: LoyaltyClient) -> int:
    return (await client.events(after=0)).cursor


async def test_a_long_poll_answers_at_once_when_events_are_waiting(new_member: NewMember) -> None:
    sender = await new_member(name="Sender", spend=100)
    recipient = await new_member(name="Recipient")
    _, to = await befriend(sender, recipient)
    cursor = await caught_up(recipient)
    await sender.gift_stars(to.id, 10, None, idempotency_key=new_idempotency_key())
    page = await asyncio.wait_for(recipient.events(after=cursor, wait=m.EVENTS_MAX_WAIT), SOON)
    assert [e.kind for e in page.events] == ["gift_received"]
    assert page.cursor > cursor


async def test_a_long_poll_is_held_until_an_event_happens_then_brings_it(new_member: NewMember) -> None:
    sender = await new_member(name="Sender", spend=100)
    recipient = await new_member(name="Recipient")
    _, to = await befriend(sender, recipient)
    cursor = await caught_up(recipient)
    waiting = asyncio.create_task(recipient.events(after=cursor, wait=m.EVENTS_MAX_WAIT))
    await asyncio.sleep(0.5)
    assert not waiting.done(), "nothing happened yet: the request is held"
    await sender.gift_stars(to.id, 25, "Coffee's on me", idempotency_key=new_idempotency_key())
    page = await asyncio.wait_for(waiting, SOON)
    assert [(e.kind, e.stars, e.body) for e in page.events] == [("gift_received", 25, "Coffee's on me")]


async def test_a_long_poll_with_nothing_happening_ends_empty_with_the_same_cursor(new_member: NewMember) -> None:
    member = await new_member(spend=10)
    cursor = await caught_up(member)
    page = await member.events(after=cursor, wait=0.3)
    assert (page.events, page.cursor) == ([], cursor)


async def test_waiting_requests_hold_no_worker_thread(new_member: NewMember) -> None:
    """More long-polls than the backend has worker threads (40) wait at once; other requests still answer."""
    waiters = [await new_member(name=f"Waiter {i}") for i in range(3)]
    other = await new_member(spend=20)
    cursors = [await caught_up(w) for w in waiters]
    polls = [
        asyncio.create_task(waiters[i % 3].events(after=cursors[i % 3], wait=m.EVENTS_MAX_WAIT)) for i in range(60)
    ]
    try:
        await asyncio.sleep(0.5)
        summary = await asyncio.wait_for(other.summary(), SOON)
        assert summary.balance > 0
        assert not any(p.done() for p in polls), "the long-polls are still waiting"
    finally:
        for poll in polls:
            poll.cancel()
        await asyncio.gather(*polls, return_exceptions=True)


@pytest.mark.parametrize("wait", ["-1", "nan", "inf", str(m.EVENTS_MAX_WAIT + 1), "soon"])
async def test_a_bad_wait_is_refused_with_a_validation_error(new_member: NewMember, wait: str) -> None:
    client = await new_member()
    with pytest.raises(errors.ValidationFailed) as info:
        await client._call("GET", "/v1/me/events", m.EventsPage, params={"after": 0, "wait": wait})
    assert info.value.field == "wait"
