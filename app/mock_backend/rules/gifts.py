"""Gift limits: who may gift how many Stars to whom.

The daily cap is counted per calendar day in the *sender's* time zone, so "today" means the day the member
sees on their own phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.api.models import MAX_MESSAGE_CHARS
from app.api.text import grapheme_count
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import local_date
from app.mock_backend.texts import Stars

MIN_PER_GIFT = 1
MAX_PER_GIFT = 500
DAILY_CAP = 1000


@dataclass(frozen=True)
class Allowance:
    """What a member may gift right now."""

    sent_today: int
    remaining_today: int
    max_now: int


def sent_on_day(gifts_sent: list[tuple[datetime, int]], now: datetime, time_zone: str) -> int:
    """Stars the sender has gifted on the local calendar day of ``now``.

    Args:
        gifts_sent: ``(sent_at, stars)`` for every gift the member sent.
        now: The current time.
        time_zone: The sender's time zone.
    """
    today = local_date(now, time_zone)
    return sum(stars for at, stars in gifts_sent if local_date(at, time_zone) == today)


def allowance(balance: int, sent_today: int) -> Allowance:
    """The largest gift allowed now: ``min(MAX_PER_GIFT, remaining today, balance)``, never below zero."""
    remaining = max(0, DAILY_CAP - sent_today)
    return Allowance(sent_today, remaining, max(0, min(MAX_PER_GIFT, remaining, balance)))


def check_gift(
    *,
    sender_id: str,
    recipient_id: str,
    is_friend: bool,
    stars: int,
    message: str | None,
    balance: int,
    sent_today: int,
) -> None:
    """Check a gift against every rule, in the order a member would want to hear about them.

    Args:
        sender_id: The member sending.
        recipient_id: The member receiving.
        is_friend: Whether the recipient is in the sender's friends list.
        stars: Stars to gift.
        message: Optional note shown to both sides.
        balance: The sender's spendable balance.
        sent_today: Stars already gifted today (sender's local day).

    Raises:
        Refusal: ``gift_limit_exceeded`` (field ``stars``), ``validation_error`` (field ``message``),
            ``cannot_gift_self``, ``not_a_friend`` (field ``friend_id``), ``daily_gift_cap_exceeded`` or
            ``insufficient_balance`` (field ``stars``).
    """
    if not MIN_PER_GIFT <= stars <= MAX_PER_GIFT:
        limits = {"min": MIN_PER_GIFT, "max": MAX_PER_GIFT}
        raise Refusal("gift_limit_exceeded", "A gift is {min} to {max} Stars.", "stars", 422, params=limits)
    if message is not None and grapheme_count(message) > MAX_MESSAGE_CHARS:
        at_most = {"n": MAX_MESSAGE_CHARS}
        raise Refusal("validation_error", "A message is at most {n} characters.", "message", params=at_most)
    if sender_id == recipient_id:
        raise Refusal("cannot_gift_self", "You cannot gift Stars to yourself.", "friend_id", 422)
    if not is_friend:
        raise Refusal("not_a_friend", "You can only gift Stars to friends.", "friend_id", 403)
    check_cap_and_balance(stars, given_today=sent_today, balance=balance)


def check_cap_and_balance(stars: int, *, given_today: int, balance: int) -> None:
    """The limits every way of giving Stars away shares: the daily cap (gifts and pool contributions count together,
    the member's local day) and the balance.

    Raises:
        Refusal: ``daily_gift_cap_exceeded`` or ``insufficient_balance`` (field ``stars``, 409).
    """
    if given_today + stars > DAILY_CAP:
        left = max(0, DAILY_CAP - given_today)
        raise Refusal(
            "daily_gift_cap_exceeded",
            "You can give {cap} Stars a day, gifts and pools together; {left} left today.",
            "stars",
            409,
            params={"cap": DAILY_CAP, "left": left},
        )
    if stars > balance:
        have = {"balance": Stars(balance)}
        raise Refusal("insufficient_balance", "You have {balance} to give.", "stars", 409, params=have)
