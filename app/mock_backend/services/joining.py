"""Joining with an emailed code, password reset, the demo outbox and demo members of one's own.

Passwords are hashed before the store lock is taken, and exactly once whether or not the email already has an
account, so a sign-up takes the same work (and time) for a new and for a taken email.
"""

from __future__ import annotations

import copy
import dataclasses
import secrets
from datetime import date, datetime

from app.mock_backend.auth import IssuedTokens
from app.mock_backend.passwords import hash_password
from app.mock_backend.records import MailRecord, Member, PendingCode, PendingSignup
from app.mock_backend.rules import joining
from app.mock_backend.rules.joining import Limit
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.members import create_member
from app.mock_backend.store import Store
from app.mock_backend.texts import Stars, say

SIGNUP, RESET = "signup", "reset"
_MINUTES = int(joining.CODE_TTL.total_seconds() // 60)


class Throttled(Refusal):
    """429 with how long to wait (`Retry-After`)."""

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__("rate_limited", detail, None, 429, retry_after=retry_after)


def throttle(store: Store, key: str, limit: Limit, now: datetime, what: str) -> None:
    """Count one event under `key`, or refuse it when `limit` is reached (lock held)."""
    book = store.joining
    if book.address_limit is not None and "-address:" in key:
        limit = Limit(book.address_limit, limit.window)
    if len(book.windows) > 10_000:  # bounded: forget keys with nothing inside the longest window
        for stale in [k for k, v in book.windows.items() if not joining.recent(v, limit.window, now)]:
            del book.windows[stale]
    times = joining.recent(book.windows.get(key, []), limit.window, now)
    wait = joining.retry_after(times, limit, now)
    if wait is not None:
        book.windows[key] = times
        raise Throttled(f"Too many {what} from here. Try again in {wait} s.", wait)
    book.windows[key] = [*times, now]


def _mail(store: Store, to: str, subject_body: tuple[str, str], now: datetime) -> None:
    store.joining.outbox.append(MailRecord(to, subject_body[0], subject_body[1], now))
    del store.joining.outbox[:-500]  # the demo outbox keeps the newest messages only


def _normal(email: str) -> str:
    return email.strip().lower()


def start_sign_up(
    store: Store,
    *,
    email: str,
    password: str,
    name: str,
    referral_code: str | None,
    birthday: date | None,
    address: str,
    at: datetime,
) -> int:
    """Email a 6-digit code to confirm the sign-up, or a note to an email that already has an account.

    Returns:
        Seconds the code stays valid (the same answer either way).

    Raises:
        Refusal: ``validation_error`` (email, birthday), ``unknown_referral_code`` (422), ``rate_limited`` (429).
    """
    if not joining.looks_like_email(email):
        raise Refusal("validation_error", "Enter a valid email address.", "email")
    if birthday is not None and (birthday > at.date() or birthday.year < 1900):
        raise Refusal("validation_error", "Enter a real birthday.", "birthday")
    email = _normal(email)
    digest = hash_password(password, store.password_cost)  # outside the lock, and for a taken email too: the same work
    code = joining.new_code()
    with store.unit_of_work():
        referrer = None
        if referral_code:
            referrer = store.member_by_code("referral_code", referral_code)
            if referrer is None:
                raise Refusal("unknown_referral_code", "That referral code does not exist.", "referral_code")
        throttle(store, f"signup-address:{address}", joining.SIGNUPS_PER_ADDRESS, at, "sign-ups")
        throttle(store, f"mail:{email}", joining.SIGNUPS_PER_EMAIL, at, "codes sent to this email")
        store.joining.wrong_codes.pop((SIGNUP, email), None)
        if store.member_by_email(email) is not None:
            store.joining.signups.pop(email, None)
            _mail(store, email, joining.already_member_email(), at)
        else:
            pending = PendingSignup(name, digest, referrer.id if referrer else None, birthday)
            store.joining.signups[email] = PendingCode(joining.code_digest(code), at + joining.CODE_TTL, pending)
            _mail(store, email, joining.welcome_email(name, code, _MINUTES), at)
    return int(joining.CODE_TTL.total_seconds())


def _spend_code(
    store: Store, purpose: str, pending: dict[str, PendingCode], email: str, code: str, at: datetime
) -> PendingCode:
    """Check `code` for `email` (lock held): the pending code when right; counts a wrong one.

    Raises:
        Refusal: ``invalid_code`` (422) or ``code_expired`` (422), both on the field ``code``.
    """
    found = pending.get(email)
    tries = store.joining.wrong_codes.get((purpose, email), 0)
    verdict = joining.check_code(found.digest if found else None, found.expires_at if found else None, tries, code, at)
    if verdict == "wrong" or (verdict == "expired" and found is None and tries < joining.MAX_CODE_ATTEMPTS):
        # An email with no pending code answers exactly like a wrong code, so codes reveal nothing either.
        store.joining.wrong_codes[(purpose, email)] = tries + 1
        raise Refusal("invalid_code", "That code is not right. Check the email we sent and try again.", "code")
    if verdict == "expired":
        pending.pop(email, None)
        raise Refusal("code_expired", "That code is no longer valid. Ask for a new code.", "code")
    assert found is not None
    del pending[email]
    store.joining.wrong_codes.pop((purpose, email), None)
    return found


def verify_sign_up(store: Store, email: str, code: str, at: datetime) -> IssuedTokens:
    """Confirm a sign-up: create the member (with the welcome bonus) and sign them in.

    Raises:
        Refusal: ``invalid_code`` or ``code_expired`` (422, field ``code``).
    """
    email = _normal(email)
    with store.unit_of_work():
        found = _spend_code(store, SIGNUP, store.joining.signups, email, code, at)
        signup = found.signup
        if signup is None or store.member_by_email(email) is not None:
            raise Refusal("code_expired", "That code is no longer valid. Ask for a new code.", "code")
        member = create_member(
            store,
            email=email,
            name=signup.name,
            password_hash=signup.password_hash,
            joined_at=at,
            birthday=signup.birthday,
            referred_by=signup.referred_by,
        )
        store.credit(member, "bonus", joining.WELCOME_BONUS, say("welcome"), at)
        store.add_event(
            member,
            "stars_earned",
            say("welcome_title"),
            say("welcome_body", stars=Stars(joining.WELCOME_BONUS)),
            at,
            joining.WELCOME_BONUS,
        )
        store.maintain(member, at)  # a birthday today is paid now: the member is verified
        return store.tokens.issue(member.id, at)


def request_password_reset(store: Store, email: str, address: str, at: datetime) -> int:
    """Email a reset code when `email` has an account; the same answer (seconds the code lasts) either way.

    Raises:
        Refusal: ``rate_limited`` (429).
    """
    email = _normal(email)
    code = joining.new_code()
    with store.unit_of_work():
        throttle(store, f"reset-address:{address}", joining.RESETS_PER_ADDRESS, at, "password resets")
        throttle(store, f"mail:{email}", joining.SIGNUPS_PER_EMAIL, at, "codes sent to this email")
        store.joining.wrong_codes.pop((RESET, email), None)
        if store.member_by_email(email) is not None:
            store.joining.resets[email] = PendingCode(joining.code_digest(code), at + joining.CODE_TTL)
            _mail(store, email, joining.reset_email(code, _MINUTES), at)
    return int(joining.CODE_TTL.total_seconds())


def confirm_password_reset(store: Store, email: str, code: str, new_password: str, at: datetime) -> None:
    """Set a new password with the emailed code; every token of the member stops working.

    Raises:
        Refusal: ``invalid_code`` or ``code_expired`` (422, field ``code``).
    """
    email = _normal(email)
    digest = hash_password(new_password, store.password_cost)  # slow: before the lock
    with store.unit_of_work():
        _spend_code(store, RESET, store.joining.resets, email, code, at)
        member = store.member_by_email(email)
        if member is None:
            raise Refusal("code_expired", "That code is no longer valid. Ask for a new code.", "code")
        member.password_hash = digest
        store.touch(member)  # a new password is no entry or event: say the member changed, so it is written
        store.tokens.revoke_member(member.id)


def outbox(store: Store, to: str) -> list[MailRecord]:
    """The demo outbox: what was "sent" to `to`, newest first."""
    to = _normal(to)
    with store.unit_of_work():
        return [m for m in reversed(store.joining.outbox) if m.to == to]


# ------------------------------------------------------------------ demo members


def keep_demo_template(store: Store, template: Member) -> None:
    """Remember `template` (Ada as seeded) and her redemptions: every demo member starts as a copy."""
    with store.unit_of_work():
        store.joining.demo_template = copy.deepcopy(template)
        store.joining.demo_redemptions = [
            copy.deepcopy(r) for r in store.redemptions.values() if r.member_id == template.id
        ]


def create_demo_member(store: Store, address: str, at: datetime) -> IssuedTokens:
    """A fresh member for one visitor, with a copy of the demo story (history, badges, challenges, friends).

    Raises:
        Refusal: ``rate_limited`` (429) after `DEMO_MEMBERS_PER_ADDRESS` from one address; ``not_found`` (404)
            when the store has no demo story.
    """
    unusable = hash_password(secrets.token_urlsafe(24), store.password_cost)  # nobody signs in with it; slow: unlocked
    with store.unit_of_work():
        template = store.joining.demo_template
        if template is None:
            raise Refusal("not_found", "This server has no demo.", None, 404)
        throttle(store, f"demo-address:{address}", joining.DEMO_MEMBERS_PER_ADDRESS, at, "demo accounts")
        remove_stale_demo_members(store, at)
        fresh = create_member(
            store,
            email=f"demo-{secrets.token_hex(6)}@demo.starboard.invalid",
            name=template.name,
            password_hash=unusable,  # the visitor gets tokens
            joined_at=template.joined_at,
            time_zone=template.time_zone,
            birthday=template.birthday,
        )
        story = copy.deepcopy(template)
        keep = {
            f: getattr(fresh, f)
            for f in ("id", "email", "password_hash", "member_number", "friend_code", "referral_code")
        }
        member = dataclasses.replace(story, **keep, referred_by=None)
        store.members[member.id] = member
        store.touch(member)
        for friend_id in member.friends:  # the demo friends accept: friendship both ways
            friend = store.members.get(friend_id)
            if friend is not None and member.id not in friend.friends:
                friend.friends.append(member.id)
                store.touch(friend)
        for record in store.joining.demo_redemptions:
            copied = dataclasses.replace(record, id=store.next_id("red"), member_id=member.id)
            store.redemptions[copied.id] = copied
        store.joining.demo_members[member.id] = at
        store.maintain(member, at)
        return store.tokens.issue(member.id, at)


def remove_stale_demo_members(store: Store, at: datetime) -> list[str]:
    """Remove demo members unused for `DEMO_MEMBER_TTL`, and the least recently used beyond `MAX_DEMO_MEMBERS - 1`.

    Their tokens are revoked and the demo friends forget them. Returns the removed ids.
    """
    with store.unit_of_work():
        demo = store.joining.demo_members

        def last_used(member_id: str) -> datetime:
            member = store.members.get(member_id)
            changed = member.changed_at if member is not None and member.changed_at else demo[member_id]
            return max(changed, demo[member_id])

        by_use = sorted(demo, key=last_used)
        stale = [i for i in by_use if at - last_used(i) >= joining.DEMO_MEMBER_TTL]
        over = len(by_use) - len(stale) - (joining.MAX_DEMO_MEMBERS - 1)
        if over > 0:
            stale += [i for i in by_use if i not in stale][:over]
        for member_id in stale:
            demo.pop(member_id, None)
            store.members.pop(member_id, None)
            store.tokens.revoke_member(member_id)
            for other in store.members.values():
                if member_id in other.friends:
                    other.friends.remove(member_id)
                    store.touch(other)
            for rid in [r.id for r in store.redemptions.values() if r.member_id == member_id]:
                del store.redemptions[rid]
        return stale
