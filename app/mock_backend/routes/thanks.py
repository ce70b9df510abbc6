"""Thank-yous for gifts: one per gift, from its recipient; the giver sees it."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import created, problems
from app.mock_backend.services.thanks import thank, thanks_of

router = APIRouter(prefix="/v1/me", tags=["thanks"])


@router.get("/thanks", response_model=models.Thanks, responses=problems(401))
def list_thanks(member: CurrentMember, store: StoreDep) -> models.Thanks:
    """Thank-yous received and sent, the recent gifts still to thank, and the stickers."""
    with store.unit_of_work(member):
        return present.thanks(store, *thanks_of(store, member, store.now()))


@router.post("/gifts/{gift_id}/thanks", **created(models.ThankYou, 401, 403, 404, 409))
def create_thanks(gift_id: str, body: models.ThanksCreate, member: CurrentMember, store: StoreDep) -> models.ThankYou:
    """Thank the giver of a gift the member received (once per gift)."""
    with store.unit_of_work(member):
        return present.thank_you(store, thank(store, member, gift_id, body.message, body.sticker, store.now()))
