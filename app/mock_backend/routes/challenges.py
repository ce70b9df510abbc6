"""Challenges: list them and opt in."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems, read
from app.mock_backend.services.challenges import join_challenge

router = APIRouter(prefix="/v1/me", tags=["challenges"])


@router.get("/challenges", response_model=list[models.Challenge], responses=problems(401))
def get_challenges(member: CurrentMember, store: StoreDep) -> list[models.Challenge]:
    """All challenges with status and progress (counted only after joining)."""
    return read(store, member, present.challenges)


@router.post("/challenges/{challenge_id}/join", response_model=models.Challenge, responses=problems(401, 404, 409))
def join(challenge_id: str, member: CurrentMember, store: StoreDep) -> models.Challenge:
    """Opt in to a challenge."""
    with store.unit_of_work(member):
        now = store.now()
        join_challenge(store, member, challenge_id, now)
        return present.challenge(store, member, challenge_id, now)
