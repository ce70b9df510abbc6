"""Pure rules of joining and of password reset: emailed codes, their expiry and attempts, and throttling windows.

Joining is confirmed by a 6-digit code sent to the email. `POST /v1/members` answers the same for a new email and
for one that already has an account (the account's owner gets a note instead of a code), so the answer never tells
whether an email is taken; only the mailbox's owner learns it. A code expires after `CODE_TTL`, and after
`MAX_CODE_ATTEMPTS` wrong tries it stops working (a new one must be asked for).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

WELCOME_BONUS = 20
"""Stars a new member gets once their email is confirmed (served as `Program.welcome_bonus`)."""
CODE_TTL = timedelta(minutes=15)
CODE_DIGITS = 6
MAX_CODE_ATTEMPTS = 5
"""Wrong codes allowed per email before the code stops working."""


@dataclass(frozen=True)
class Limit:
    """At most `count` events in any `window`."""

    count: int
    window: timedelta


SIGNUPS_PER_ADDRESS = Limit(10, timedelta(hours=1))
"""Sign-ups started from one client address (each sends an email)."""
SIGNUPS_PER_EMAIL = Limit(3, timedelta(hours=1))
"""Codes sent to one email address (sign-up or password reset), so nobody can flood a mailbox."""
RESETS_PER_ADDRESS = Limit(10, timedelta(hours=1))
DEMO_MEMBERS_PER_ADDRESS = Limit(20, timedelta(hours=1))
"""Demo members ("Try the demo") created from one client address."""
DEMO_MEMBER_TTL = timedelta(hours=24)
"""A demo member nobody used for this long is removed (with its tokens) when the next one is created."""
MAX_DEMO_MEMBERS = 1_000
"""At most this many demo members exist; creating one more removes the least recently used."""

CodeCheck = Literal["ok", "wrong", "expired"]


def new_code() -> str:
    """A fresh 6-digit code (from the OS's secure random source)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(code: str) -> bytes:
    """What is kept of a code: its hash (a leaked store does not hand out live codes)."""
    return hashlib.sha256(code.strip().encode()).digest()


def check_code(digest: bytes | None, expires_at: datetime | None, attempts: int, code: str, now: datetime) -> CodeCheck:
    """Whether `code` confirms a pending code (`digest`, valid until `expires_at`) after `attempts` wrong tries.

    No pending code, an expired one and one spent by too many wrong tries are all "expired" (ask for a new code).
    """
    if digest is None or expires_at is None or now >= expires_at or attempts >= MAX_CODE_ATTEMPTS:
        return "expired"
    return "ok" if hmac.compare_digest(digest, code_digest(code)) else "wrong"


def retry_after(times: Sequence[datetime], limit: Limit, now: datetime) -> int | None:
    """Seconds until one more event is allowed under `limit`, given the past events' `times`; None when allowed now."""
    recent = sorted(t for t in times if now - t < limit.window)
    if len(recent) < limit.count:
        return None
    oldest_that_counts = recent[len(recent) - limit.count]
    wait = (oldest_that_counts + limit.window - now).total_seconds()
    return max(1, int(wait) + (0 if wait == int(wait) else 1))


def recent(times: Sequence[datetime], window: timedelta, now: datetime) -> list[datetime]:
    """The events still inside the longest window (older ones can be forgotten)."""
    return [t for t in times if now - t < window]


def looks_like_email(email: str) -> bool:
    local, _, domain = email.strip().partition("@")
    return bool(local) and "." in domain and not any(c.isspace() for c in email.strip())


def welcome_email(name: str, code: str, minutes: int) -> tuple[str, str]:
    return (
        "Your Starboard code",
        f"Hi {name}, welcome to Starboard! Your code is {code}. Enter it in the app within {minutes} minutes to "
        "finish joining. If you did not ask to join, ignore this email.",
    )


def already_member_email() -> tuple[str, str]:
    return (
        "Someone tried to join Starboard with your address",
        "Someone (maybe you) tried to join Starboard with this email address, but you already have an account. "
        "Sign in, or reset your password if you have forgotten it. If it was not you, you can ignore this email.",
    )


def reset_email(code: str, minutes: int) -> tuple[str, str]:
    return (
        "Reset your Starboard password",
        f"Your password reset code is {code}. Enter it in the app within {minutes} minutes to choose a new "
        "password. If you did not ask for this, ignore this email: your password stays the same.",
    )
