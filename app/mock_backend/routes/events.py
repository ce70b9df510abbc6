"""Events: what a member should be told about (gift received, badge earned, ...), read with a cursor.

With `wait`, a long-poll: the answer comes at once when there are events after the cursor, otherwise when the
next one happens or after `wait` seconds (an empty page). `GET /v1/me/events/stream` pushes them instead, as
server-sent events, over one request that lasts up to ten minutes. Both routes are async and hold no worker thread
while they wait (services/events.py), so thousands of open apps can wait at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from app.api import models
from app.mock_backend.auth import token_key
from app.mock_backend.deps import BearerToken, CurrentMember, StoreDep
from app.mock_backend.records import Member
from app.mock_backend.routes import problems, throttled
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.events import MAX_WAIT_SECONDS, STREAMS_RETRY_AFTER, signals_of, wait_for_events
from app.mock_backend.store import Store

router = APIRouter(prefix="/v1/me", tags=["events"])


async def _disconnected(request: Request) -> None:
    """Returns when the client has closed the connection (the app stopped waiting: signed out, tab closed)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


@router.get("/events", response_model=models.EventsPage, responses=problems(401))
async def get_events(
    request: Request,
    member: CurrentMember,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**53)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    wait: Annotated[
        float,
        Query(
            ge=0,
            le=MAX_WAIT_SECONDS,
            allow_inf_nan=False,
            description="Seconds to wait for an event when there is none after the cursor (long-poll; "
            f"at most {MAX_WAIT_SECONDS}). 0, the default, answers at once.",
        ),
    ] = 0,
) -> models.EventsPage:
    """Events newer than ``after``, oldest first; pass the returned ``cursor`` as ``after`` next time.

    With ``wait``, the answer waits until an event happens or ``wait`` seconds have passed (then with no events
    and the same cursor): an open app keeps one such request outstanding instead of polling.
    """
    return await wait_for_events(store, member, after, limit, wait, gone=lambda: _disconnected(request))


def _token_valid(store: Store, token: str) -> bool:
    """The access token still opens the member's data (not revoked by a sign-out or a new password, not expired)."""
    with store.lock:
        try:
            store.tokens.member_for(token, store.now())
        except Refusal:
            return False
        return True


def _token_seconds_left(store: StoreDep, token: BearerToken) -> float:
    """How long the request's access token stays valid (a sync dependency: it runs in a worker thread, since the
    store's lock may be held by a write for a moment)."""
    with store.lock:
        record = store.tokens.access.get(token_key(token))
        return (record.expires_at - store.now()).total_seconds() if record is not None else 0.0


STREAM_DESCRIPTION = f"""Server-sent events (`text/event-stream`). Each batch of new events is one message:
`event: events`, `id:` the cursor after it, and `data:` an `EventsPage` in JSON. When nothing happens, a comment
line (`: keep-alive`) comes at least every {models.EVENTS_STREAM_HEARTBEAT} s. The stream ends after `duration`
seconds or when the access token expires, whichever comes first, and within a heartbeat of the token's revocation
(a sign-out, a new password); open the next one with `after` set to the last cursor received."""


_MESSAGE = {
    "description": "One message of the stream (Open API 3.1: the schema of a stream's media type is its messages').",
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"const": "events"},
        "id": {"type": "string", "pattern": "^[0-9]+$", "description": "The cursor after this message's events."},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/EventsPage"},
        },
    },
}


@router.get(
    "/events/stream",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": _MESSAGE}}, "description": STREAM_DESCRIPTION},
        **throttled(problems(401, 429), "Too many streams open for this member (`rate_limited`)"),
    },
)
async def stream_events(
    request: Request,
    member: CurrentMember,
    store: StoreDep,
    token: BearerToken,
    token_left: Annotated[float, Depends(_token_seconds_left)],
    after: Annotated[int, Query(ge=0, le=2**53)] = 0,
    duration: Annotated[
        float,
        Query(
            gt=0,
            le=models.EVENTS_STREAM_MAX,
            allow_inf_nan=False,
            description=f"Seconds the stream may last (at most {models.EVENTS_STREAM_MAX}, the default).",
        ),
    ] = models.EVENTS_STREAM_MAX,
) -> StreamingResponse:
    """The member's events after ``after`` as they happen, pushed over one long response: what an open app uses
    instead of asking again and again. Events already waiting come at once, in the first message.

    A member may hold at most ten streams open at once (a phone, a laptop, a few tabs); one more is refused with 429
    `rate_limited` and `Retry-After`."""
    signals = signals_of(store)
    if not signals.open_stream(member.id):
        raise Refusal(
            "rate_limited",
            "Too many event streams are open for this member. Try again in {seconds} s.",
            None,
            429,
            retry_after=STREAMS_RETRY_AFTER,
            params={"seconds": STREAMS_RETRY_AFTER},
        )
    return _CountedStream(
        lambda: signals.close_stream(member.id),
        _messages(request, store, member, token, after, min(duration, token_left)),
        media_type="text/event-stream",
        # Proxies must pass each message on as it comes (nginx buffers answers unless told not to).
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


class _CountedStream(StreamingResponse):
    """A stream that calls `closed` once it has ended, however it ended (even before its first message)."""

    def __init__(self, closed: Callable[[], None], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._closed = closed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._closed()


async def _messages(
    request: Request, store: Store, member: Member, token: str, after: int, seconds: float
) -> AsyncIterator[str]:
    """The stream's messages: each batch of events as it happens, a keep-alive comment after each quiet
    heartbeat, until `seconds` have passed, the client has gone or its token no longer holds (checked before every
    message: a sign-out or a new password ends the member's open streams within a heartbeat, and frees their
    places under the cap)."""
    loop = asyncio.get_running_loop()
    ends = loop.time() + seconds
    cursor = after
    left = asyncio.ensure_future(_disconnected(request))
    try:
        while (remaining := ends - loop.time()) > 0:
            page = await wait_for_events(
                store,
                member,
                cursor,
                50,
                min(remaining, models.EVENTS_STREAM_HEARTBEAT),
                gone=lambda: asyncio.shield(left),  # each wait ends when the client leaves; `left` outlives it
            )
            if left.done() or not await run_in_threadpool(_token_valid, store, token):
                return
            if page.events:
                cursor = page.cursor
                yield f"event: events\nid: {cursor}\ndata: {page.model_dump_json()}\n\n"
            else:
                yield ": keep-alive\n\n"
    finally:
        left.cancel()
