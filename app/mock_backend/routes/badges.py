"""Badges: every badge with its criteria and the member's progress."""

from __future__ import annotations

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems, read

router = APIRouter(prefix="/v1/me", tags=["badges"])


@router.get("/badges", response_model=list[models.Badge], responses=problems(401))
def get_badges(member: CurrentMember, store: StoreDep) -> list[models.Badge]:
    """Every badge with its criteria and the member's progress."""
    return read(store, member, present.badges)
