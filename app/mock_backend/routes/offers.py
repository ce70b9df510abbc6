"""Offers to activate: an activated offer applies to the member's next qualifying visit, once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api import models
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services.offers import activate, offers_for

router = APIRouter(prefix="/v1/me/offers", tags=["offers"])


@router.get("", response_model=list[models.Offer], responses=problems(401))
def get_offers(member: CurrentMember, store: StoreDep) -> list[models.Offer]:
    """The offers the member can activate or has activated (expired ones are gone), with their status."""
    with store.lock:
        return offers_for(store, member, store.now())


@router.post("/{offer_id}/activate", response_model=models.Offer, responses=problems(401, 404, 409))
def activate_offer(
    offer_id: Annotated[str, Path(min_length=1, max_length=64)], member: CurrentMember, store: StoreDep
) -> models.Offer:
    """Activate an offer for the next qualifying visit (activating it again changes nothing)."""
    with store.unit_of_work(member):
        return activate(store, member, offer_id, store.now())
