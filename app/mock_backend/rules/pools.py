"""Star Pool rules: who may join, contribute and redeem, and whose Stars a redemption spends.

A pool holds its Stars as *lots*, one per contribution, and spends the oldest lot first (like the ledger spends the
oldest batch first), so at any time each member's unspent Stars in the pool are known exactly: leaving gives back
that amount and nothing else. Stars never expire while pooled (the program says so in its rules): a lot has no
expiry; Stars given back are credited as new Stars with a fresh 12-month expiry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.api.models import MAX_POOL_INVITES
from app.mock_backend.rules.gifts import MAX_PER_GIFT, MIN_PER_GIFT, check_cap_and_balance
from app.mock_backend.rules.refusals import Refusal

MIN_PER_CONTRIBUTION = MIN_PER_GIFT
MAX_PER_CONTRIBUTION = MAX_PER_GIFT
STARS_EXPIRE_IN_POOL = False


@dataclass
class Lot:
    """Stars one member put into a pool at one moment; ``remaining`` is what is still unspent."""

    member_id: str
    stars: int
    remaining: int
    given_at: datetime


def pooled(lots: list[Lot]) -> int:
    """Stars in the pool: what is left of every lot."""
    return sum(lot.remaining for lot in lots)


def unspent_of(lots: list[Lot], member_id: str) -> int:
    """Stars ``member_id`` put in that are still in the pool."""
    return sum(lot.remaining for lot in lots if lot.member_id == member_id)


def given_by(lots: list[Lot], member_id: str) -> int:
    """Stars ``member_id`` has put in, in all."""
    return sum(lot.stars for lot in lots if lot.member_id == member_id)


def spend_lots(lots: list[Lot], stars: int) -> dict[str, int]:
    """Take ``stars`` from the oldest lots first.

    Args:
        lots: The pool's lots (mutated: ``remaining`` decreases).
        stars: Stars to take (positive, at most what is pooled).

    Returns:
        Stars taken per member.

    Raises:
        ValueError: If ``stars`` is not positive or exceeds what is pooled (nothing is changed then).
    """
    if stars <= 0 or stars > pooled(lots):
        raise ValueError("cannot spend more than the pool holds")
    taken: dict[str, int] = {}
    left = stars
    for lot in sorted(lots, key=lambda lot: lot.given_at):
        if left == 0:
            break
        take = min(lot.remaining, left)
        if take:
            lot.remaining -= take
            left -= take
            taken[lot.member_id] = taken.get(lot.member_id, 0) + take
    return taken


def take_back(lots: list[Lot], member_id: str) -> int:
    """Empty ``member_id``'s lots and return how many Stars that gives back."""
    back = unspent_of(lots, member_id)
    for lot in lots:
        if lot.member_id == member_id:
            lot.remaining = 0
    return back


def check_invites(*, owner_id: str, invited: list[str], new: list[str], friends: list[str]) -> None:
    """Check invitations: friends of the owner only, not the owner, at most ``MAX_POOL_INVITES`` in all.

    Args:
        owner_id: The pool's owner.
        invited: Everyone already invited (whether they joined, declined or left).
        new: The member ids to invite now.
        friends: The owner's friends.

    Raises:
        Refusal: ``cannot_gift_self`` or ``not_a_friend`` (field ``friend_id``), ``pool_full`` (409).
    """
    for friend_id in new:
        if friend_id == owner_id:
            raise Refusal("cannot_gift_self", "You are in your own pool already.", "friend_id", 422)
        if friend_id not in friends:
            raise Refusal("not_a_friend", "You can only invite friends to a pool.", "friend_id", 403)
    if len(set(invited) | set(new)) > MAX_POOL_INVITES:
        at_most = {"n": MAX_POOL_INVITES}
        raise Refusal("pool_full", "A pool can invite {n} friends at most.", "friend_id", 409, params=at_most)


def check_contribution(*, stars: int, balance: int, given_today: int) -> None:
    """Check a contribution against the gift limits: per contribution, per local day (gifts count too), balance.

    Raises:
        Refusal: ``gift_limit_exceeded``, ``daily_gift_cap_exceeded`` or ``insufficient_balance`` (field ``stars``).
    """
    if not MIN_PER_CONTRIBUTION <= stars <= MAX_PER_CONTRIBUTION:
        raise Refusal(
            "gift_limit_exceeded",
            "A contribution is {min} to {max} Stars.",
            "stars",
            422,
            params={"min": MIN_PER_CONTRIBUTION, "max": MAX_PER_CONTRIBUTION},
        )
    check_cap_and_balance(stars, given_today=given_today, balance=balance)


def goal_progress(stars: int, cost: int) -> tuple[int, float]:
    """Stars still missing to the goal and the 0..1 progress toward it."""
    if cost <= 0:
        return 0, 1.0
    return max(0, cost - stars), min(1.0, stars / cost)


def next_owner(members_in_order: list[str], leaving: str) -> str | None:
    """Who owns the pool once ``leaving`` (the owner) has left: the member who joined earliest, or nobody."""
    return next((m for m in members_in_order if m != leaving), None)
