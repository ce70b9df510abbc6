"""Gifts of Stars between friends, and what the member may gift right now."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, created, problems, read
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.wallet import gift

router = APIRouter(prefix="/v1/me", tags=["gifts"])


@router.get("/gifts/allowance", response_model=models.GiftAllowance, responses=problems(401))
def get_allowance(member: CurrentMember, store: StoreDep) -> models.GiftAllowance:
    """What the member may gift right now (the daily cap counts the member's local day)."""
    return read(store, member, present.gift_allowance)


@router.post("/gifts", **created(models.Gift, 400, 401, 403, 409))
def create_gift(body: models.GiftCreate, once: OnceWrite) -> models.Gift:
    """Gift Stars to a friend: 1 to 500 per gift, 1,000 a day, never more than the balance."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.Gift:
        return present.gift(store, gift(store, member, body.friend_id, body.stars, body.message, now))

    return once.write("gifts", body, act)


@router.get("/gifts/{gift_id}", response_model=models.Gift, responses=problems(401, 404))
def get_gift(gift_id: str, member: CurrentMember, store: StoreDep) -> models.Gift:
    """A gift the member sent or received."""
    with store.lock:
        record = store.gifts.get(gift_id)
        if record is None or member.id not in (record.from_id, record.to_id):
            raise Refusal("not_found", "There is no such gift.", None, 404)
        return present.gift(store, record)
