"""Sign-in: throttled per account and per client address, the same work for known and unknown emails, and the
slow password hash outside the store's lock.

1. Under the throttle's own small lock: refuse at once (429, ``too_many_attempts``, with the wait) when a window is
   full; otherwise count this attempt as a failure in advance, so that a burst of parallel attempts cannot slip
   past the limit while their hashes run.
2. Without any lock: check the password against the member's hash, or against a dummy hash of the same cost for
   an unknown email.
3. Under the store's lock: on success, forgive the attempt, re-hash when the stored parameters are outdated and
   issue the tokens. On failure, answer 401, or 429 when this failure filled a window.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

from app.mock_backend.auth import IssuedTokens
from app.mock_backend.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.throttle import SIGN_IN_LIMITS, Limit, ThrottleKind, retry_after_seconds, wait_needed
from app.mock_backend.store import Store

Key = tuple[ThrottleKind, str]
SWEEP_EVERY = 1000
"""Forget keys whose windows are empty every this many attempts, so a spray of made-up emails cannot grow memory."""


class SignInThrottle:
    """Failed sign-ins per key, in memory (per backend process). Thread-safe on its own."""

    def __init__(self, limits: dict[ThrottleKind, Limit] | None = None) -> None:
        self.limits = limits or SIGN_IN_LIMITS
        self._failures: dict[Key, deque[datetime]] = {}
        self._lock = threading.Lock()
        self._attempts = 0

    def keys(self, email: str, address: str) -> list[Key]:
        account = email.strip().lower()
        return [("account_from_address", f"{account} {address}"), ("account", account), ("address", address)]

    def begin(self, keys: list[Key], now: datetime) -> None:
        """Count an attempt as failed in advance, or refuse it when one of its windows is full.

        Raises:
            Refusal: ``too_many_attempts`` (429) with ``Retry-After``.
        """
        with self._lock:
            self._attempts += 1
            if self._attempts % SWEEP_EVERY == 0:
                self._sweep(now)
            wait = self._wait(keys, now)
            if wait > timedelta(0):
                raise too_many_attempts(wait)
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)

    def forgive(self, keys: list[Key], at: datetime) -> None:
        """The attempt counted at ``at`` succeeded: it is not a failure."""
        with self._lock:
            for key in keys:
                failures = self._failures.get(key)
                if failures is not None and at in failures:
                    failures.remove(at)

    def wait(self, keys: list[Key], now: datetime) -> timedelta:
        """How long until these keys allow another attempt (zero: now)."""
        with self._lock:
            return self._wait(keys, now)

    def _wait(self, keys: list[Key], now: datetime) -> timedelta:
        return max((wait_needed(self._failures.get(k, ()), self.limits[k[0]], now) for k in keys), default=timedelta(0))

    def _sweep(self, now: datetime) -> None:
        for key in list(self._failures):
            failures = self._failures[key]
            window = self.limits[key[0]].window
            while failures and now - failures[0] >= window:
                failures.popleft()
            if not failures:
                del self._failures[key]

    def __len__(self) -> int:
        return len(self._failures)


def too_many_attempts(wait: timedelta) -> Refusal:
    seconds = retry_after_seconds(wait)
    return Refusal(
        "too_many_attempts",
        "Too many attempts. Try again in {seconds} s.",
        None,
        429,
        params={"seconds": str(seconds)},
        headers={"Retry-After": str(seconds)},
    )


def invalid_credentials() -> Refusal:
    return Refusal("invalid_credentials", "That email and password do not match.", None, 401)


def sign_in(
    store: Store, throttle: SignInThrottle, email: str, password: str, address: str, at: datetime
) -> IssuedTokens:
    """Check the password and start a new token family.

    Args:
        store: The store.
        throttle: The process's sign-in throttle.
        email: The email as typed (trimmed and compared case-insensitively).
        password: The password as typed.
        address: The client's address (the throttle counts failures per address too).
        at: The current time.

    Raises:
        Refusal: ``too_many_attempts`` (429, ``Retry-After``) when throttled; ``invalid_credentials`` (401) for an
            unknown email or a wrong password.
    """
    keys = throttle.keys(email, address)
    throttle.begin(keys, at)
    dummy = dummy_hash(store.password_cost)  # made once per cost, never under the lock
    with store.lock:
        member = store.member_by_email(email)
        stored = member.password_hash if member is not None else dummy
    if not verify_password(password, stored) or member is None:  # the slow part, outside every lock
        wait = throttle.wait(keys, at)
        raise too_many_attempts(wait) if wait > timedelta(0) else invalid_credentials()
    throttle.forgive(keys, at)
    upgraded = hash_password(password, store.password_cost) if needs_rehash(stored, store.password_cost) else None
    with store.unit_of_work(member):  # a re-hash and the new tokens are written before the answer
        if upgraded is not None and member.password_hash == stored:
            member.password_hash = upgraded
        return store.tokens.issue(member.id, at)
