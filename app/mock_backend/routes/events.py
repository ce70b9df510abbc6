"""Events: what a member should be told about (gift received, badge earned, ...), polled with a cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems

router = APIRouter(prefix="/v1/me", tags=["events"])


@router.get("/events", response_model=models.EventsPage, responses=problems(401))
def get_events(
    member: CurrentMember,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**53)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> models.EventsPage:
    """Events newer than ``after``, oldest first; pass the returned ``cursor`` as ``after`` next time."""
    with store.lock:
        newer = [e for e in member.events if e.id > after][:limit]
        return present.events_page(newer, after)
