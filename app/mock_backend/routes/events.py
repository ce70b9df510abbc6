"""Events: what a member should be told about (gift received, badge earned, ...), read with a cursor.

With `wait`, a long-poll: the answer comes at once when there are events after the cursor, otherwise when the
next one happens or after `wait` seconds (an empty page). The route is async and holds no worker thread while it
waits (services/events.py), so thousands of open apps can wait at once.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.api import models
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services.events import MAX_WAIT_SECONDS, wait_for_events

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
