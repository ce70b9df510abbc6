"""Star Pools: create, invite, join or decline, contribute, redeem from the pool, leave (money moves under the lock).

Conservation: a contribution moves Stars from a member's balance into the pool's lots; leaving moves the leaver's
unspent lots back; a pool redemption spends lots (oldest first). Stars are never made or lost on the way.
"""

from __future__ import annotations

from datetime import datetime

from app.api.models import PoolActivityKind
from app.mock_backend.records import Member, PoolActivityRecord, PoolRecord, RedemptionRecord
from app.mock_backend.rules import tiers
from app.mock_backend.rules.catalog import check_redeem, reward_by_id
from app.mock_backend.rules.gifts import sent_on_day
from app.mock_backend.rules.pools import (
    Lot,
    check_contribution,
    check_invites,
    next_owner,
    pooled,
    spend_lots,
    take_back,
)
from app.mock_backend.rules.redemptions import code_expires_at
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store
from app.mock_backend.texts import say


def note(store: Store, pool: PoolRecord, kind: PoolActivityKind, who: Member, text: str, at: datetime,
         stars: int | None = None) -> None:
    """Add a line to the pool's own activity."""
    pool.activity.append(
        PoolActivityRecord(
            id=store.next_id("pact"), kind=kind, member_name=who.name, stars=stars, text=text, created_at=at
        )
    )


def pool_for(store: Store, member: Member, pool_id: str, *roles: str) -> PoolRecord:
    """The pool, when ``member`` holds one of ``roles`` in it; otherwise 404 (a pool is private to its people)."""
    pool = store.pools.get(pool_id)
    if pool is None or pool.roles.get(member.id) not in roles:
        raise Refusal("not_found", "There is no such pool.", None, 404)
    return pool


def _open(pool: PoolRecord) -> None:
    if pool.status != "open":
        raise Refusal("pool_closed", "This pool is closed.", None, 409)


def _invite(store: Store, pool: PoolRecord, owner: Member, friend_ids: list[str], at: datetime) -> None:
    new = [f for f in dict.fromkeys(friend_ids) if f not in pool.roles]
    invited = [m for m in pool.roles if m != pool.owner_id]
    check_invites(owner_id=owner.id, invited=invited, new=new, friends=owner.friends)
    for friend_id in new:
        friend = store.member(friend_id)
        pool.roles[friend_id] = "invited"
        note(store, pool, "invited", owner, f"{owner.name} invited {friend.name}", at)
        said = say("as_written", text=pool.name)
        store.add_event(friend, "pool_invited", say("pool_invited", name=owner.name), said, at)


def create_pool(
    store: Store, owner: Member, name: str, goal_reward_id: str, invite_ids: list[str], at: datetime
) -> PoolRecord:
    """Create a pool saving for ``goal_reward_id`` and invite friends.

    Raises:
        Refusal: ``unknown_reward`` (field ``goal_reward_id``); see ``rules.pools.check_invites``.
    """
    with store.lock:
        if reward_by_id(goal_reward_id) is None:
            raise Refusal("unknown_reward", "There is no such reward.", "goal_reward_id", 404)
        pool = PoolRecord(store.next_id("pool"), name, owner.id, goal_reward_id, at)
        pool.roles[owner.id] = "owner"
        pool.joined.append(owner.id)
        _invite(store, pool, owner, invite_ids, at)  # refuses before the pool is stored
        note(store, pool, "created", owner, f"{owner.name} started the pool", at)
        pool.activity.insert(0, pool.activity.pop())
        store.pools[pool.id] = pool
        return pool


def invite(store: Store, owner: Member, pool_id: str, friend_id: str, at: datetime) -> PoolRecord:
    with store.lock:
        pool = pool_for(store, owner, pool_id, "owner")
        _open(pool)
        _invite(store, pool, owner, [friend_id], at)
        return pool


def answer_invite(store: Store, member: Member, pool_id: str, join: bool, at: datetime) -> PoolRecord:
    """Join or decline an invitation (only while invited)."""
    with store.lock:
        pool = pool_for(store, member, pool_id, "invited")
        _open(pool)
        if join:
            pool.roles[member.id] = "member"
            pool.joined.append(member.id)
            note(store, pool, "joined", member, f"{member.name} joined", at)
        else:
            pool.roles[member.id] = "declined"
            note(store, pool, "declined", member, f"{member.name} declined", at)
        return pool


def contribute(store: Store, member: Member, pool_id: str, stars: int, at: datetime) -> tuple[PoolRecord, int]:
    """Move ``stars`` from the member's balance into the pool. Returns the pool and the member's balance after.

    Raises:
        Refusal: see ``rules.pools.check_contribution``; ``pool_closed``; 404 for someone not in the pool.
    """
    with store.lock:
        pool = pool_for(store, member, pool_id, "owner", "member")
        _open(pool)
        check_contribution(
            stars=stars,
            balance=store.balance(member, at),
            given_today=sent_on_day(member.gifts_sent, at, member.time_zone),
        )
        reason = say("pool_contribution", pool=pool.name)
        entry = store.debit(member, "pool_contribution", stars, reason, at, counterparty=pool.name)
        member.gifts_sent.append((at, stars))
        pool.lots.append(Lot(member.id, stars, stars, at))
        note(store, pool, "contributed", member, f"{member.name} gave {stars:,} Stars", at, stars)
        return pool, entry.balance_after


def redeem(
    store: Store, owner: Member, pool_id: str, reward_id: str, at: datetime
) -> tuple[PoolRecord, RedemptionRecord]:
    """The owner redeems a reward with the pool's Stars (oldest contributions spent first).

    Raises:
        Refusal: ``not_pool_owner`` (403); see ``rules.catalog.check_redeem`` (the owner's tier, the pool's Stars).
    """
    with store.lock:
        pool = pool_for(store, owner, pool_id, "owner", "member")
        _open(pool)
        if pool.roles[owner.id] != "owner":
            raise Refusal("not_pool_owner", "Only the pool's owner can redeem its Stars.", None, 403)
        tier = tiers.tier_for(tiers.qualifying_stars(owner.batches, at)).name
        reward = check_redeem(reward_by_id(reward_id), tier, store.stock.get(reward_id), pooled(pool.lots))
        stock = store.stock.get(reward.id)
        if stock is not None:
            store.stock[reward.id] = stock - 1
        spend_lots(pool.lots, reward.cost)
        code = "".join(store.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        record = RedemptionRecord(
            store.next_id("red"), owner.id, reward.id, reward.name.en, reward.cost, code, at, pooled(pool.lots),
            expires_at=code_expires_at(at),
        )
        store.redemptions[record.id] = record
        pool.redeemed += reward.cost
        note(store, pool, "redeemed", owner, f"{owner.name} redeemed {reward.name.en}", at, -reward.cost)
        for member_id in pool.joined:
            if member_id != owner.id:
                store.add_event(
                    store.member(member_id), "pool_redeemed", say("pool_redeemed", pool=pool.name, reward=reward.name),
                    say("pool_redeemed_body", name=owner.name), at,
                )
        ready, show = say("reward_ready", reward=reward.name), say("show_code", code=code)
        store.add_event(owner, "reward_redeemed", ready, show, at)
        return pool, record


def leave(store: Store, member: Member, pool_id: str, at: datetime) -> tuple[PoolRecord, int, int]:
    """Leave a pool: what the member gave and is unspent goes back to them; the last one out closes the pool.

    Returns:
        The pool, the Stars given back and the member's balance after.
    """
    with store.lock:
        pool = pool_for(store, member, pool_id, "owner", "member")
        back = take_back(pool.lots, member.id)
        balance_after = store.balance(member, at)
        if back:
            entry = store.credit(
                member, "pool_return", back, say("pool_unspent_back", pool=pool.name), at, counterparty=pool.name
            )
            balance_after = entry.balance_after
        text = f"{member.name} left; {back:,} unspent Stars went back to them" if back else f"{member.name} left"
        note(store, pool, "left", member, text, at, -back if back else None)
        pool.roles[member.id] = "left"
        pool.joined.remove(member.id)
        if pool.owner_id == member.id:
            heir = next_owner(pool.joined, member.id)
            if heir is not None:
                pool.owner_id = heir
                pool.roles[heir] = "owner"
        if not pool.joined:
            close(store, pool, member, at)
        store.settle(member, at)
        return pool, back, balance_after


def close(store: Store, pool: PoolRecord, last: Member, at: datetime) -> None:
    """No member left: open invitations lapse and anything still pooled goes back to who gave it."""
    for member_id, role in pool.roles.items():
        if role == "invited":
            pool.roles[member_id] = "declined"
    for member_id in {lot.member_id for lot in pool.lots if lot.remaining}:
        giver = store.member(member_id)
        back = take_back(pool.lots, member_id)
        store.credit(giver, "pool_return", back, say("pool_closed_back", pool=pool.name), at,
                     counterparty=pool.name)
    pool.status = "closed"
    note(store, pool, "closed", last, "The pool closed: no members left", at)
