"""Thank-yous: the recipient of a gift may thank its giver once, with a short message, a sticker or both."""

from __future__ import annotations

from datetime import timedelta

from app.api.models import MAX_THANKS_CHARS, StickerId
from app.mock_backend.rules.refusals import Refusal

STICKERS: dict[StickerId, tuple[str, str]] = {
    "coffee": ("\u2615", "Coffee"),
    "party": ("\U0001f389", "Party"),
    "heart": ("\U0001f49b", "Heart"),
    "thanks": ("\U0001f64f", "Thank you"),
}
"""The fixed sticker set: id -> (emoji, name a screen reader says)."""
TO_THANK_FOR = timedelta(days=30)
"""Gifts received this recently without a thank-you are listed to thank."""


def check_thanks(
    *, member_id: str, recipient_id: str, already_thanked: bool, message: str | None, sticker: str | None
) -> None:
    """Check a thank-you for a gift.

    Args:
        member_id: The member saying thank you.
        recipient_id: Who received the gift (only they may thank for it).
        already_thanked: Whether the gift has its thank-you already (one per gift).
        message: The message, trimmed (None or empty: none).
        sticker: The sticker's id, if any.

    Raises:
        Refusal: ``not_gift_recipient`` (403), ``already_thanked`` (409), ``validation_error`` (field ``message``).
    """
    if member_id != recipient_id:
        raise Refusal("not_gift_recipient", "Only the friend who received a gift can thank for it.", None, 403)
    if already_thanked:
        raise Refusal("already_thanked", "You already said thank you for this gift.", None, 409)
    if not message and sticker is None:
        raise Refusal("validation_error", "Write a short message or choose a sticker.", "message")
    if message is not None and len(message) > MAX_THANKS_CHARS:
        at_most = {"n": MAX_THANKS_CHARS}
        raise Refusal("validation_error", "A thank-you is at most {n} characters.", "message", params=at_most)
