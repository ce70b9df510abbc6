"""Members: creation, sign-in, token refresh and profile changes (joining itself: `services/joining.py`)."""

from __future__ import annotations

import random
import secrets
import string
from datetime import date, datetime

from app.mock_backend.auth import IssuedTokens, hash_password, password_matches
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
    password: str,
    joined_at: datetime,
    time_zone: str = "UTC",
    birthday: date | None = None,
    referred_by: str | None = None,
    code_rng: random.Random | None = None,
) -> Member:
    """Create a member with fresh member number, friend code and referral code.

    The friend code's randomness comes from ``code_rng`` (the seeded demo members: the same codes every run) or the
    operating system's (everyone else: not predictable from the seed).
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
        salt = secrets.token_bytes(16)
        member = Member(
            id=store.next_id("mem"),
            email=email.strip().lower(),
            name=name,
            password_salt=salt,
            password_hash=hash_password(password, salt),
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


def sign_in(store: Store, email: str, password: str, at: datetime) -> IssuedTokens:
    """Check the password and start a new token family.

    Raises:
        Refusal: ``invalid_credentials`` (401) for an unknown email or a wrong password.
    """
    with store.lock:
        member = store.member_by_email(email)
        if member is None or not password_matches(password, member.password_salt, member.password_hash):
            raise Refusal("invalid_credentials", "That email and password do not match.", None, 401)
        return store.tokens.issue(member.id, at)


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
