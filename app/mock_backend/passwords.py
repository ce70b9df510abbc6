"""Password hashing: scrypt with its parameters stored beside each hash, so they can be raised later.

A stored hash reads ``$scrypt$ln=14,r=8,p=5$<salt>$<key>`` (the PHC string format; salt and key in unpadded
base64): it says how it was made, so a hash made with older parameters still verifies, and the sign-in that
proves the password re-hashes it with the current ones (``needs_rehash``).

The served backend uses ``SERVER_COST``, one of OWASP's equivalent scrypt settings (Password Storage Cheat Sheet:
N=2^17 r=8 p=1, or N=2^16 r=8 p=2, ..., or N=2^14 r=8 p=5). We take N=2^14, r=8, p=5: the same CPU work as the
others but 16 MiB of memory per hash instead of 128 MiB, which keeps a server that hashes several sign-ins at once
within sane memory. At most ``HASHING_SLOTS`` hashes run at the same time (half the cores); the others wait.

Hashing is slow on purpose, so the store never hashes while holding its lock: callers hash first and take the
lock for the short bookkeeping afterwards. An unknown email is checked against ``dummy_hash(cost)`` so that it
costs the same as a known one (no telling which emails have accounts by timing).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
import threading
from dataclasses import dataclass

HASH_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors: N = 2**ln (CPU and memory), r (block size), p (parallelism)."""

    ln: int
    r: int = 8
    p: int = 1

    @property
    def memory_bytes(self) -> int:
        """What one hash needs in memory (128 * r * N bytes, plus a little)."""
        return 128 * self.r * (2**self.ln)

    def phc(self) -> str:
        return f"ln={self.ln},r={self.r},p={self.p}"


SERVER_COST = ScryptCost(ln=14, r=8, p=5)
"""What the served backend (and the app's embedded one) hashes with: OWASP's N=2^14, r=8, p=5 (16 MiB per hash)."""
LIGHT_COST_FOR_TESTS = ScryptCost(ln=4, r=1, p=1)
"""Test suites only (tests/conftest.py): they sign in thousands of times. Never served."""
TIMING_COST_FOR_TESTS = ScryptCost(ln=10, r=8, p=1)
"""Test suites only: heavy enough (about a millisecond) that skipping a hash shows in sign-in timings."""

HASHING_SLOTS = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))
"""Hashes running at once: half the cores (hashlib's scrypt releases the GIL), so a flood of sign-ins leaves the
other half to everyone else's requests and holds at most this many times ``memory_bytes``. It waits here, never in
the store's lock."""

_PHC = re.compile(r"\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)")

_default_cost = SERVER_COST


def default_cost() -> ScryptCost:
    """The cost a new `Store` hashes with: `SERVER_COST`, unless a test suite chose the light one."""
    return _default_cost


def use_light_cost_for_tests() -> None:
    """Make stores built from now on in this process hash with `LIGHT_COST_FOR_TESTS` (test suites only)."""
    global _default_cost
    _default_cost = LIGHT_COST_FOR_TESTS


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _derive(password: str, salt: bytes, cost: ScryptCost) -> bytes:
    # A lone surrogate cannot be encoded as UTF-8; the contract refuses it before it gets here, and
    # "surrogatepass" keeps this function total for any other caller.
    with HASHING_SLOTS:
        return hashlib.scrypt(
            password.encode("utf-8", "surrogatepass"),
            salt=salt,
            n=2**cost.ln,
            r=cost.r,
            p=cost.p,
            maxmem=cost.memory_bytes + 1024 * 1024 * cost.p + 1024 * 1024,
            dklen=HASH_BYTES,
        )


def hash_password(password: str, cost: ScryptCost) -> str:
    """A new salted hash of ``password`` in PHC string form (slow by design: never call it holding a lock)."""
    salt = secrets.token_bytes(SALT_BYTES)
    return f"$scrypt${cost.phc()}${_b64(salt)}${_b64(_derive(password, salt, cost))}"


def cost_of(encoded: str) -> ScryptCost:
    """The parameters a stored hash was made with.

    Raises:
        ValueError: ``encoded`` is not a hash this module wrote.
    """
    found = _PHC.fullmatch(encoded)
    if found is None:
        raise ValueError("not a scrypt hash in PHC form")
    return ScryptCost(ln=int(found[1]), r=int(found[2]), p=int(found[3]))


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches the stored hash (constant-time comparison; slow by design)."""
    found = _PHC.fullmatch(encoded)
    if found is None:
        return False
    cost = ScryptCost(ln=int(found[1]), r=int(found[2]), p=int(found[3]))
    return hmac.compare_digest(_derive(password, _unb64(found[4]), cost), _unb64(found[5]))


def needs_rehash(encoded: str, cost: ScryptCost) -> bool:
    """Whether a stored hash was made with other parameters than ``cost`` (re-hash it on the next sign-in)."""
    try:
        return cost_of(encoded) != cost
    except ValueError:
        return True


@functools.cache
def dummy_hash(cost: ScryptCost) -> str:
    """A hash of a random password at ``cost``: what an unknown email is checked against, for the same work."""
    return hash_password(secrets.token_urlsafe(16), cost)
