"""Sign-in throttling: how many failed sign-ins a window allows, and how long to wait once it is full.

A sliding window of failures per key. Keys are an account (the email as typed, known or not, so that throttling
tells nothing about which emails have accounts), an account from one client address, and a client address on
its own (one address spraying many accounts). A key whose window holds ``attempts`` failures refuses further
attempts until the oldest of them leaves the window; refused attempts are not counted, so the wait is bounded:
once an attacker stops, every lockout ends within one window, and a member's right password works again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

ThrottleKind = Literal["account", "account_from_address", "address"]


@dataclass(frozen=True)
class Limit:
    """At most ``attempts`` failed sign-ins within any ``window``."""

    attempts: int
    window: timedelta


SIGN_IN_LIMITS: dict[ThrottleKind, Limit] = {
    # One account from one address: the 20th wrong password within a minute is refused.
    "account_from_address": Limit(20, timedelta(minutes=1)),
    # One account from anywhere: guessing spread over many addresses is bounded too, a little higher so that a
    # member's own address is rarely the one that trips it.
    "account": Limit(40, timedelta(minutes=1)),
    # One address, any accounts (password spraying): many members behind one address (an office, a proxy) still fit.
    "address": Limit(60, timedelta(minutes=1)),
}


def recent(failures: Sequence[datetime], limit: Limit, now: datetime) -> list[datetime]:
    """The failures still inside the window at ``now`` (oldest first)."""
    return [at for at in failures if now - at < limit.window]


def wait_needed(failures: Sequence[datetime], limit: Limit, now: datetime) -> timedelta:
    """How long until one more attempt is allowed: zero when the window is not full.

    Args:
        failures: When the key's failed attempts happened, oldest first.
        limit: The key's limit.
        now: The current time.
    """
    inside = recent(failures, limit, now)
    if len(inside) < limit.attempts:
        return timedelta(0)
    return inside[-limit.attempts] + limit.window - now


def retry_after_seconds(wait: timedelta) -> int:
    """The `Retry-After` value for a wait: whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(wait.total_seconds()))
