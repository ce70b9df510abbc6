"""Asking a friend for Stars: who may ask whom for how many, how long an ask stays open, who may answer it.

Accepting an ask is a gift from the friend who was asked, so every gift rule (per-gift limits, the daily cap, the
balance) applies when it is accepted, not when it is asked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.api.models import AskStatus
from app.mock_backend.rules.gifts import MAX_PER_GIFT, MIN_PER_GIFT
from app.mock_backend.rules.refusals import Refusal

EXPIRES_AFTER = timedelta(days=7)
SHOW_ANSWERED_FOR = timedelta(days=30)
"""How long the asker keeps seeing an ask's outcome."""


def status_at(status: AskStatus, expires_at: datetime, now: datetime) -> AskStatus:
    """The ask's status at ``now``: an open ask past its expiry is ``expired``."""
    return "expired" if status == "open" and now >= expires_at else status


def check_ask(*, asker_id: str, friend_id: str, is_friend: bool, stars: int, open_already: bool) -> None:
    """Check a new ask.

    Args:
        asker_id: The member asking.
        friend_id: The friend asked.
        is_friend: Whether they are friends.
        stars: Stars asked for (one gift's limits).
        open_already: Whether the asker already has an open ask to this friend (one at a time, per direction).

    Raises:
        Refusal: ``gift_limit_exceeded`` (field ``stars``), ``cannot_gift_self``, ``not_a_friend`` (field
            ``friend_id``), ``ask_pending`` (409).
    """
    if not MIN_PER_GIFT <= stars <= MAX_PER_GIFT:
        limits = {"min": MIN_PER_GIFT, "max": MAX_PER_GIFT}
        raise Refusal("gift_limit_exceeded", "Ask for {min} to {max} Stars.", "stars", 422, params=limits)
    if asker_id == friend_id:
        raise Refusal("cannot_gift_self", "You cannot ask yourself for Stars.", "friend_id", 422)
    if not is_friend:
        raise Refusal("not_a_friend", "You can only ask friends for Stars.", "friend_id", 403)
    if open_already:
        raise Refusal("ask_pending", "You already asked this friend; wait for their answer.", "friend_id", 409)


ASK_CLOSED: dict[str, str] = {
    "accepted": "This ask was accepted: it can no longer be answered.",
    "declined": "This ask was declined: it can no longer be answered.",
    "expired": "This ask has expired: it can no longer be answered.",
}
"""Why a closed ask cannot be answered, one whole sentence per status (a status word glued in would not translate)."""


def check_answer(*, status: AskStatus, is_asked: bool) -> None:
    """Check that the member may still answer an ask (accept or decline).

    Args:
        status: The ask's status now (see ``status_at``).
        is_asked: Whether the member is the friend who was asked.

    Raises:
        Refusal: ``not_found`` (404) for an ask that is not theirs to answer, ``ask_closed`` (409) otherwise.
    """
    if not is_asked:
        raise Refusal("not_found", "There is no such ask.", None, 404)
    if status != "open":
        raise Refusal("ask_closed", ASK_CLOSED[status], None, 409)
