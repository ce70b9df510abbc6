"""Friends, added by friend code (friendship is mutual)."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import Member
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store


def add_friend(store: Store, member: Member, friend_code: str, at: datetime) -> Member:
    """Become friends (both ways) with the member who owns ``friend_code``.

    Raises:
        Refusal: ``unknown_friend_code`` (404), ``cannot_friend_self`` (422), ``already_friends`` (409).
    """
    with store.lock:
        other = store.member_by_code("friend_code", friend_code)
        if other is None:
            raise Refusal("unknown_friend_code", "No member has that friend code.", "friend_code", 404)
        if other.id == member.id:
            raise Refusal("cannot_friend_self", "That is your own friend code.", "friend_code", 422)
        if other.id in member.friends:
            raise Refusal("already_friends", f"You and {other.name} are already friends.", "friend_code", 409)
        store.maintain(other, at)
        member.friends.append(other.id)
        other.friends.append(member.id)
        member.changed_at = other.changed_at = at
        return other
