"""Tokens: opaque bearer access tokens and rotating refresh tokens with reuse detection (passwords: passwords.py).

Every sign-in starts a token *family*. Refreshing spends the refresh token and issues a new pair in the
same family. Presenting a spent refresh token again means it leaked, so the whole family is revoked: every
access and refresh token issued from that sign-in stops working. Except within ``REUSE_GRACE`` of its first use:
two app sessions of one browser (two tabs, or a reload while the old page's session still runs) hold the same
tokens from the device's storage, their access token expires at the same moment, and both refresh it. The second
gets a pair of its own in the same family instead of signing the member out everywhere (the "reuse interval" of
Auth0's and Okta's refresh-token rotation).

Tokens are kept by their SHA-256 only (``token_key``): the book, and the --db file it is written to, can check a
presented token but never hand one out.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.mock_backend.rules.refusals import Refusal


def token_key(token: str) -> str:
    """What the book keeps of a token: its SHA-256 (hex)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class AccessRecord:
    member_id: str
    family: str
    expires_at: datetime


@dataclass(frozen=True)
class RefreshRecord:
    member_id: str
    family: str
    expires_at: datetime


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int


def unauthorized(detail: str = "Sign in to continue.") -> Refusal:
    return Refusal("unauthorized", detail, None, 401)


REUSE_GRACE = timedelta(seconds=60)
"""How long a spent refresh token may be presented again without revoking its family (see the module's text)."""

class TokenBook:
    """Issued tokens. Not thread-safe on its own: the store calls it with its lock held."""

    def __init__(self, access_ttl: timedelta, refresh_ttl: timedelta) -> None:
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.access: dict[str, AccessRecord] = {}
        """Access tokens by ``token_key``."""
        self.refresh: dict[str, RefreshRecord] = {}
        """Refresh tokens by ``token_key``."""
        self.spent: dict[str, datetime] = {}
        """``token_key`` of every refresh token already rotated, and when it was."""
        self.revoked: set[str] = set()
        """Revoked families."""

    def issue(self, member_id: str, now: datetime, family: str | None = None) -> IssuedTokens:
        """Issue an access/refresh pair, in a new family unless one is given."""
        family = family or secrets.token_hex(8)
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(48)
        self.access[token_key(access)] = AccessRecord(member_id, family, now + self.access_ttl)
        self.refresh[token_key(refresh)] = RefreshRecord(member_id, family, now + self.refresh_ttl)
        return IssuedTokens(access, refresh, int(self.access_ttl.total_seconds()))

    def member_for(self, access_token: str, now: datetime) -> str:
        """The member an access token belongs to.

        Raises:
            Refusal: ``unauthorized`` for unknown or revoked tokens, ``token_expired`` for expired ones.
        """
        record = self.access.get(token_key(access_token))
        if record is None or record.family in self.revoked:
            raise unauthorized("Your session is not valid; sign in again.")
        if now >= record.expires_at:
            raise Refusal("token_expired", "Your session has expired; refresh or sign in again.", None, 401)
        return record.member_id

    def family_of(self, access_token: str) -> str | None:
        record = self.access.get(token_key(access_token))
        return record.family if record else None

    def rotate(self, refresh_token: str, now: datetime) -> IssuedTokens:
        """Spend a refresh token and issue the next pair in its family.

        Raises:
            Refusal: ``refresh_token_reused`` (and the family is revoked) when the token was already spent;
                ``unauthorized`` when it is unknown, revoked or expired.
        """
        key = token_key(refresh_token)
        record = self.refresh.get(key)
        if record is None or record.family in self.revoked:
            raise unauthorized("That refresh token is not valid; sign in again.")
        spent_at = self.spent.get(key)
        if spent_at is not None and not timedelta(0) <= now - spent_at <= REUSE_GRACE:
            self.revoke_family(record.family)
            raise Refusal("refresh_token_reused", "This refresh token was already used; sign in again.", None, 401)
        if now >= record.expires_at:
            raise unauthorized("Your session has expired; sign in again.")
        self.spent.setdefault(key, now)
        return self.issue(record.member_id, now, record.family)

    def revoke_member(self, member_id: str) -> None:
        """Revoke every token of one member (a new password, a removed demo member)."""
        self.revoked.update(r.family for r in self.refresh.values() if r.member_id == member_id)
        self.revoked.update(a.family for a in self.access.values() if a.member_id == member_id)

    def revoke_family(self, family: str) -> None:
        """Revoke every token issued from one sign-in."""
        self.revoked.add(family)
