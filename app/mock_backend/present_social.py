"""Response bodies of Star Pools, the friends' leaderboard and gifts to newcomers (read-only; callers hold the lock).

Kept next to ``present.py`` in a module of its own so the social layer's responses stay in one place.
"""

from __future__ import annotations

from datetime import datetime

from app.api import models
from app.mock_backend import present
from app.mock_backend.records import HeldGiftRecord, Member, PoolRecord, RedemptionRecord
from app.mock_backend.rules import tiers
from app.mock_backend.rules.catalog import lock_reason, reward_by_id
from app.mock_backend.rules.gifts import DAILY_CAP
from app.mock_backend.rules.leaderboard import Week
from app.mock_backend.rules.newcomers import CLAIM_DAYS, claim_until
from app.mock_backend.rules.pools import (
    MAX_PER_CONTRIBUTION,
    MIN_PER_CONTRIBUTION,
    STARS_EXPIRE_IN_POOL,
    given_by,
    goal_progress,
    pooled,
    unspent_of,
)
from app.mock_backend.services.newcomers import claim_path
from app.mock_backend.store import Store


def pool_rules() -> models.PoolRules:
    return models.PoolRules(
        max_invites=models.MAX_POOL_INVITES,
        min_per_contribution=MIN_PER_CONTRIBUTION,
        max_per_contribution=MAX_PER_CONTRIBUTION,
        daily_cap=DAILY_CAP,
        stars_expire_in_pool=STARS_EXPIRE_IN_POOL,
    )


def pool(store: Store, record: PoolRecord, viewer: Member, at: datetime) -> models.Pool:
    goal = reward_by_id(record.goal_reward_id)
    assert goal is not None
    owner = store.members[record.owner_id]
    stars = pooled(record.lots)
    missing, progress = goal_progress(stars, goal.cost)
    owner_tier = tiers.tier_for(tiers.qualifying_stars(owner.batches, at)).name
    can_redeem = (
        record.status == "open" and missing == 0 and lock_reason(goal, owner_tier, store.stock.get(goal.id)) is None
    )
    people = [
        models.PoolMember(
            member_id=member_id,
            name=store.members[member_id].name,
            role=role,
            given=given_by(record.lots, member_id),
            unspent=unspent_of(record.lots, member_id),
        )
        for member_id, role in sorted(record.roles.items(), key=lambda item: item[1] != "owner")
    ]
    return models.Pool(
        id=record.id,
        name=record.name,
        owner_id=owner.id,
        owner_name=owner.name,
        goal=goal.info(),
        stars=stars,
        stars_to_goal=missing,
        progress=progress,
        can_redeem_goal=can_redeem,
        status=record.status,
        my_role=record.roles.get(viewer.id, "left"),
        members=people,
        activity=list(reversed(record.activity)),
        created_at=record.created_at,
    )


def pool_list(store: Store, member: Member, at: datetime) -> models.PoolList:
    mine = [
        p for p in store.pools.values()
        if p.status == "open" and p.roles.get(member.id) in ("owner", "member", "invited")
    ]
    mine.sort(key=lambda p: p.created_at, reverse=True)
    return models.PoolList(pools=[pool(store, p, member, at) for p in mine], rules=pool_rules())


def pool_redemption(
    store: Store, record: PoolRecord, redemption: RedemptionRecord, owner: Member, at: datetime
) -> models.PoolRedemption:
    return models.PoolRedemption(
        pool=pool(store, record, owner, at), redemption=present.redemption(redemption, owner, at)
    )


def leaderboard(member: Member, week: Week, ranked: list[tuple[int, str, str, int]]) -> models.Leaderboard:
    return models.Leaderboard(
        opted_in=member.on_leaderboard,
        week_starts=week.starts_on,
        resets_at=week.resets_at,
        entries=[
            models.LeaderboardEntry(
                rank=rank, member_id=member_id, name=name, stars=stars, is_me=member_id == member.id
            )
            for rank, member_id, name, stars in ranked
        ],
    )


def held_gift(store: Store, record: HeldGiftRecord) -> models.HeldGift:
    claimer = store.members.get(record.claimed_by or "")
    return present.wire(
        models.HeldGift,
        record,
        claim_path=claim_path(record.claim_code),
        claim_until=claim_until(record.created_at),
        claimed_by_name=claimer.name if claimer else None,
    )


def held_gifts(store: Store, member: Member) -> models.HeldGifts:
    mine = sorted((g for g in store.held_gifts.values() if g.from_id == member.id), key=lambda g: g.created_at,
                  reverse=True)
    return models.HeldGifts(gifts=[held_gift(store, g) for g in mine], claim_days=CLAIM_DAYS)


def claim_result(store: Store, record: HeldGiftRecord, balance_after: int) -> models.ClaimResult:
    giver = store.members[record.from_id]
    return models.ClaimResult(
        stars=record.stars, from_name=giver.name, message=record.message, balance_after=balance_after
    )
