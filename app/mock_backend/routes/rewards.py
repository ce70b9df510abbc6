"""Rewards and redemptions."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, created, problems, read
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.wallet import redeem, use_code

router = APIRouter(prefix="/v1", tags=["rewards"])


@router.get("/rewards", response_model=list[models.Reward], responses=problems(401))
def get_rewards(member: CurrentMember, store: StoreDep) -> list[models.Reward]:
    """The catalog, with whether this member can redeem each reward and why not."""
    return read(store, member, present.rewards)


@router.post("/me/redemptions", **created(models.Redemption, 400, 401, 403, 404, 409))
def create_redemption(body: models.RedemptionCreate, once: OnceWrite) -> models.Redemption:
    """Redeem a reward. The Idempotency-Key makes retries safe: one key, one redemption."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.Redemption:
        return present.redemption(redeem(store, member, body.reward_id, now), member, now)

    return once.write("redemptions", body, act)


@router.get("/me/redemptions", response_model=list[models.Redemption], responses=problems(401))
def list_redemptions(member: CurrentMember, store: StoreDep) -> list[models.Redemption]:
    """The member's redemptions, newest first."""
    with store.lock:
        mine = [r for r in store.redemptions.values() if r.member_id == member.id]
        now = store.now()
        return [present.redemption(r, member, now) for r in reversed(mine)]


@router.get("/me/redemptions/{redemption_id}", response_model=models.Redemption, responses=problems(401, 404))
def get_redemption(redemption_id: str, member: CurrentMember, store: StoreDep) -> models.Redemption:
    """One of the member's redemptions (another member's id is simply not found)."""
    with store.lock:
        record = store.redemptions.get(redemption_id)
        if record is None or record.member_id != member.id:
            raise Refusal("not_found", "There is no such redemption.", None, 404)
        return present.redemption(record, member, store.now())


@router.post(
    "/demo/redemptions/{redemption_id}/use",
    response_model=models.Redemption,
    tags=["demo"],
    responses=problems(401, 404, 409),
)
def use_redemption(redemption_id: str, member: CurrentMember, store: StoreDep) -> models.Redemption:
    """Mock only: the code was scanned at the counter, as a till would report it; the code is used from now on."""
    with store.unit_of_work(member):
        record = store.redemptions.get(redemption_id)
        if record is None or record.member_id != member.id:
            raise Refusal("not_found", "There is no such redemption.", None, 404)
        now = store.now()
        store.maintain(member, now)
        return present.redemption(use_code(store, member, record, now), member, now)
