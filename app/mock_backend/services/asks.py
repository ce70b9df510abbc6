"""Asks for Stars between friends: ask, accept (a gift, through every gift rule), decline; asks expire."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import AskRecord, Member
from app.mock_backend.rules import asks as rules
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.wallet import gift
from app.mock_backend.store import Store
from app.mock_backend.texts import Stars, say


def ask_stars(store: Store, member: Member, friend_id: str, stars: int, note: str | None, at: datetime) -> AskRecord:
    """Ask a friend for Stars.

    Raises:
        Refusal: see ``rules.asks.check_ask``.
    """
    with store.lock:
        note = (note or "").strip() or None
        friend = store.members.get(friend_id)
        rules.check_ask(
            asker_id=member.id,
            friend_id=friend_id,
            is_friend=friend is not None and friend_id in member.friends,
            stars=stars,
            open_already=any(
                a.from_id == member.id
                and a.to_id == friend_id
                and rules.status_at(a.status, a.expires_at, at) == "open"
                for a in store.asks.values()
            ),
        )
        assert friend is not None
        record = AskRecord(store.next_id("ask"), member.id, friend.id, stars, note, at, at + rules.EXPIRES_AFTER)
        store.asks[record.id] = record
        body = (
            say("ask_received_note", name=member.name, stars=Stars(stars), note=note)
            if note
            else say("ask_received_body", name=member.name, stars=Stars(stars))
        )
        store.add_event(friend, "ask_received", say("ask_received"), body, at)
        member.changed_at = friend.changed_at = at
        store.touch(member)
        store.touch(friend)
        return record


def _askable(store: Store, member: Member, ask_id: str, at: datetime) -> AskRecord:
    record = store.asks.get(ask_id)
    if record is None:
        raise Refusal("not_found", "There is no such ask.", None, 404)
    rules.check_answer(status=rules.status_at(record.status, record.expires_at, at), is_asked=record.to_id == member.id)
    return record


def accept_ask(store: Store, member: Member, ask_id: str, at: datetime) -> AskRecord:
    """Accept an ask: gift the Stars asked for (every gift rule applies), and tell the asker.

    Raises:
        Refusal: see ``rules.asks.check_answer`` and ``rules.gifts.check_gift``.
    """
    with store.lock:
        record = _askable(store, member, ask_id, at)
        sent = gift(store, member, record.from_id, record.stars, record.note, at)
        record.status, record.answered_at, record.gift_id = "accepted", at, sent.id
        asker = store.members[record.from_id]
        body = say("ask_accepted_body", name=member.name, stars=Stars(record.stars))
        store.add_event(asker, "ask_answered", say("ask_accepted"), body, at)
        return record


def decline_ask(store: Store, member: Member, ask_id: str, at: datetime) -> AskRecord:
    """Decline an ask; the asker hears it.

    Raises:
        Refusal: see ``rules.asks.check_answer``.
    """
    with store.lock:
        record = _askable(store, member, ask_id, at)
        record.status, record.answered_at = "declined", at
        asker = store.members[record.from_id]
        store.add_event(asker, "ask_answered", say("ask_declined"), say("ask_declined_body", name=member.name), at)
        asker.changed_at = member.changed_at = at
        store.touch(asker)
        store.touch(member)
        return record


def asks_of(store: Store, member: Member, at: datetime) -> tuple[list[AskRecord], list[AskRecord]]:
    """(incoming open asks, the member's own asks: open ones and outcomes of the last 30 days), newest first."""
    with store.lock:
        newest = sorted(store.asks.values(), key=lambda a: a.created_at, reverse=True)
        incoming = [a for a in newest if a.to_id == member.id and rules.status_at(a.status, a.expires_at, at) == "open"]
        outgoing = [a for a in newest if a.from_id == member.id and at - a.created_at <= rules.SHOW_ANSWERED_FOR]
        return incoming, outgoing
