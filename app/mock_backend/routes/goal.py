"""A goal of one's own: the reward the member saves for (Home's progress bar counts toward it)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api import models
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services.goals import clear_goal, set_goal

router = APIRouter(prefix="/v1/me/goal", tags=["goal"])


@router.put("", response_model=models.Goal, responses=problems(401, 404))
def put_goal(body: models.GoalSet, member: CurrentMember, store: StoreDep) -> models.Goal:
    """Save for this reward from now on (any reward of the catalog)."""
    with store.unit_of_work(member):
        return set_goal(store, member, body.reward_id, store.now())


@router.delete("", status_code=204, responses=problems(401))
def delete_goal(member: CurrentMember, store: StoreDep) -> Response:
    """Stop saving for a goal (Home counts toward the next reward again)."""
    with store.unit_of_work(member):
        clear_goal(store, member, store.now())
    return Response(status_code=204)
