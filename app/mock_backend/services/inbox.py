"""The inbox of one member: gathered from their events and from what time brings, read marks and preferences."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.api.models import Inbox, InboxItem, InboxKind, RewardRef
from app.mock_backend import present, texts
from app.mock_backend.records import Member
from app.mock_backend.rules import inbox as rules
from app.mock_backend.rules import ledger
from app.mock_backend.rules.catalog import CATALOG, lock_reason, suggest_for_expiring
from app.mock_backend.rules.challenges import challenge_status
from app.mock_backend.services.offers import offers_for
from app.mock_backend.store import Store


def _candidates(store: Store, member: Member, at: datetime) -> list[InboxItem]:
    since = at - timedelta(days=rules.KEEP_DAYS)
    items = [
        item
        for event in reversed(member.events)
        if event.created_at >= since
        for item in [rules.item_for_event(present.event(event))]
        if item is not None
    ]
    soon = ledger.expiring_within(member.batches, at, member.time_zone)
    if soon is not None:
        balance = store.balance(member, at)
        available = [r for r in CATALOG if lock_reason(r, member.tier, store.stock.get(r.id)) is None]
        pick = suggest_for_expiring(soon.stars, balance, available)
        ref = RewardRef(id=pick.id, name=texts.pick(pick.name), cost=pick.cost) if pick else None
        items.append(rules.item_for_expiring(soon.stars, soon.on, ref, ledger.EXPIRY_WARNING_DAYS))
    running = []
    for c in store.challenges.values():
        part = member.challenges.get(c.id)
        joined, completed = (part.joined_at, part.completed_at) if part else (None, None)
        status = challenge_status(c, joined, completed, at)
        title = texts.pick(c.title)
        running.append(rules.RunningChallenge(c.id, title, c.ends_at, c.reward_stars, status in ("open", "joined")))
    items += rules.items_for_challenges(running, at, member.time_zone)
    items += [rules.item_for_offer(o) for o in offers_for(store, member, at) if o.status == "available"]
    return items


def inbox(store: Store, member: Member, at: datetime) -> Inbox:
    with store.lock:
        items, unread = rules.compose(_candidates(store, member, at), member.inbox_read, member.inbox_off, at)
        return Inbox(
            items=items, unread=unread, keep_days=rules.KEEP_DAYS, preferences=rules.preferences(member.inbox_off)
        )


def unread(store: Store, member: Member, at: datetime) -> int:
    """How many items of the inbox are unread (the summary carries it for the top bar)."""
    with store.lock:
        _, count = rules.compose(_candidates(store, member, at), member.inbox_read, member.inbox_off, at)
        return count


def mark_read(store: Store, member: Member, ids: list[str] | None, at: datetime) -> Inbox:
    """Mark these items read (None: every item in the inbox)."""
    with store.lock:
        current, _ = rules.compose(_candidates(store, member, at), member.inbox_read, member.inbox_off, at)
        chosen = [i.id for i in current] if ids is None else ids
        member.inbox_read = rules.mark_read(member.inbox_read, chosen, current)
        store.touch(member)
        return inbox(store, member, at)


def set_preference(store: Store, member: Member, kind: InboxKind, enabled: bool, at: datetime) -> Inbox:
    """Turn one kind of inbox item on or off.

    Raises:
        Refusal: ``preference_locked`` (409) for account and security notices.
    """
    with store.lock:
        member.inbox_off = rules.set_preference(member.inbox_off, kind, enabled)
        store.touch(member)
        return inbox(store, member, at)
