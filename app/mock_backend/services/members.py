"""Sign-up, sign-in, token refresh and profile changes."""

from __future__ import annotations

import string
from datetime import date, datetime

from app.mock_backend.auth import IssuedTokens
from app.mock_backend.passwords import hash_password
from app.mock_backend.records import Member
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
) -> Member:
    """Create a member with fresh member number, friend code and referral code.

    ``password_hash`` comes from ``passwords.hash_password``, made before taking the store's lock (it is slow).
    """
    with store.lock:
        stem = "".join(c for c in name.upper() if c in string.ascii_uppercase)[:4] or "STAR"
        taken = {(m.friend_code, m.referral_code, m.member_number) for m in store.members.values()}
        flat = {code for triple in taken for code in triple}
        friend_code = referral_code = number = ""
        while not friend_code or friend_code in flat:
            friend_code = _code(store, f"{stem}-", 4)
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


def sign_up(store: Store, *, email: str, password: str, name: str, referral_code: str | None, at: datetime) -> Member:
    """Register a new member, optionally referred by an existing one.

    Raises:
        Refusal: ``validation_error`` (email), ``email_taken`` (409) or ``unknown_referral_code`` (422).
    """
    local, _, domain = email.strip().partition("@")
    if not local or "." not in domain or any(c.isspace() for c in email.strip()):
        raise Refusal("validation_error", "Enter a valid email address.", "email")
    password_hash = hash_password(password, store.password_cost)  # slow: never under the store's lock
    with store.lock:
        if store.member_by_email(email) is not None:
            raise Refusal("email_taken", "There is already an account with that email.", "email", 409)
        referrer = None
        if referral_code:
            referrer = store.member_by_code("referral_code", referral_code)
            if referrer is None:
                raise Refusal("unknown_referral_code", "That referral code does not exist.", "referral_code")
        return create_member(
            store,
            email=email,
            name=name,
            password_hash=password_hash,
            joined_at=at,
            referred_by=referrer.id if referrer else None,
        )


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
