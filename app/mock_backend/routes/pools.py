"""Star Pools: a member and up to five invited friends save Stars together for a reward the owner redeems."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present_social
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, created, problems, read
from app.mock_backend.services import pools

router = APIRouter(prefix="/v1/me", tags=["pools"])


@router.get("/pools", response_model=models.PoolList, responses=problems(401))
def list_pools(member: CurrentMember, store: StoreDep) -> models.PoolList:
    """Open pools the member is in or invited to, with the pool rules."""
    return read(store, member, present_social.pool_list)


@router.post("/pools", **created(models.Pool, 401, 403, 404, 409))
def create_pool(body: models.PoolCreate, member: CurrentMember, store: StoreDep) -> models.Pool:
    """Start a pool for a goal reward and invite up to five friends."""
    with store.unit_of_work(member):
        now = store.now()
        record = pools.create_pool(store, member, body.name, body.goal_reward_id, body.invite_ids, now)
        return present_social.pool(store, record, member, now)


@router.get("/pools/{pool_id}", response_model=models.Pool, responses=problems(401, 404))
def get_pool(pool_id: str, member: CurrentMember, store: StoreDep) -> models.Pool:
    with store.lock:
        now = store.now()
        record = pools.pool_for(store, member, pool_id, "owner", "member", "invited")
        return present_social.pool(store, record, member, now)


@router.post("/pools/{pool_id}/invites", response_model=models.Pool, responses=problems(401, 403, 404, 409))
def invite_friend(pool_id: str, body: models.PoolInviteCreate, member: CurrentMember, store: StoreDep) -> models.Pool:
    """The owner invites one more friend (five at most in all)."""
    with store.unit_of_work(member):
        now = store.now()
        return present_social.pool(store, pools.invite(store, member, pool_id, body.friend_id, now), member, now)


@router.post("/pools/{pool_id}/join", response_model=models.Pool, responses=problems(401, 404, 409))
def join_pool(pool_id: str, member: CurrentMember, store: StoreDep) -> models.Pool:
    """Accept an invitation."""
    with store.unit_of_work(member):
        now = store.now()
        return present_social.pool(store, pools.answer_invite(store, member, pool_id, True, now), member, now)


@router.post("/pools/{pool_id}/decline", response_model=models.Pool, responses=problems(401, 404, 409))
def decline_pool(pool_id: str, member: CurrentMember, store: StoreDep) -> models.Pool:
    """Decline an invitation."""
    with store.unit_of_work(member):
        now = store.now()
        return present_social.pool(store, pools.answer_invite(store, member, pool_id, False, now), member, now)


@router.post("/pools/{pool_id}/contributions", **created(models.PoolContributionResult, 400, 401, 404, 409))
def contribute(pool_id: str, body: models.PoolContributionCreate, once: OnceWrite) -> models.PoolContributionResult:
    """Put Stars into the pool: 1 to 500 at a time, within the daily cap shared with gifts, never above the balance."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.PoolContributionResult:
        record, balance_after = pools.contribute(store, member, pool_id, body.stars, now)
        return models.PoolContributionResult(
            pool=present_social.pool(store, record, member, now), stars=body.stars, balance_after=balance_after
        )

    return once.write(f"pools/{pool_id}/contributions", body, act)


@router.post("/pools/{pool_id}/redemptions", **created(models.PoolRedemption, 400, 401, 403, 404, 409))
def redeem_from_pool(pool_id: str, body: models.PoolRedemptionCreate, once: OnceWrite) -> models.PoolRedemption:
    """The owner redeems a reward with the pool's Stars."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.PoolRedemption:
        record, redemption = pools.redeem(store, member, pool_id, body.reward_id, now)
        return present_social.pool_redemption(store, record, redemption, member, now)

    return once.write(f"pools/{pool_id}/redemptions", body, act)


@router.post("/pools/{pool_id}/leave", response_model=models.PoolLeft, responses=problems(400, 401, 404))
def leave_pool(pool_id: str, once: OnceWrite) -> models.PoolLeft:
    """Leave the pool; the Stars one gave and that are unspent come back. The last one out closes the pool."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.PoolLeft:
        record, back, balance_after = pools.leave(store, member, pool_id, now)
        return models.PoolLeft(
            pool_id=record.id, returned=back, balance_after=balance_after, pool_closed=record.status == "closed"
        )

    return once.write(f"pools/{pool_id}/leave", models.PoolLeave(), act)
