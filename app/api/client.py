"""`LoyaltyClient`: the typed async client of the Starboard loyalty API.

The transport is the seam: the same client talks to a real API over HTTP (`LoyaltyClient.for_url`) or to the
offline mock backend in-process (`LoyaltyClient.in_process`, an `httpx.ASGITransport`: no sockets, no network).
Tests inject faults through `transport=` too.

Every call has a timeout. Safe requests (GET) and requests carrying an idempotency key are retried with capped
exponential backoff and jitter on connection errors, timeouts, 408, 429 and 5xx, honouring `Retry-After`; when a
429 or 503 asks for a longer pause than `RetryPolicy.max_delay`, the client does not retry early but raises
`RateLimited` with the wait (`retry_after`, in seconds).
A 401 triggers one token refresh, shared by every call that failed at the same time (single flight); when the
refresh is refused the session ends (`SessionExpired`, and `on_session_expired` is called).
"""

from __future__ import annotations

import asyncio
import contextlib
import json as jsonlib
import logging
import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from app.api import models as m
from app.api.errors import (
    PROBLEM_CODES,
    LoyaltyError,
    NetworkError,
    RateLimited,
    RequestTimeout,
    ServerError,
    SessionExpired,
    Unauthorized,
    ValidationFailed,
    error_from_problem,
)
from app.api.in_process import STREAMED, InProcessTransport

T = TypeVar("T")
log = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
PAUSE_STATUSES = frozenset({429, 503})
"""Answers whose `Retry-After` asks the client to pause; a pause longer than the client waits is `RateLimited`."""
TokensListener = Callable[[m.TokenPair | None], Awaitable[None] | None]


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delay-seconds or an HTTP date), None when absent or unreadable."""
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def new_idempotency_key() -> str:
    """A fresh idempotency key: create one per customer intent and reuse it for every retry of that intent."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry. `base_delay=0` makes retries immediate (tests)."""

    max_retries: int = 2
    base_delay: float = 0.3
    max_delay: float = 4.0

    def too_long(self, status: int, retry_after: float | None) -> bool:
        """A 429 or 503 that asks for a longer pause than this policy waits (`max_delay`)."""
        return status in PAUSE_STATUSES and retry_after is not None and retry_after > self.max_delay

    def delay(self, attempt: int, retry_after: str | None) -> float:
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return min(asked, self.max_delay)
        if self.base_delay <= 0:
            return 0.0
        capped = min(self.base_delay * (2**attempt), self.max_delay)
        return capped * (0.5 + random.random() / 2)


@dataclass
class _SharedRead:
    """A GET on its way (`LoyaltyClient._call`) and how many callers wait for its answer."""

    task: asyncio.Task[Any]
    waiting: int = 0


class LoyaltyClient:
    """One member's connection to the loyalty API."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
        connect_timeout: float = 3.0,
        retry: RetryPolicy | None = None,
        tokens: m.TokenPair | None = None,
        on_tokens_changed: TokensListener | None = None,
        on_session_expired: Callable[[], Awaitable[None] | None] | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            transport=transport,
            # A server that does not even accept the connection is given less time than one that is answering.
            timeout=httpx.Timeout(timeout, connect=min(connect_timeout, timeout)),
        )
        self._timeout = timeout
        self.retry = retry or RetryPolicy()
        self._tokens = tokens
        self._refresh_lock = asyncio.Lock()
        self.on_tokens_changed = on_tokens_changed
        self.on_session_expired = on_session_expired
        self._etags: dict[str, tuple[str, Any]] = {}
        self._reading: dict[tuple[str, str | None, str | None], _SharedRead] = {}
        """GETs on their way, by path, token and language: the same GET asked again meanwhile shares the answer."""
        self._program: m.Program | None = None
        self._language: str | None = None

    # ------------------------------------------------------------------ construction

    @classmethod
    def for_url(cls, base_url: str, **kwargs: Any) -> LoyaltyClient:
        """A client for a loyalty API over HTTP (e.g. `STARBOARD_API_URL`)."""
        return cls(base_url, **kwargs)

    @classmethod
    def in_process(cls, asgi_app: Any, *, client_address: str | None = None, **kwargs: Any) -> LoyaltyClient:
        """A client that calls an ASGI app (the mock backend) in-process, with no sockets.

        `client_address` is the address the app sees as the caller's (the browser's, so that the embedded mock
        throttles sign-ups and demo members per visitor rather than for everyone at once).
        """
        transport = InProcessTransport(asgi_app, client=(client_address or "127.0.0.1", 123))
        return cls("http://starboard.local", transport=transport, **kwargs)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> LoyaltyClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    @property
    def tokens(self) -> m.TokenPair | None:
        return self._tokens

    @property
    def signed_in(self) -> bool:
        return self._tokens is not None

    @property
    def language(self) -> str | None:
        """The language sent as `Accept-Language` (None: none sent, and the API answers in English)."""
        return self._language

    def set_language(self, language: str) -> None:
        """Ask the API for its texts (reward names, rules, activity reasons, a refusal's detail) in `language`.

        `Accept-Language: <language>` goes with every request from now on (the member's language, e.g. `es`, not
        the browser's raw header). A change forgets what was cached in the other language: the `ETag`s (a 304
        would hand back the old language's body) and the program.
        """
        if language == self._language:
            return
        self._language = language
        self._http.headers["Accept-Language"] = language
        self._etags.clear()
        self._program = None

    # ------------------------------------------------------------------ auth

    async def sign_in(self, email: str, password: str) -> m.TokenPair:
        """Exchange email and password for tokens; the client keeps them for later calls.

        Raises:
            InvalidCredentials: the email and password do not match.
            ValidationFailed: a field is missing or malformed.
        """
        body = m.TokenRequest(email=email, password=password)
        # Safe to send again after a lost connection: a second sign-in only issues a second pair.
        pair: m.TokenPair = await self._call(
            "POST", "/v1/auth/token", m.TokenPair, json=body, auth=False, repeatable=True
        )
        await self._set_tokens(pair)
        return pair

    async def sign_up(self, body: m.SignupRequest) -> m.SignupStarted:
        """Start joining: the API emails a 6-digit code (confirm it with `verify_sign_up`).

        Raises:
            ValidationFailed: a field is malformed, or the referral code does not exist.
            RateLimited: too many sign-ups from here or codes to this email (`retry_after` says how long to wait).
        """
        started: m.SignupStarted = await self._call("POST", "/v1/members", m.SignupStarted, json=body, auth=False)
        return started

    async def verify_sign_up(self, email: str, code: str) -> m.TokenPair:
        """Finish joining with the emailed code; the new member is signed in (the client keeps the tokens).

        Raises:
            ValidationFailed: `invalid_code` or `code_expired` (field `code`).
        """
        body = m.SignupVerify(email=email, code=code)
        pair: m.TokenPair = await self._call("POST", "/v1/members/verify", m.TokenPair, json=body, auth=False)
        await self._set_tokens(pair)
        return pair

    async def request_password_reset(self, email: str) -> m.PasswordResetStarted:
        """Ask for a reset code by email (the answer is the same whether or not the email has an account)."""
        body = m.PasswordResetRequest(email=email)
        started: m.PasswordResetStarted = await self._call(
            "POST", "/v1/auth/password-reset", m.PasswordResetStarted, json=body, auth=False
        )
        return started

    async def confirm_password_reset(self, email: str, code: str, new_password: str) -> None:
        """Choose a new password with the emailed code; every session of the member ends.

        Raises:
            ValidationFailed: `invalid_code` or `code_expired` (field `code`), or a too short password.
        """
        body = m.PasswordResetConfirm(email=email, code=code, new_password=new_password)
        await self._call("POST", "/v1/auth/password-reset/confirm", None, json=body, auth=False)

    async def start_demo(self) -> m.TokenPair:
        """Mock only ("Try the demo"): a fresh demo member of one's own, signed in."""
        pair: m.TokenPair = await self._call("POST", "/v1/demo/members", m.TokenPair, auth=False)
        await self._set_tokens(pair)
        return pair

    async def demo_outbox(self, to: str) -> list[m.OutboxMessage]:
        """Mock in demo mode only: the emails the API "sent" to `to`, newest first."""
        return await self._call("GET", "/v1/demo/outbox", list[m.OutboxMessage], params={"to": to}, auth=False)

    async def restore(self, tokens: m.TokenPair) -> None:
        """Resume a session from tokens kept on the device (no network)."""
        self._tokens = tokens

    async def sign_out(self) -> None:
        """End the session on the server (best effort) and forget the tokens.

        The server revokes every token of this sign-in, found from the access token (even an expired one), so a
        copy of the tokens left on the device or in a log is worthless afterwards.
        """
        pair = self._tokens
        await self._set_tokens(None)
        if pair is not None:
            try:
                await self._http.post("/v1/auth/logout", headers={"Authorization": f"Bearer {pair.access_token}"})
            except httpx.HTTPError:
                pass

    async def refresh(self) -> m.TokenPair:
        """Rotate the tokens now (normally automatic on a 401)."""
        stale = self._tokens
        await self._refresh(stale)
        assert self._tokens is not None
        return self._tokens

    # ------------------------------------------------------------------ reads

    async def program(self) -> m.Program:
        """The program's rules, fetched once per language (they change only with a new release of the program)."""
        if self._program is None:
            fetched: m.Program = await self._call("GET", "/v1/program", m.Program, auth=False)
            self._program = fetched
            return fetched
        return self._program

    async def me(self) -> m.Profile:
        return await self._call("GET", "/v1/me", m.Profile)

    async def update_profile(self, body: m.ProfileUpdate) -> m.Profile:
        return await self._call("PATCH", "/v1/me", m.Profile, json=body)

    async def summary(self) -> m.Summary:
        """The Home screen in one round trip; revalidated with the last `ETag` (a 304 reuses the cached body)."""
        return await self._call("GET", "/v1/me/summary", m.Summary, etag=True)

    async def activity(
        self, *, cursor: str | None = None, limit: int = 20, kind: m.ActivityFilter | None = None
    ) -> m.ActivityPage:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        if kind:
            params["kind"] = kind
        return await self._call("GET", "/v1/me/activity", m.ActivityPage, params=params)

    async def rewards(self) -> list[m.Reward]:
        return await self._call("GET", "/v1/rewards", list[m.Reward])

    async def redemptions(self) -> list[m.Redemption]:
        return await self._call("GET", "/v1/me/redemptions", list[m.Redemption])

    async def badges(self) -> list[m.Badge]:
        return await self._call("GET", "/v1/me/badges", list[m.Badge])

    async def challenges(self) -> list[m.Challenge]:
        return await self._call("GET", "/v1/me/challenges", list[m.Challenge])

    async def friends(self) -> list[m.Friend]:
        return await self._call("GET", "/v1/me/friends", list[m.Friend])

    async def gift_allowance(self) -> m.GiftAllowance:
        return await self._call("GET", "/v1/me/gifts/allowance", m.GiftAllowance)

    async def card(self) -> m.MemberCard:
        return await self._call("GET", "/v1/me/card", m.MemberCard)

    async def events(self, after: int = 0, wait: float = 0) -> m.EventsPage:
        """The events after the cursor `after`. With `wait` (seconds, at most `EVENTS_MAX_WAIT`) a long-poll: the
        answer waits until an event happens or `wait` has passed (an empty page), read with a timeout longer
        than the wait."""
        wait = max(0.0, min(wait, m.EVENTS_MAX_WAIT))
        params: dict[str, str | int] = {"after": after}
        if wait:
            params["wait"] = f"{wait:g}"
        read_timeout = self._timeout + wait if wait else None
        return await self._call("GET", "/v1/me/events", m.EventsPage, params=params, timeout=read_timeout)

    @contextlib.asynccontextmanager
    async def event_stream(
        self, after: int = 0, duration: float = m.EVENTS_STREAM_MAX
    ) -> AsyncIterator[AsyncIterator[m.EventsPage]]:
        """The member's events after the cursor `after`, pushed as they happen (`GET /v1/me/events/stream`,
        server-sent events): `async with client.event_stream(after=c) as pages: async for page in pages: ...`.

        Entering opens the stream (the API has answered, so it can be reached); the pages end when the API ends the
        stream (after `duration` seconds or when the access token expires): open the next one from the last page's
        cursor. A stream that says nothing for longer than its heartbeat, plus the client's timeout, is dead
        (`RequestTimeout`). A 401 refreshes the tokens once, as for any call.

        Raises:
            NotFound: the API has no event stream (use `events(wait=...)`).
            NetworkError, RequestTimeout, SessionExpired, or the error of any other refusal.
        """
        params: dict[str, str | int] = {"after": after, "duration": f"{max(min(duration, m.EVENTS_STREAM_MAX), 1):g}"}
        # Silence for longer than a heartbeat means a dead connection; connecting gets the usual time.
        connect, read = self._http.timeout.connect, m.EVENTS_STREAM_HEARTBEAT + self._timeout
        timeout = httpx.Timeout(self._timeout, connect=connect, read=read)
        refreshed = False
        while True:
            sent_tokens = self._tokens
            if sent_tokens is None:
                raise SessionExpired("Not signed in")
            headers = {"Authorization": f"Bearer {sent_tokens.access_token}", "Accept": STREAMED}
            # Not retried here: the live updates pause and open the stream again themselves.
            response = await self._send("GET", EVENT_STREAM, headers, None, params, False, timeout, stream=True)
            if response.status_code == 200:
                break
            try:
                await response.aread()
            except httpx.HTTPError as e:
                raise NetworkError("The loyalty API could not be reached") from e
            finally:
                await response.aclose()
            if response.status_code == 401 and not refreshed:
                await self._refresh(sent_tokens)
                refreshed = True
                continue
            raise self._error(response, self.retry)
        try:
            yield _pushed_pages(response)
        finally:
            await response.aclose()

    async def survey(self) -> m.Survey:
        return await self._call("GET", "/v1/me/survey", m.Survey)

    async def referral(self) -> m.Referral:
        return await self._call("GET", "/v1/me/referral", m.Referral)

    # ------------------------------------------------------------------ writes

    async def redeem_reward(self, reward_id: str, *, idempotency_key: str) -> m.Redemption:
        """Redeem a reward. The same `idempotency_key` always means the same single redemption.

        Raises:
            InsufficientBalance, OutOfStock, TierRequired, NotFound, Conflict (key reused with another body).
        """
        body = m.RedemptionCreate(reward_id=reward_id)
        return await self._call("POST", "/v1/me/redemptions", m.Redemption, json=body, key=idempotency_key)

    async def gift_stars(self, friend_id: str, stars: int, message: str | None, *, idempotency_key: str) -> m.Gift:
        """Send Stars to a friend. The same `idempotency_key` always means the same single gift.

        Raises:
            GiftLimitExceeded, InsufficientBalance, NotAFriend, ValidationFailed (with `field`).
        """
        body = m.GiftCreate(friend_id=friend_id, stars=stars, message=message or None)
        return await self._call("POST", "/v1/me/gifts", m.Gift, json=body, key=idempotency_key)

    # ------------------------------------------------------------------ friend requests, asks and thank-yous

    async def friend_requests(self) -> m.FriendRequests:
        return await self._call("GET", "/v1/me/friend-requests", m.FriendRequests)

    async def request_friend(self, friend_code: str) -> m.FriendRequest:
        """Ask the owner of `friend_code` to be friends (`accepted` at once when they had asked the member first).

        Raises:
            NotFound (unknown code), Conflict (already friends, already asked), RateLimited (too many wrong codes).
        """
        body = m.FriendRequestCreate(friend_code=friend_code)
        return await self._call("POST", "/v1/me/friend-requests", m.FriendRequest, json=body)

    async def accept_friend_request(self, request_id: str) -> m.FriendRequest:
        return await self._call("POST", f"/v1/me/friend-requests/{request_id}/accept", m.FriendRequest)

    async def decline_friend_request(self, request_id: str) -> m.FriendRequest:
        return await self._call("POST", f"/v1/me/friend-requests/{request_id}/decline", m.FriendRequest)

    async def cancel_friend_request(self, request_id: str) -> m.FriendRequest:
        return await self._call("POST", f"/v1/me/friend-requests/{request_id}/cancel", m.FriendRequest)

    async def asks(self) -> m.Asks:
        return await self._call("GET", "/v1/me/asks", m.Asks)

    async def ask_for_stars(self, friend_id: str, stars: int, note: str | None) -> m.StarAsk:
        """Ask a friend for Stars (one open ask per friend).

        Raises:
            GiftLimitExceeded, NotAFriend, Conflict (an ask to them is open), ValidationFailed (with `field`).
        """
        body = m.AskCreate(friend_id=friend_id, stars=stars, note=note or None)
        return await self._call("POST", "/v1/me/asks", m.StarAsk, json=body)

    async def accept_ask(self, ask_id: str, *, idempotency_key: str) -> m.AskAccepted:
        """Accept an ask: a gift of its Stars. The same `idempotency_key` always means the same single gift.

        Raises:
            GiftLimitExceeded, InsufficientBalance, NotAFriend, Conflict (already answered or expired).
        """
        path = f"/v1/me/asks/{ask_id}/accept"
        return await self._call("POST", path, m.AskAccepted, json=m.AskAccept(), key=idempotency_key)

    async def decline_ask(self, ask_id: str) -> m.StarAsk:
        return await self._call("POST", f"/v1/me/asks/{ask_id}/decline", m.StarAsk)

    async def thanks(self) -> m.Thanks:
        return await self._call("GET", "/v1/me/thanks", m.Thanks)

    async def send_thanks(self, gift_id: str, message: str | None, sticker: m.StickerId | None) -> m.ThankYou:
        """Thank the giver of a gift the member received (once per gift).

        Raises:
            Conflict (already thanked), Unauthorized (not the gift's recipient), ValidationFailed (with `field`).
        """
        body = m.ThanksCreate(message=message or None, sticker=sticker)
        return await self._call("POST", f"/v1/me/gifts/{gift_id}/thanks", m.ThankYou, json=body)

    async def join_challenge(self, challenge_id: str) -> m.Challenge:
        return await self._call("POST", f"/v1/me/challenges/{challenge_id}/join", m.Challenge)

    async def write_review(self, body: m.ReviewCreate) -> m.EarnResult:
        return await self._call("POST", "/v1/me/reviews", m.EarnResult, json=body)

    async def answer_survey(self, body: m.SurveyAnswers) -> m.EarnResult:
        return await self._call("POST", "/v1/me/survey", m.EarnResult, json=body)

    async def simulate_purchase(
        self, amount: float, store: str | None = None, *, idempotency_key: str | None = None
    ) -> m.PurchaseResult:
        """Mock backend only: record a purchase in store for the signed-in member."""
        body = m.PurchaseCreate(amount=amount) if store is None else m.PurchaseCreate(amount=amount, store=store)
        return await self._call("POST", "/v1/demo/purchases", m.PurchaseResult, json=body, key=idempotency_key)

    # ------------------------------------------------------------------ Star Pools, leaderboard, gifts to newcomers

    async def pools(self) -> m.PoolList:
        """Open pools the member is in or invited to, with the pool rules."""
        return await self._call("GET", "/v1/me/pools", m.PoolList)

    async def pool(self, pool_id: str) -> m.Pool:
        return await self._call("GET", _path("/v1/me/pools/{}", pool_id), m.Pool)

    async def create_pool(self, body: m.PoolCreate) -> m.Pool:
        """Start a pool for a goal reward, inviting friends. Raises NotAFriend, Conflict (`pool_full`), NotFound."""
        return await self._call("POST", "/v1/me/pools", m.Pool, json=body)

    async def invite_to_pool(self, pool_id: str, friend_id: str) -> m.Pool:
        body = m.PoolInviteCreate(friend_id=friend_id)
        return await self._call("POST", _path("/v1/me/pools/{}/invites", pool_id), m.Pool, json=body)

    async def answer_pool_invite(self, pool_id: str, *, join: bool) -> m.Pool:
        """Join (``join=True``) or decline an invitation to a pool."""
        verb = "join" if join else "decline"
        return await self._call("POST", _path("/v1/me/pools/{}/" + verb, pool_id), m.Pool)

    async def contribute_to_pool(self, pool_id: str, stars: int, *, idempotency_key: str) -> m.PoolContributionResult:
        """Put Stars into a pool; one key, one contribution.

        Raises:
            GiftLimitExceeded (per contribution or the daily cap), InsufficientBalance, NotFound, Conflict.
        """
        body = m.PoolContributionCreate(stars=stars)
        path = _path("/v1/me/pools/{}/contributions", pool_id)
        return await self._call("POST", path, m.PoolContributionResult, json=body, key=idempotency_key)

    async def redeem_from_pool(self, pool_id: str, reward_id: str, *, idempotency_key: str) -> m.PoolRedemption:
        """The owner redeems a reward with the pool's Stars; one key, one redemption."""
        body = m.PoolRedemptionCreate(reward_id=reward_id)
        path = _path("/v1/me/pools/{}/redemptions", pool_id)
        return await self._call("POST", path, m.PoolRedemption, json=body, key=idempotency_key)

    async def leave_pool(self, pool_id: str, *, idempotency_key: str) -> m.PoolLeft:
        """Leave a pool; the unspent Stars one gave come back."""
        path = _path("/v1/me/pools/{}/leave", pool_id)
        return await self._call("POST", path, m.PoolLeft, key=idempotency_key)

    async def leaderboard(self) -> m.Leaderboard:
        return await self._call("GET", "/v1/me/leaderboard", m.Leaderboard)

    async def set_leaderboard_opt_in(self, opted_in: bool) -> m.Leaderboard:
        body = m.LeaderboardSettings(opted_in=opted_in)
        return await self._call("PUT", "/v1/me/leaderboard/settings", m.Leaderboard, json=body)

    async def newcomer_gifts(self) -> m.HeldGifts:
        return await self._call("GET", "/v1/me/newcomer-gifts", m.HeldGifts)

    async def gift_newcomer(self, contact: str, stars: int, message: str | None, *, idempotency_key: str) -> m.HeldGift:
        """Send Stars to a phone number or email as a claim code; the Stars are held until claimed.

        Raises:
            ValidationFailed (`contact`, `message`), GiftLimitExceeded, InsufficientBalance.
        """
        body = m.NewcomerGiftCreate(contact=contact, stars=stars, message=message or None)
        return await self._call("POST", "/v1/me/newcomer-gifts", m.HeldGift, json=body, key=idempotency_key)

    async def claim_gift(self, claim_code: str, *, idempotency_key: str) -> m.ClaimResult:
        """A new member claims a gift with its code. Raises NotFound (`unknown_claim_code`), Conflict, Forbidden."""
        body = m.ClaimCreate(claim_code=claim_code)
        return await self._call("POST", "/v1/me/newcomer-gifts/claims", m.ClaimResult, json=body, key=idempotency_key)

    async def use_at_counter(self, redemption_id: str) -> m.Redemption:
        """Mock backend only: the redemption's code was scanned at the counter (it is `used` from now on)."""
        return await self._call("POST", f"/v1/demo/redemptions/{redemption_id}/use", m.Redemption)

    # ------------------------------------------------------------------ inbox, offers, goal (issue 15)

    async def inbox(self) -> m.Inbox:
        """The member's inbox, newest first, with the unread count and the preferences per kind."""
        return await self._call("GET", "/v1/me/inbox", m.Inbox)

    async def mark_inbox_read(self, ids: list[str]) -> m.Inbox:
        return await self._call("POST", "/v1/me/inbox/read", m.Inbox, json=m.InboxRead(ids=ids))

    async def mark_inbox_all_read(self) -> m.Inbox:
        return await self._call("POST", "/v1/me/inbox/read-all", m.Inbox)

    async def set_inbox_preference(self, kind: m.InboxKind, enabled: bool) -> m.Inbox:
        """Turn one kind of inbox item on or off. Raises `Conflict` for account and security notices."""
        body = m.InboxPreferenceUpdate(kind=kind, enabled=enabled)
        return await self._call("PUT", "/v1/me/inbox/preferences", m.Inbox, json=body)

    async def offers(self) -> list[m.Offer]:
        return await self._call("GET", "/v1/me/offers", list[m.Offer])

    async def activate_offer(self, offer_id: str) -> m.Offer:
        """Activate an offer for the next qualifying visit (activating it twice is the same as once).

        Raises:
            NotFound (no such offer), Conflict (ended or already used).
        """
        return await self._call("POST", f"/v1/me/offers/{offer_id}/activate", m.Offer)

    async def set_goal(self, reward_id: str) -> m.Goal:
        return await self._call("PUT", "/v1/me/goal", m.Goal, json=m.GoalSet(reward_id=reward_id))

    async def clear_goal(self) -> None:
        await self._call("DELETE", "/v1/me/goal", None)

    # ------------------------------------------------------------------ habits: streak, daily game, share to earn

    async def streak(self) -> m.Streak:
        return await self._call("GET", "/v1/me/streak", m.Streak)

    async def daily_game(self) -> m.DailyGame:
        return await self._call("GET", "/v1/me/game", m.DailyGame)

    async def play_daily_game(self, *, idempotency_key: str) -> m.GamePlay:
        """Play today's game. One play a day: a retry, a double tap or a second play that day is the same play."""
        return await self._call("POST", "/v1/me/game/plays", m.GamePlay, key=idempotency_key)

    async def record_share(
        self, what: m.ShareWhat, how: m.ShareHow, *, badge_id: str | None = None, idempotency_key: str
    ) -> m.ShareResult:
        """Tell the API the member shared a badge or the referral link (the week's first share earns Stars)."""
        body = m.ShareCreate(what=what, badge_id=badge_id, how=how)
        return await self._call("POST", "/v1/me/shares", m.ShareResult, json=body, key=idempotency_key)

    async def move_demo_clock(self, days: int) -> m.DemoClock:
        """Mock backend served with `--movable-clock` only: move its time forward by whole days."""
        return await self._call("POST", "/v1/demo/clock", m.DemoClock, json=m.DemoClockMove(days=days))

    # ------------------------------------------------------------------ the one choke point

    async def _call(
        self,
        method: str,
        path: str,
        into: type[T] | Any,
        *,
        json: BaseModel | None = None,
        params: Mapping[str, str | int] | None = None,
        key: str | None = None,
        auth: bool = True,
        etag: bool = False,
        timeout: float | None = None,
        repeatable: bool = False,
    ) -> T:
        """One API call. GETs, writes with an Idempotency-Key and `repeatable` ones are sent again after a lost
        connection or a 502/503/504 (`RetryPolicy`); any other write is sent once.

        A GET asked for while the same one (path, member, language) is on its way is not sent again: both callers get
        its answer (or its error). Friends' sections each need the friend list, and asked for it four times at once.
        """
        if method != "GET" or params is not None:
            return await self._call_once(method, path, into, json, params, key, auth, etag, timeout, repeatable)
        token = self._tokens.access_token if auth and self._tokens is not None else None
        same = (path, token, self._language)
        shared = self._reading.get(same)
        # A read its last caller cancelled is listed until it has ended: a caller that comes meanwhile (another screen
        # asking for the same thing in the same moment) sends its own, or it would get a cancellation it never asked
        # for, and its screen would stay on its spinner.
        if shared is None or shared.task.cancelling() or shared.task.cancelled():
            task = asyncio.ensure_future(
                self._call_once(method, path, into, json, params, key, auth, etag, timeout, repeatable)
            )
            shared = self._reading[same] = _SharedRead(task)
            task.add_done_callback(lambda _: self._reading.pop(same) if self._reading.get(same) is shared else None)
        shared.waiting += 1
        try:
            # Shielded: one caller cancelled (its screen left) does not cancel the answer the others wait for...
            return await asyncio.shield(shared.task)  # type: ignore[no-any-return]
        except asyncio.CancelledError:
            if shared.waiting == 1 and not shared.task.done():
                shared.task.cancel()  # ...but the last one does: nobody waits for it any more
            raise
        finally:
            shared.waiting -= 1

    async def _call_once(
        self,
        method: str,
        path: str,
        into: type[T] | Any,
        json: BaseModel | None,
        params: Mapping[str, str | int] | None,
        key: str | None,
        auth: bool,
        etag: bool,
        timeout: float | None,
        repeatable: bool,
    ) -> T:
        payload = json.model_dump(mode="json", exclude_unset=True) if json is not None else None
        refreshed = False
        while True:
            headers: dict[str, str] = {}
            if key is not None:
                headers["Idempotency-Key"] = key
            sent_tokens = self._tokens
            if auth:
                if sent_tokens is None:
                    raise SessionExpired("Not signed in")
                headers["Authorization"] = f"Bearer {sent_tokens.access_token}"
            cached = self._etags.get(path) if etag else None
            if cached is not None:
                headers["If-None-Match"] = cached[0]
            retryable = method == "GET" or key is not None or repeatable
            response = await self._send(method, path, headers, payload, params, retryable, timeout)
            if response.status_code == 304 and cached is not None:
                return cached[1]  # type: ignore[no-any-return]
            if response.status_code == 401 and auth and not refreshed:
                await self._refresh(sent_tokens)
                refreshed = True
                continue
            if response.status_code >= 400:
                raise self._error(response, self.retry)
            if response.status_code == 204:
                return None  # type: ignore[return-value]  # "No Content": the caller asked for None
            result = self._parse(response, into)
            if etag and (tag := response.headers.get("ETag")):
                self._etags[path] = (tag, result)
            return result

    async def _send(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        payload: Any,
        params: Mapping[str, str | int] | None,
        retryable: bool,
        timeout: float | httpx.Timeout | None = None,
        *,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one request, retrying when that is safe; httpx errors become `NetworkError` here and only here (and,
        for the body of a `stream`ed answer, where it is read: `_pushed_pages`)."""
        if timeout is not None and not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        attempt = 0
        while True:
            retry_after: str | None = None
            try:
                request = self._http.build_request(
                    method,
                    path,
                    headers=headers,
                    json=payload,
                    params=params,
                    timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
                )
                response = await self._http.send(request, stream=stream)
            except httpx.TimeoutException as e:
                if not retryable or attempt >= self.retry.max_retries:
                    raise RequestTimeout("The loyalty API did not answer in time") from e
            except httpx.TransportError as e:
                # Which error, never the request's content: "offline" on screen has more than one cause.
                log.warning("%s %s: %s (attempt %d)", method, path, type(e).__name__, attempt + 1)
                if not retryable or attempt >= self.retry.max_retries:
                    raise NetworkError("The loyalty API could not be reached") from e
            else:
                if not retryable or response.status_code not in RETRY_STATUSES or attempt >= self.retry.max_retries:
                    return response
                retry_after = response.headers.get("Retry-After")
                if self.retry.too_long(response.status_code, parse_retry_after(retry_after)):
                    return response  # a longer pause than we wait: the caller hears `RateLimited`, no early retry
            await asyncio.sleep(self.retry.delay(attempt, retry_after))
            attempt += 1

    async def _refresh(self, stale: m.TokenPair | None) -> None:
        """Refresh once for every caller that saw `stale` tokens fail (single flight)."""
        async with self._refresh_lock:
            if self._tokens is not stale and self._tokens is not None:
                return  # another caller already refreshed while we waited
            if stale is None:
                raise SessionExpired("Not signed in")
            try:
                body = m.RefreshRequest(refresh_token=stale.refresh_token)
                pair: m.TokenPair = await self._call("POST", "/v1/auth/refresh", m.TokenPair, json=body, auth=False)
            except (Unauthorized, ValidationFailed) as e:
                # The refresh token was refused (expired, revoked or reused): the session is over.
                await self._set_tokens(None)
                if self.on_session_expired is not None:
                    result = self.on_session_expired()
                    if asyncio.iscoroutine(result):
                        await result
                raise SessionExpired("The session has ended") from e
            await self._set_tokens(pair)

    async def _set_tokens(self, pair: m.TokenPair | None) -> None:
        self._tokens = pair
        if pair is None:
            self._etags.clear()
        if self.on_tokens_changed is not None:
            result = self.on_tokens_changed(pair)
            if asyncio.iscoroutine(result):
                await result

    @staticmethod
    def _error(response: httpx.Response, retry: RetryPolicy) -> LoyaltyError:
        problem = _problem_of(response)
        wait = parse_retry_after(response.headers.get("Retry-After"))
        if retry.too_long(response.status_code, wait):
            return RateLimited(problem, retry_after=wait)
        error = error_from_problem(problem)
        if isinstance(error, RateLimited):
            error.retry_after = wait
        return error

    @staticmethod
    def _parse(response: httpx.Response, into: Any) -> Any:
        if into is None:
            return None  # an answer with no body (204)
        return LoyaltyClient._parse_json(response.content, into)

    @staticmethod
    def _parse_json(content: bytes | str, into: Any) -> Any:
        try:
            return _adapter(into).validate_json(content)
        except ValidationError as e:
            problem = m.Problem(
                title="Bad response",
                status=502,
                detail="The loyalty API sent an answer we could not read.",
                code="bad_response",
            )
            raise ServerError(problem) from e


EVENT_STREAM = "/v1/me/events/stream"


async def _pushed_pages(response: httpx.Response) -> AsyncIterator[m.EventsPage]:
    """The `EventsPage` of each `events` message of a server-sent event stream, as it arrives (comments, other
    kinds of message and the `id`/`retry` fields are passed over: each page carries its own cursor)."""
    kind, data = "message", list[str]()
    try:
        async for line in response.aiter_lines():
            if not line:  # a blank line ends a message
                if kind == "events" and data:
                    yield LoyaltyClient._parse_json("\n".join(data), m.EventsPage)
                kind, data = "message", []
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                kind = value
            elif field == "data":
                data.append(value)
    except httpx.TimeoutException as e:
        raise RequestTimeout("The event stream fell silent") from e
    except httpx.TransportError as e:
        log.warning("GET %s: %s", EVENT_STREAM, type(e).__name__)
        raise NetworkError("The event stream was cut") from e


def _problem_of(response: httpx.Response) -> m.Problem:
    """The problem+json of an error answer. A code this client does not know (a newer API) is read as a plain
    `http_error`/`server_error`, so that the status class decides while the detail and field are kept."""
    fallback: m.ProblemCode = "server_error" if response.status_code >= 500 else "http_error"
    try:
        body = jsonlib.loads(response.content)
    except ValueError:
        body = None
    if isinstance(body, dict):
        if body.get("code") not in PROBLEM_CODES:
            body = {**body, "code": fallback}
        try:
            return m.Problem.model_validate(body)
        except ValidationError:
            pass
    return m.Problem(
        title=response.reason_phrase or "Error",
        status=response.status_code,
        detail="The loyalty API answered with an unexpected error.",
        code=fallback,
    )


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(tp: Any) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(tp)
    if adapter is None:
        adapter = _ADAPTERS[tp] = TypeAdapter(tp)
    return adapter


def _path(template: str, *ids: str) -> str:
    """A path with ids the API gave us, each quoted so that none can change the path's shape."""
    return template.format(*(quote(i, safe="") for i in ids))
