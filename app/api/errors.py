"""Typed errors raised by `LoyaltyClient`.

One root (`LoyaltyError`), then connection problems (`NetworkError`: the API could not be reached or did not
answer in time) versus answers from the API (`ApiStatusError` and one subclass per meaningful problem `code`).
httpx errors are converted in exactly one place (`LoyaltyClient._send`).
"""

from __future__ import annotations

import math
from typing import ClassVar, get_args

from app.api.models import Problem, ProblemCode
from app.i18n import Translator

PROBLEM_CODES: frozenset[str] = frozenset(get_args(ProblemCode))


class LoyaltyError(Exception):
    """Root of every error the client raises."""


class NetworkError(LoyaltyError):
    """The API could not be reached (offline, connection refused) or did not answer in time."""


class RequestTimeout(NetworkError):
    """The API did not answer within the client's timeout."""


class SessionExpired(LoyaltyError):
    """The member's session ended (refresh refused); they must sign in again."""


class ApiStatusError(LoyaltyError):
    """The API answered with an error status and a problem+json body."""

    status: int
    code: str
    field: str | None
    detail: str

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem
        self.status = problem.status
        self.code = problem.code
        self.field = problem.field
        self.detail = problem.detail


class ValidationFailed(ApiStatusError):
    """The request was malformed; `field` names the offending field."""


class Unauthorized(ApiStatusError):
    """Missing, expired or invalid credentials."""


class InvalidCredentials(Unauthorized):
    """Email and password do not match a member."""


class NotFound(ApiStatusError):
    """The resource does not exist (or belongs to another member)."""


class Conflict(ApiStatusError):
    """The request conflicts with the current state (already joined, idempotency key reused, ...)."""


class InsufficientBalance(ApiStatusError):
    """Not enough Stars for this redemption or gift."""


class NotAFriend(ApiStatusError):
    """Gifts go only to friends added by friend code."""


class GiftLimitExceeded(ApiStatusError):
    """The gift is outside the per-gift limits or over the daily cap."""


class OutOfStock(ApiStatusError):
    """The reward has no units left."""


class TierRequired(ApiStatusError):
    """The reward needs a higher tier."""


class RateLimited(ApiStatusError):
    """Too many requests, or the API asked for a longer pause than the client will wait; retry later.

    `retry_after` is the wait in seconds the API asked for (`Retry-After`), None when it did not say.
    """

    def __init__(self, problem: Problem, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class ServerError(ApiStatusError):
    """The API failed (5xx)."""


class ErrorMap:
    """Which exception class a problem `code` (or, failing that, an HTTP status) becomes."""

    BY_CODE: ClassVar[dict[ProblemCode, type[ApiStatusError]]] = {
        "validation_error": ValidationFailed,
        "payload_too_large": ValidationFailed,
        "invalid_credentials": InvalidCredentials,
        "too_many_attempts": RateLimited,
        "insufficient_balance": InsufficientBalance,
        "not_a_friend": NotAFriend,
        "cannot_gift_self": NotAFriend,
        "gift_limit_exceeded": GiftLimitExceeded,
        "daily_gift_cap_exceeded": GiftLimitExceeded,
        "out_of_stock": OutOfStock,
        "tier_required": TierRequired,
        "invalid_code": ValidationFailed,
        "code_expired": ValidationFailed,
        "rate_limited": RateLimited,
    }
    STATUS_DECIDES: ClassVar[frozenset[ProblemCode]] = frozenset(
        # Their HTTP status already says all the app needs (see `BY_STATUS`); the detail says the rest.
        (
            *("bad_request", "unsupported_media_type", "method_not_allowed"),
            *("idempotency_key_required", "idempotency_key_reused"),
            *("unauthorized", "forbidden", "token_expired", "refresh_token_reused"),
            *("email_taken", "unknown_referral_code", "not_found", "unknown_reward", "unknown_friend_code"),
            *("cannot_friend_self", "already_friends", "already_joined", "challenge_closed"),
            *("already_reviewed_today", "survey_already_answered"),
            *("pool_full", "not_pool_owner", "pool_closed", "unknown_claim_code", "claim_closed", "not_a_newcomer"),
            "code_already_used",
            *("friend_request_pending", "friend_request_closed", "too_many_friend_code_attempts"),
            *("ask_pending", "ask_closed", "already_thanked", "not_gift_recipient"),
            *("unknown_offer", "offer_not_available", "preference_locked"),
            *("internal_error", "http_error", "server_error", "bad_response"),
        )
    )
    """Codes deliberately left to their status class: every `ProblemCode` is in `BY_CODE` or here (a test checks)."""
    BY_STATUS: ClassVar[dict[int, type[ApiStatusError]]] = {
        400: ValidationFailed,
        401: Unauthorized,
        403: Unauthorized,
        404: NotFound,
        409: Conflict,
        413: ValidationFailed,
        422: ValidationFailed,
        429: RateLimited,
    }

    @classmethod
    def for_problem(cls, problem: Problem) -> type[ApiStatusError]:
        if problem.code in cls.BY_CODE:
            return cls.BY_CODE[problem.code]
        if problem.status >= 500:
            return ServerError
        return cls.BY_STATUS.get(problem.status, ApiStatusError)


def error_from_problem(problem: Problem) -> ApiStatusError:
    """Build the typed exception for a problem+json answer."""
    return ErrorMap.for_problem(problem)(problem)


def user_message(exc: BaseException, t: Translator | None = None) -> str:
    """One short, human sentence for any error, for a SnackBar or a field's error text, in `t`'s language (English
    when None).

    The API's `detail` is written for customers (in the language the client asked for), so it is shown as is;
    everything else gets a fixed sentence. Tokens, URLs and stack traces never reach the customer.
    """
    t = t or Translator("en")
    if isinstance(exc, RequestTimeout):
        return t._("Starboard is taking too long to answer. Check your connection and try again.")
    if isinstance(exc, NetworkError):
        return t._("You're offline or Starboard can't be reached. Check your connection and try again.")
    if isinstance(exc, SessionExpired):
        return t._("Your session has ended. Please sign in again.")
    if isinstance(exc, RateLimited):
        if exc.retry_after is None:
            return t._("Too many attempts. Try again in a moment.")
        seconds = max(1, math.ceil(exc.retry_after))
        # Translators: {n} is a number of seconds, written with the unit's symbol ("30 s").
        return t.n_("Too many attempts. Try again in {n} s.", "Too many attempts. Try again in {n} s.", seconds)
    if isinstance(exc, ServerError):
        return t._("Something went wrong on our side. Please try again in a moment.")
    if isinstance(exc, ApiStatusError):
        return exc.detail
    return t._("Something unexpected happened. Please try again.")
