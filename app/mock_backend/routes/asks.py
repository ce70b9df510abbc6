"""Asks for Stars: ask a friend, see asks both ways, accept (a gift, with its own Idempotency-Key) or decline."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, created, problems
from app.mock_backend.services.asks import accept_ask, ask_stars, asks_of, decline_ask

router = APIRouter(prefix="/v1/me", tags=["asks"])


@router.get("/asks", response_model=models.Asks, responses=problems(401))
def list_asks(member: CurrentMember, store: StoreDep) -> models.Asks:
    """Open asks to the member, and the member's own asks with their outcomes."""
    with store.unit_of_work(member):
        now = store.now()
        incoming, outgoing = asks_of(store, member, now)
        return present.asks(store, incoming, outgoing, now)


@router.post("/asks", **created(models.StarAsk, 401, 403, 409))
def create_ask(body: models.AskCreate, member: CurrentMember, store: StoreDep) -> models.StarAsk:
    """Ask a friend for Stars (one open ask per friend; it expires after 7 days)."""
    with store.unit_of_work(member):
        now = store.now()
        return present.ask(store, ask_stars(store, member, body.friend_id, body.stars, body.note, now), now)


@router.post("/asks/{ask_id}/accept", response_model=models.AskAccepted, responses=problems(400, 401, 403, 404, 409))
def accept(ask_id: str, body: models.AskAccept, once: OnceWrite) -> models.AskAccepted:
    """Accept an ask: the Stars are gifted to the asker, under every gift rule (limits, daily cap, balance)."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.AskAccepted:
        record = accept_ask(store, member, ask_id, now)
        assert record.gift_id is not None
        return models.AskAccepted(
            ask=present.ask(store, record, now), gift=present.gift(store, store.gifts[record.gift_id])
        )

    return once.write(f"asks/{ask_id}/accept", body, act)


@router.post("/asks/{ask_id}/decline", response_model=models.StarAsk, responses=problems(401, 404, 409))
def decline(ask_id: str, member: CurrentMember, store: StoreDep) -> models.StarAsk:
    with store.unit_of_work(member):
        now = store.now()
        return present.ask(store, decline_ask(store, member, ask_id, now), now)
