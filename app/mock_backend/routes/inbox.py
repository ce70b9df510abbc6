"""The inbox: what the member is told about (gifts with their message, asks and thank-yous, expiring Stars,
challenges ending, new offers, tier changes, badges), read marks and which kinds the member keeps."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import models
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services import inbox as service

router = APIRouter(prefix="/v1/me/inbox", tags=["inbox"])


@router.get("", response_model=models.Inbox, responses=problems(401))
def get_inbox(member: CurrentMember, store: StoreDep) -> models.Inbox:
    """The member's inbox, newest first, with the unread count and the preferences per kind."""
    with store.lock:
        return service.inbox(store, member, store.now())


@router.post("/read", response_model=models.Inbox, responses=problems(401))
def mark_read(body: models.InboxRead, member: CurrentMember, store: StoreDep) -> models.Inbox:
    """Mark these items read (ids the inbox does not list are ignored)."""
    with store.unit_of_work(member):
        return service.mark_read(store, member, list(body.ids), store.now())


@router.post("/read-all", response_model=models.Inbox, responses=problems(401))
def mark_all_read(member: CurrentMember, store: StoreDep) -> models.Inbox:
    """Mark every item of the inbox read."""
    with store.unit_of_work(member):
        return service.mark_read(store, member, None, store.now())


@router.put("/preferences", response_model=models.Inbox, responses=problems(401, 409))
def set_preference(body: models.InboxPreferenceUpdate, member: CurrentMember, store: StoreDep) -> models.Inbox:
    """Turn one kind of item on or off (account and security notices stay on)."""
    with store.unit_of_work(member):
        return service.set_preference(store, member, body.kind, body.enabled, store.now())
