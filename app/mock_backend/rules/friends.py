"""Friend codes and friend requests: who may ask whom, and how fast a code may be guessed.

A friend code is a name stem plus 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 50 bits:
easy to read aloud, too many to guess. Failed look-ups are counted per member and per client address over a sliding
window; past the limit every look-up (even of a real code) waits, so guessing gains nothing.
"""

from __future__ import annotations

import random
import string
from datetime import datetime, timedelta
from typing import Literal

from app.mock_backend.rules.refusals import Refusal

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_RANDOM_CHARS = 10
GUESS_WINDOW = timedelta(minutes=15)
GUESSES_PER_MEMBER = 10
"""Unknown codes one member may try per `GUESS_WINDOW`."""
GUESSES_PER_ADDRESS = 30
"""Unknown codes one client address may try per `GUESS_WINDOW` (several members may share an address)."""

RequestOutcome = Literal["send", "befriend"]


def new_friend_code(name: str, rng: random.Random) -> str:
    """A fresh friend code such as ``ADAL-K7Q2M-X9HHP``: a stem of the name and two groups of five.

    Args:
        name: The member's name (its first letters make the code recognisable).
        rng: Where the randomness comes from (``secrets.SystemRandom()`` for real members).
    """
    stem = "".join(c for c in name.upper() if c in string.ascii_uppercase)[:4] or "STAR"
    chars = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_RANDOM_CHARS))
    half = CODE_RANDOM_CHARS // 2
    return f"{stem}-{chars[:half]}-{chars[half:]}"


def normalise_code(code: str) -> str:
    """The code as compared: upper case, without spaces or dashes (people share codes as they can)."""
    return "".join(c for c in code.upper() if c.isalnum())


def recent(failures: list[datetime], now: datetime) -> list[datetime]:
    """The failures still inside the window at ``now``."""
    return [at for at in failures if now - at < GUESS_WINDOW]


def wait_seconds(failures: list[datetime], limit: int, now: datetime) -> int | None:
    """Seconds until one more look-up is allowed, or None when it is allowed now.

    Args:
        failures: Times of failed look-ups (already trimmed to the window or not).
        limit: Failures allowed per window.
        now: The current time.
    """
    inside = sorted(recent(failures, now))
    if len(inside) < limit:
        return None
    # The oldest failure that must leave the window before one more fits.
    frees_at = inside[len(inside) - limit] + GUESS_WINDOW
    return max(1, int((frees_at - now).total_seconds() + 0.999))


def check_guessing(member_failures: list[datetime], address_failures: list[datetime], now: datetime) -> None:
    """Refuse a look-up while the member or their address has failed too often.

    Raises:
        Refusal: ``too_many_friend_code_attempts`` (429, field ``friend_code``, with ``retry_after``).
    """
    waits = [
        w
        for w in (
            wait_seconds(member_failures, GUESSES_PER_MEMBER, now),
            wait_seconds(address_failures, GUESSES_PER_ADDRESS, now),
        )
        if w is not None
    ]
    if waits:
        wait = max(waits)
        raise Refusal(
            "too_many_friend_code_attempts",
            "Too many friend codes that did not match. Try again in {wait} s.",
            "friend_code",
            429,
            retry_after=wait,
            params={"wait": str(wait)},
        )


def check_request(
    *, sender_id: str, recipient_id: str, already_friends: bool, pending_out: bool, pending_in: bool
) -> RequestOutcome:
    """What adding a member by code does: send a request, or (they asked first) make the friendship.

    Args:
        sender_id: The member adding.
        recipient_id: The owner of the code.
        already_friends: Whether they are friends already.
        pending_out: Whether the sender's request to them is still pending.
        pending_in: Whether their request to the sender is pending: both consented, so they become friends.

    Raises:
        Refusal: ``cannot_friend_self`` (422), ``already_friends`` (409), ``friend_request_pending`` (409).
    """
    if sender_id == recipient_id:
        raise Refusal("cannot_friend_self", "That is your own friend code.", "friend_code", 422)
    if already_friends:
        raise Refusal("already_friends", "You are already friends.", "friend_code", 409)
    if pending_in:
        return "befriend"
    if pending_out:
        raise Refusal("friend_request_pending", "You already sent them a friend request.", "friend_code", 409)
    return "send"


REQUEST_CLOSED: dict[str, str] = {
    "accepted": "This friend request was already accepted.",
    "declined": "This friend request was already declined.",
    "cancelled": "This friend request was already cancelled.",
}
"""Why an answered friend request cannot be answered again, one whole sentence per status."""


def check_answer(*, status: str, is_party: bool) -> None:
    """Check that a friend request may still be answered (accepted, declined or cancelled) by this member.

    Raises:
        Refusal: ``not_found`` (404) for a request that is not the member's to answer, ``friend_request_closed``
            (409) for one already answered or cancelled.
    """
    if not is_party:
        raise Refusal("not_found", "There is no such friend request.", None, 404)
    if status != "pending":
        raise Refusal("friend_request_closed", REQUEST_CLOSED[status], None, 409)
