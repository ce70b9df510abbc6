"""Challenges: opting in (progress and completion are settled by the store)."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import Member, Participation
from app.mock_backend.rules.challenges import check_join
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store


def join_challenge(store: Store, member: Member, challenge_id: str, at: datetime) -> None:
    """Opt in to a challenge; only what happens from now on counts.

    Raises:
        Refusal: ``not_found`` (404), ``already_joined`` or ``challenge_closed`` (409).
    """
    with store.lock:
        challenge = store.challenges.get(challenge_id)
        if challenge is None:
            raise Refusal("not_found", "There is no such challenge.", None, 404)
        part = member.challenges.get(challenge_id)
        check_join(challenge, part.joined_at if part else None, at)
        member.challenges[challenge_id] = Participation(at)
        member.changed_at = at
        store.settle(member, at)
