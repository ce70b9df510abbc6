"""Friends: the member's friends list, and adding one by friend code."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services.friends import add_friend

router = APIRouter(prefix="/v1/me", tags=["friends"])


@router.get("/friends", response_model=list[models.Friend], responses=problems(401))
def list_friends(member: CurrentMember, store: StoreDep) -> list[models.Friend]:
    with store.lock:
        return [present.friend(store.members[i]) for i in member.friends]


@router.post("/friends", response_model=models.Friend, status_code=201, responses=problems(401, 404, 409))
def create_friend(body: models.FriendCreate, member: CurrentMember, store: StoreDep) -> models.Friend:
    """Add a friend by their friend code (friendship is mutual)."""
    with store.unit_of_work(member):
        return present.friend(add_friend(store, member, body.friend_code, store.now()))
