"""Members: creation, sign-in, token refresh and profile changes (joining itself: `services/joining.py`)."""

from __future__ import annotations

import random
import secrets
import string
from datetime import date, datetime

from app.mock_backend.auth import IssuedTokens
from app.mock_backend.records import Member
from app.mock_backend.rules.friends import new_friend_code
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import local_date
from app.mock_backend.store import Store

_CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _code(store: Store, prefix: str, length: int) -> str:
    return prefix + "".join(store.rng.choice(_CODE_CHARS) for _ in range(length))


def create_member(
    store: Store,
    *,
    email: str,
    name: str,
    password_hash: str,
    joined_at: datetime,
    time_zone: str = "UTC",
    birthday: date | None = None,
    referred_by: str | None = None,
    code_rng: random.Random | None = None,
) -> Member:
    """Create a member with fresh member number, friend code and referral code.

    The friend code's randomness comes from ``code_rng`` (the seeded demo members: the same codes every run) or the
    operating system's (everyone else: not predictable from the seed).
    ``password_hash`` comes from ``passwords.hash_password``, made before taking the store's lock (it is slow).
    """
    with store.lock:
        stem = "".join(c for c in name.upper() if c in string.ascii_uppercase)[:4] or "STAR"
        codes = code_rng or secrets.SystemRandom()
        taken = {(m.friend_code, m.referral_code, m.member_number) for m in store.members.values()}
        flat = {code for triple in taken for code in triple}
        friend_code = referral_code = number = ""
        while not friend_code or friend_code in flat:
            friend_code = new_friend_code(name, codes)
        while not referral_code or referral_code in flat:
            referral_code = _code(store, f"REF-{stem}-", 4)
        while not number or number in flat:
            number = "6" + "".join(store.rng.choice(string.digits) for _ in range(15))
        member = Member(
            id=store.next_id("mem"),
            email=email.strip().lower(),
            name=name,
            password_hash=password_hash,
            member_number=number,
            friend_code=friend_code,
            referral_code=referral_code,
            time_zone=time_zone,
            joined_at=joined_at,
            birthday=birthday,
            referred_by=referred_by,
            changed_at=joined_at,
        )
        store.members[member.id] = member
        return member




def refresh(store: Store, refresh_token: str, at: datetime) -> IssuedTokens:
    """Rotate a refresh token (see ``auth.TokenBook.rotate``)."""
    with store.lock:
        return store.tokens.rotate(refresh_token, at)


def sign_out(store: Store, access_token: str) -> None:
    """Revoke every token from the sign-in that issued ``access_token``."""
    with store.lock:
        family = store.tokens.family_of(access_token)
        if family is not None:
            store.tokens.revoke_family(family)


def authenticate(store: Store, access_token: str, at: datetime) -> Member:
    """The member behind a bearer token, after lazy maintenance (expiry, birthday bonus, tier)."""
    with store.lock:
        member = store.member(store.tokens.member_for(access_token, at))
        store.maintain(member, at)
        return member


def update_profile(store: Store, member: Member, *, name: str | None, birthday: date | None, at: datetime) -> Member:
    """Change the name and/or birthday. A birthday cannot be in the future.

    Raises:
        Refusal: ``validation_error`` (field ``birthday``).
    """
    with store.lock:
        if birthday is not None:
            if birthday > local_date(at, member.time_zone) or birthday.year < 1900:
                raise Refusal("validation_error", "Enter a real birthday.", "birthday")
            member.birthday = birthday
        if name is not None:
            member.name = name
        member.changed_at = at
        store.maintain(member, at)
        return member
