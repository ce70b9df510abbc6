"""Turn store records into the wire models of ``app.api.models`` (read-only; callers hold the lock)."""

from __future__ import annotations

from datetime import datetime

from app.api import models
from app.mock_backend.rules import ledger
from app.mock_backend.rules.badges import all_badges
from app.mock_backend.rules.catalog import CATALOG, RewardDef, lock_reason, next_step, suggest_for_expiring
from app.mock_backend.rules.challenges import challenge_progress, challenge_status
from app.mock_backend.rules.gifts import (
    DAILY_CAP,
    MAX_PER_GIFT,
    MIN_PER_GIFT,
    allowance,
    sent_on_day,
)
from app.mock_backend.state import Entry, EventRecord, GiftRecord, Member, RedemptionRecord
from app.mock_backend.store import Store


def profile(member: Member) -> models.Profile:
    return models.Profile(
        id=member.id,
        email=member.email,
        name=member.name,
        tier=member.tier,  # type: ignore[arg-type]
        member_number=member.member_number,
        friend_code=member.friend_code,
        referral_code=member.referral_code,
        birthday=member.birthday,
        time_zone=member.time_zone,
        joined_at=member.joined_at,
    )


def activity_entry(entry: Entry) -> models.ActivityEntry:
    return models.ActivityEntry(
        id=entry.id,
        kind=entry.kind,
        stars=entry.stars,
        reason=entry.reason,  # type: ignore[arg-type]
        created_at=entry.created_at,
        counterparty=entry.counterparty,
        message=entry.message,
        balance_after=entry.balance_after,
    )


def tier_progress(store: Store, member: Member, at: datetime) -> models.TierProgress:
    status = store.tier_status(member, at)
    return models.TierProgress(
        tier=status.tier.name,
        qualifying_stars=status.qualifying_stars,
        next_tier=status.next_tier.name if status.next_tier else None,
        next_tier_threshold=status.next_tier.threshold if status.next_tier else None,
        stars_to_next_tier=status.stars_to_next_tier,
        progress=status.progress,
        status_until=status.status_until,
        days_left_in_status=status.days_left_in_status,
        keep_tier_stars_needed=status.keep_tier_stars_needed,
        keep_message=status.keep_message,
        status_expires=status.tier.threshold > 0,
    )


def _available(store: Store, member: Member) -> list[RewardDef]:
    return [r for r in CATALOG if lock_reason(r, member.tier, store.stock.get(r.id)) is None]


def rewards(store: Store, member: Member, at: datetime) -> list[models.Reward]:
    balance = store.balance(member, at)
    out = []
    for r in CATALOG:
        reason = lock_reason(r, member.tier, store.stock.get(r.id))
        out.append(
            models.Reward(
                id=r.id,
                name=r.name,
                description=r.description,
                cost=r.cost,
                icon=r.icon,
                tier_required=r.tier_required,
                stock=store.stock.get(r.id),
                can_redeem=reason is None and balance >= r.cost,
                stars_missing=max(0, r.cost - balance),
                locked_reason=reason,
            )
        )
    return out


def badges(store: Store, member: Member, at: datetime) -> list[models.Badge]:
    return [
        models.Badge(
            id=p.badge.id,
            name=p.badge.name,
            description=p.badge.description,
            criteria=p.badge.criteria,
            icon=p.badge.icon,
            target=p.badge.target,
            progress=p.progress,
            earned_at=p.earned_at,
        )
        for p in all_badges(store.history(member, at), at)
    ]


def challenges(store: Store, member: Member, at: datetime) -> list[models.Challenge]:
    out = []
    for c in store.challenges.values():
        part = member.challenges.get(c.id)
        joined, completed = (part.joined_at, part.completed_at) if part else (None, None)
        progress = c.target if completed else challenge_progress(c, joined, member.history)
        out.append(
            models.Challenge(
                id=c.id,
                title=c.title,
                description=c.description,
                kind=c.kind,
                target=c.target,
                progress=progress,
                reward_stars=c.reward_stars,
                starts_at=c.starts_at,
                ends_at=c.ends_at,
                status=challenge_status(c, joined, completed, at),
                joined_at=joined,
                completed_at=completed,
            )
        )
    return out


def offers(store: Store, at: datetime) -> list[models.Offer]:
    return [
        models.Offer(
            id=o.id,
            title=o.title,
            description=o.description,
            multiplier=o.multiplier,
            starts_at=o.starts_at,
            ends_at=o.ends_at,
        )
        for o in store.offers
        if o.ends_at > at
    ]


def summary(store: Store, member: Member, at: datetime) -> models.Summary:
    """Everything the Home screen needs. ``as_of`` is the member's last change, so the ETag stays stable."""
    balance = store.balance(member, at)
    available = _available(store, member)
    step = next_step(balance, available)
    next_reward = None
    if step is not None:
        cost, reward = step
        next_reward = models.NextReward(
            cost=cost,
            stars_missing=max(0, cost - balance),
            progress=round(min(1.0, balance / cost), 4),
            reward_name=reward.name if reward else None,
        )
    soon = ledger.expiring_within(member.batches, at, member.time_zone)
    expiring = None
    if soon is not None:
        pick = suggest_for_expiring(soon.stars, balance, available)
        expiring = models.ExpiringSoon(
            stars=soon.stars,
            on=soon.on,
            days_left=soon.days_left,
            suggested_reward=models.RewardRef(id=pick.id, name=pick.name, cost=pick.cost) if pick else None,
        )
    all_badge_models = badges(store, member, at)
    earned = sorted((b for b in all_badge_models if b.earned_at), key=lambda b: b.earned_at or at)
    active = [c for c in challenges(store, member, at) if c.status in ("open", "joined")]
    return models.Summary(
        name=member.name,
        balance=balance,
        tier=tier_progress(store, member, at),
        next_reward=next_reward,
        expiring=expiring,
        challenges=active,
        newest_badge=earned[-1] if earned else None,
        badges_earned=len(earned),
        badges_total=len(all_badge_models),
        offers=offers(store, at),
        as_of=member.changed_at or member.joined_at,
    )


def redemption(record: RedemptionRecord, member: Member) -> models.Redemption:
    return models.Redemption(
        id=record.id,
        reward_id=record.reward_id,
        reward_name=record.reward_name,
        stars=record.stars,
        code=record.code,
        qr_payload=f"starboard:redemption:{record.id}:{record.code}:{member.member_number}",
        created_at=record.created_at,
        balance_after=record.balance_after,
    )


def gift(store: Store, record: GiftRecord) -> models.Gift:
    sender, recipient = store.members[record.from_id], store.members[record.to_id]
    return models.Gift(
        id=record.id,
        from_id=sender.id,
        from_name=sender.name,
        to_id=recipient.id,
        to_name=recipient.name,
        stars=record.stars,
        message=record.message,
        created_at=record.created_at,
        balance_after=record.balance_after,
    )


def gift_allowance(store: Store, member: Member, at: datetime) -> models.GiftAllowance:
    balance = store.balance(member, at)
    allowed = allowance(balance, sent_on_day(member.gifts_sent, at, member.time_zone))
    return models.GiftAllowance(
        balance=balance,
        min_per_gift=MIN_PER_GIFT,
        max_per_gift=MAX_PER_GIFT,
        daily_cap=DAILY_CAP,
        sent_today=allowed.sent_today,
        remaining_today=allowed.remaining_today,
        max_now=allowed.max_now,
        message_max_chars=models.MAX_MESSAGE_CHARS,
    )


def card(store: Store, member: Member, at: datetime) -> models.MemberCard:
    # The payload changes every minute, like a rotating in-store code; the till would verify it server-side.
    payload = f"starboard:member:{member.member_number}:{at:%Y%m%d%H%M}"
    return models.MemberCard(
        member_number=member.member_number,
        name=member.name,
        tier=member.tier,  # type: ignore[arg-type]
        qr_payload=payload,
        balance=store.balance(member, at),
        as_of=at,
    )


def event(record: EventRecord) -> models.Event:
    return models.Event(
        id=record.id,
        kind=record.kind,
        title=record.title,
        body=record.body,  # type: ignore[arg-type]
        stars=record.stars,
        created_at=record.created_at,
    )
