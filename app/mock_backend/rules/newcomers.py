"""Gifts to someone who is not a member yet: the contact they go to, the claim window, and who may claim.

The Stars leave the giver's balance when the gift is sent and are *held* (counted in the program's total) until the
newcomer claims them with the code, or until the claim window ends and they go back to the giver.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Literal

from app.mock_backend.rules.refusals import Refusal

CLAIM_DAYS = 14
CLAIM_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CLAIM_CODE_LENGTH = 10
"""32 symbols, 10 of them: 50 bits, far beyond guessing within a claim window."""

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)
_PHONE = re.compile(r"\+?[0-9(][0-9 \-().]{5,22}[0-9]", re.ASCII)

Channel = Literal["sms", "email"]


def normalize_contact(text: str) -> tuple[str, Channel]:
    """The phone number (digits with an optional leading +) or lower-case email a gift goes to.

    Raises:
        Refusal: ``validation_error`` on field ``contact`` when it is neither.
    """
    text = text.strip()
    if _EMAIL.fullmatch(text):
        return text.lower(), "email"
    if _PHONE.fullmatch(text):
        digits = re.sub(r"[^0-9]", "", text)
        if 7 <= len(digits) <= 15:
            return ("+" if text.startswith("+") else "") + digits, "sms"
    raise Refusal("validation_error", "Enter a phone number or an email address.", "contact")


def normalize_code(text: str) -> str:
    """A claim code as typed: case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]", "", text).upper()


def claim_until(sent_at: datetime) -> datetime:
    return sent_at + timedelta(days=CLAIM_DAYS)


def due_for_return(sent_at: datetime, now: datetime) -> bool:
    """Unclaimed when the window ends: the Stars go back to the giver."""
    return now >= claim_until(sent_at)


def check_claim(*, status: str, sent_at: datetime, giver_id: str, claimant_id: str, joined_at: datetime,
                now: datetime) -> None:
    """Check that a member may claim a held gift.

    Only someone who joined after the gift was sent may claim it (it is a welcome for a newcomer, not a way around
    the friends-only rule), never the giver, and only while it is held and the window is open.

    Raises:
        Refusal: ``claim_closed`` (409), ``not_a_newcomer`` (403), all on field ``claim_code``.
    """
    if status != "held" or due_for_return(sent_at, now):
        raise Refusal("claim_closed", "This gift has already been claimed or has gone back.", "claim_code", 409)
    if claimant_id == giver_id or joined_at < sent_at:
        raise Refusal("not_a_newcomer", "This gift is for someone who joins with the code.", "claim_code", 403)
