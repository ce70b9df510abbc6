"""The wire contract of the Starboard loyalty API (`/v1`), as pydantic v2 models.

These models are the single description of every request and response body. The typed client parses
responses with them, and the offline mock backend declares them as its FastAPI request/response models,
so its OpenAPI document (`docs/openapi.json`) is generated from exactly these classes.

Responses are frozen and ignore unknown fields (a newer server may add fields); requests forbid unknown
fields so that a typo is a 422, not a silent no-op.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

TierName = Literal["Green", "Gold", "Reserve"]
EntryKind = Literal[
    "purchase",
    "bonus",
    "gift_in",
    "gift_out",
    "redeem",
    "expire",
    "review",
    "survey",
    "referral",
    "birthday",
    "challenge",
    # Star Pools and gifts to newcomers (see their section below)
    "pool_contribution",
    "pool_return",
    "gift_held",
    "gift_returned",
]
"""Kinds of ledger entries. Only `purchase` counts toward tier status (qualifying Stars)."""
ActivityFilter = Literal["earned", "spent", "gifts", "expired"]
"""Coarse groups a customer can filter the activity list by."""
EarnKind = Literal["purchase", "double_star_day", "review", "survey", "referral", "birthday", "challenge"]
"""Ways to earn Stars, as the program lists them."""
LockReason = Literal["tier", "out_of_stock"]
"""Why a member cannot redeem a reward even with enough Stars."""
ChallengeStatus = Literal["open", "joined", "completed", "expired"]
EventKind = Literal[
    "gift_received",
    "badge_earned",
    "challenge_completed",
    "stars_earned",
    "reward_redeemed",
    "stars_expired",
    "tier_changed",
    # Star Pools and gifts to newcomers
    "pool_invited",
    "pool_redeemed",
    "newcomer_gift_claimed",
    "newcomer_gift_returned",
]

ProblemCode = Literal[
    # the request itself
    "validation_error",
    "bad_request",
    "payload_too_large",
    "unsupported_media_type",
    "method_not_allowed",
    "idempotency_key_required",
    "idempotency_key_reused",
    # who is asking
    "unauthorized",
    "forbidden",
    "invalid_credentials",
    "token_expired",
    "refresh_token_reused",
    "email_taken",
    "unknown_referral_code",
    # what is asked for
    "not_found",
    "unknown_reward",
    "unknown_friend_code",
    # the program's rules
    "insufficient_balance",
    "out_of_stock",
    "tier_required",
    "not_a_friend",
    "cannot_gift_self",
    "cannot_friend_self",
    "already_friends",
    "gift_limit_exceeded",
    "daily_gift_cap_exceeded",
    "already_joined",
    "challenge_closed",
    "already_reviewed_today",
    "survey_already_answered",
    # Star Pools and gifts to newcomers
    "pool_full",
    "not_pool_owner",
    "pool_closed",
    "unknown_claim_code",
    "claim_closed",
    "not_a_newcomer",
    # failures
    "internal_error",
    "http_error",
    "server_error",
    "bad_response",
]
"""Every `Problem.code` the API answers with. The backend's refusals and the client's error map are typed with it,
so a code one side knows and the other does not is a type error. `http_error`, `server_error` and `bad_response`
name answers that carried no readable problem (the client makes those up itself)."""

MAX_MESSAGE_CHARS = 140
"""A gift message's limit (also served as `GiftRules.message_max_chars` and `GiftAllowance.message_max_chars`)."""
MIN_REVIEW_CHARS = 10
MAX_REVIEW_CHARS = 1000
MIN_RATING = 1
MAX_RATING = 5



def _trimmed(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


# Named constrained types: each request field's limits are declared once, here, and appear in the OpenAPI document.
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=128)]
NewPassword = Annotated[str, StringConstraints(min_length=8, max_length=128)]
"""A password being chosen (sign-up): at least 8 characters."""
NameText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
"""A short human text: a member's name, a store's name, what a review is about."""
CodeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
"""A code a member types or pastes (friend code, referral code)."""
IdText = Annotated[str, StringConstraints(min_length=1, max_length=64)]
"""The id of something the API named (a reward, a friend, a survey)."""
ReferralCodeText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32)]
"""A referral code typed at sign-up (may be empty: no referral)."""
TokenText = Annotated[str, StringConstraints(min_length=1, max_length=512)]
QuestionId = Annotated[str, StringConstraints(max_length=64)]
AnswerText = Annotated[str, StringConstraints(max_length=200)]
MessageText = Annotated[str, BeforeValidator(_trimmed), StringConstraints(max_length=MAX_MESSAGE_CHARS)]
"""A gift message: at most `MAX_MESSAGE_CHARS` characters once trimmed (as `str.strip` trims, like the ledger)."""
ReviewText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=MIN_REVIEW_CHARS, max_length=MAX_REVIEW_CHARS)
]
Rating = Annotated[StrictInt, Field(ge=MIN_RATING, le=MAX_RATING)]
StarAmount = StrictInt
"""A whole number of Stars in a request: a JSON integer; `"12"`, `12.0` and `true` are refused, never read as one."""


def _iso_date_only(value: object) -> object:
    # Lax pydantic reads a number (or a string of digits) as a Unix timestamp, so {"birthday": 0} would
    # silently become 1 January 1970. A request date is a `date` or a "YYYY-MM-DD" string, nothing else.
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Enter the date as YYYY-MM-DD.")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DateInput = Annotated[date, BeforeValidator(_iso_date_only)]
"""A date in a request: a `date`, or an ISO "YYYY-MM-DD" string in JSON; never a number."""
MoneyAmount = Annotated[float, Field(strict=True, gt=0, le=10_000)]
"""Money spent, in currency units: a JSON number above 0, at most 10,000 (strings and booleans are refused)."""


class Response(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- errors


class Problem(Response):
    """RFC 9457 problem details, with a stable machine-readable `code` and the offending `field`."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: ProblemCode
    """Stable error code, e.g. `insufficient_balance`, `not_a_friend`, `gift_limit_exceeded`."""
    field: str | None = None
    """The request field the error is about, when there is one (for showing it next to that field)."""


# ---------------------------------------------------------------- auth


class TokenRequest(Request):
    email: Email
    password: Password


class RefreshRequest(Request):
    refresh_token: TokenText


class TokenPair(Response):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    """Seconds until the access token expires."""


class SignupRequest(Request):
    email: Email
    password: NewPassword
    name: NameText
    referral_code: ReferralCodeText | None = None


# ---------------------------------------------------------------- program


class TierInfo(Response):
    name: TierName
    threshold: int
    """Qualifying Stars in the last 12 months needed to hold this tier."""
    earn_multiplier: float
    benefits: list[str]


class EarnRule(Response):
    kind: EarnKind
    title: str
    description: str
    stars: int | None = None
    """Fixed Stars for this way to earn, when it is a fixed amount."""
    limit: str | None = None
    """Human description of how often it can be earned."""


class GiftRules(Response):
    min_per_gift: int
    max_per_gift: int
    daily_cap: int
    message_max_chars: int


class ReviewRules(Response):
    """What a review must be (`ReviewCreate` declares the same limits)."""

    min_rating: int
    max_rating: int
    min_chars: int
    max_chars: int


class Program(Response):
    currency: str
    stars_per_unit: int
    """Stars per unit of money spent, before the tier multiplier and offers."""
    tiers: list[TierInfo]
    earn_rules: list[EarnRule]
    reward_ladder: list[int]
    expiry_months: int
    expiry_warning_days: int
    status_window_months: int
    review_rules: ReviewRules
    gift_rules: GiftRules
    rules_text: list[str]
    """The program's rules in plain words, one paragraph each."""


# ---------------------------------------------------------------- member


class Profile(Response):
    id: str
    email: str
    name: str
    tier: TierName
    member_number: str
    friend_code: str
    referral_code: str
    birthday: date | None
    time_zone: str
    joined_at: datetime
    birthday_rule: str
    """The birthday bonus in one sentence (when and how often it is paid), to show next to the birthday."""


class ProfileUpdate(Request):
    name: NameText | None = None
    birthday: DateInput | None = None


class TierProgress(Response):
    tier: TierName
    qualifying_stars: int
    """Purchase Stars earned in the last `window_months` months; gifts and bonuses do not count."""
    window_months: int
    """How many months of purchases count toward status (a rolling window)."""
    next_tier: TierName | None
    next_tier_threshold: int | None
    stars_to_next_tier: int
    progress: float
    """0..1 progress of qualifying Stars from this tier's threshold to the next one."""
    status_until: date
    days_left_in_status: int
    keep_tier_stars_needed: int
    """Qualifying Stars still to earn before `status_until` to keep the current tier."""
    keep_message: str
    status_expires: bool = True
    """False for the entry tier, which cannot be lost (`status_until` then means nothing to the member)."""


class NextReward(Response):
    cost: int
    stars_missing: int
    progress: float
    reward_name: str | None = None


class RewardRef(Response):
    id: str
    name: str
    cost: int


class ExpiringSoon(Response):
    stars: int
    on: date
    days_left: int
    suggested_reward: RewardRef | None
    """A reward the member can buy now with Stars that would otherwise expire."""


class Offer(Response):
    id: str
    title: str
    description: str
    multiplier: float
    starts_at: datetime
    ends_at: datetime


class Badge(Response):
    id: str
    name: str
    description: str
    criteria: str
    icon: str
    """Material icon name for the badge art."""
    target: int
    progress: int
    earned_at: datetime | None


class Challenge(Response):
    id: str
    title: str
    description: str
    kind: Literal["visits", "spend", "streak", "gifts", "reviews"]
    target: int
    progress: int
    reward_stars: int
    starts_at: datetime
    ends_at: datetime
    status: ChallengeStatus
    joined_at: datetime | None
    completed_at: datetime | None


class Summary(Response):
    """Everything the Home screen needs in one round trip."""

    name: str
    balance: int
    tier: TierProgress
    next_reward: NextReward | None
    expiring: ExpiringSoon | None
    challenges: list[Challenge]
    newest_badge: Badge | None
    badges_earned: int
    badges_total: int
    offers: list[Offer]
    as_of: datetime


# ---------------------------------------------------------------- activity


class ActivityEntry(Response):
    id: str
    kind: EntryKind
    stars: int
    """Signed change to the balance: positive for earnings, negative for spending, gifts out and expiry."""
    reason: str
    """Why the balance changed, in the customer's words ("Purchase at Pike Place, 12.50")."""
    created_at: datetime
    counterparty: str | None = None
    message: str | None = None
    balance_after: int


class ActivityPage(Response):
    items: list[ActivityEntry]
    next_cursor: str | None
    expiry_months: int
    """Stars expire this many months after they are earned (what `expire` entries are about)."""


# ---------------------------------------------------------------- rewards


class RewardInfo(Response):
    """What a reward is, whoever asks (the catalog's own entries extend it)."""

    id: str
    name: str
    description: str
    cost: int
    """Stars, always one of the program's `reward_ladder` steps."""
    icon: str
    """Material icon name."""
    tier_required: TierName | None
    """The lowest tier that may redeem it; None for everyone."""


class Reward(RewardInfo):
    """A reward as one member sees it: stock, and whether and why not they can redeem it."""

    stock: int | None
    """Units left; None when unlimited."""
    can_redeem: bool
    stars_missing: int
    locked_reason: LockReason | None
    """Why the member cannot redeem even with enough Stars."""


class RedemptionCreate(Request):
    reward_id: IdText


class Redemption(Response):
    id: str
    reward_id: str
    reward_name: str
    stars: int
    code: str
    qr_payload: str
    created_at: datetime
    balance_after: int


# ---------------------------------------------------------------- friends and gifts


class Friend(Response):
    id: str
    name: str
    friend_code: str


class FriendCreate(Request):
    friend_code: CodeText


class GiftCreate(Request):
    friend_id: IdText
    stars: StarAmount
    message: MessageText | None = None


class Gift(Response):
    id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    stars: int
    message: str | None
    created_at: datetime
    balance_after: int
    """The sender's balance after the gift."""


class GiftAllowance(Response):
    """What the member can gift right now, so the app can explain the rules before sending."""

    balance: int
    min_per_gift: int
    max_per_gift: int
    daily_cap: int
    sent_today: int
    remaining_today: int
    max_now: int
    """The largest gift allowed right now: min(max_per_gift, remaining_today, balance)."""
    message_max_chars: int


# ---------------------------------------------------------------- card, events


class MemberCard(Response):
    member_number: str
    name: str
    tier: TierName
    qr_payload: str
    balance: int
    as_of: datetime


class Event(Response):
    id: int
    kind: EventKind
    title: str
    body: str
    stars: int | None = None
    created_at: datetime


class EventsPage(Response):
    events: list[Event]
    cursor: int
    """Pass as `after` on the next call to get only newer events."""


# ---------------------------------------------------------------- engagement


class ReviewCreate(Request):
    rating: Rating
    text: ReviewText
    subject: NameText = "Latest visit"


class SurveyQuestion(Response):
    id: str
    text: str
    choices: list[str]


class Survey(Response):
    id: str
    title: str
    stars: int
    questions: list[SurveyQuestion]
    answered: bool


class SurveyAnswers(Request):
    survey_id: IdText
    answers: dict[QuestionId, AnswerText]


class Referral(Response):
    code: str
    bonus_stars: int
    share_text: str
    pending: int
    """Referred members who have not made a first purchase yet."""
    completed: int


class EarnResult(Response):
    stars: int
    balance_after: int
    message: str


class PurchaseCreate(Request):
    amount: MoneyAmount
    store: NameText = "Starboard Pike Place"


class PurchaseResult(Response):
    stars: int
    balance_after: int
    entry: ActivityEntry


# ---------------------------------------------------------------- Star Pools, friends' leaderboard, newcomer gifts

PoolRole = Literal["owner", "member", "invited", "declined", "left"]
PoolStatus = Literal["open", "closed"]
"""A pool closes when no member is left in it (everything left in it has then gone back to who gave it)."""
PoolActivityKind = Literal["created", "invited", "joined", "declined", "contributed", "redeemed", "left", "closed"]
HeldGiftStatus = Literal["held", "claimed", "returned"]
"""A gift to a newcomer is `held` until claimed with its code or returned to the giver when the claim window ends."""
MAX_POOL_INVITES = 5
"""A pool is its owner and at most this many invited friends."""
ContactText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]
"""A phone number (digits, spaces, dashes, an optional leading +) or an email address."""
ClaimCodeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class PoolRules(Response):
    """What a Star Pool allows (also said in plain words in `Program.rules_text`)."""

    max_invites: int
    """Friends an owner may invite (the pool then has at most `max_invites + 1` members)."""
    min_per_contribution: int
    max_per_contribution: int
    daily_cap: int
    """Stars a member may give in one local day, gifts and pool contributions together."""
    stars_expire_in_pool: bool
    """False: Stars never expire while pooled; Stars given back come back as new Stars with a fresh expiry."""


class PoolCreate(Request):
    name: NameText
    goal_reward_id: IdText
    """The reward the pool saves for (its cost is the goal)."""
    invite_ids: Annotated[list[IdText], Field(max_length=MAX_POOL_INVITES)] = []
    """Friends to invite now (more may be invited later, up to `MAX_POOL_INVITES` in all)."""


class PoolInviteCreate(Request):
    friend_id: IdText


class PoolContributionCreate(Request):
    stars: StarAmount


class PoolRedemptionCreate(Request):
    reward_id: IdText
    """The reward to redeem with the pool's Stars (usually the goal); only the owner may."""


class PoolLeave(Request):
    """Leaving gives back what one contributed and is unspent: keyed, the body is empty."""


class PoolMember(Response):
    member_id: str
    name: str
    role: PoolRole
    given: int
    """Stars this member has contributed in all."""
    unspent: int
    """Stars of theirs still in the pool (given back if they leave)."""


class PoolActivity(Response):
    id: str
    kind: PoolActivityKind
    member_name: str
    stars: int | None = None
    text: str
    """One sentence, e.g. "Grace gave 40 Stars"."""
    created_at: datetime


class Pool(Response):
    id: str
    name: str
    owner_id: str
    owner_name: str
    goal: RewardInfo
    stars: int
    """Stars in the pool now."""
    stars_to_goal: int
    progress: float
    """0..1 of the goal's cost."""
    can_redeem_goal: bool
    """The owner may redeem the goal now (enough Stars, the owner's tier, stock)."""
    status: PoolStatus
    my_role: PoolRole
    members: list[PoolMember]
    """Everyone invited or in the pool, the owner first."""
    activity: list[PoolActivity]
    """The pool's own ledger, newest first."""
    created_at: datetime


class PoolList(Response):
    pools: list[Pool]
    """Open pools the member is in or invited to, newest first."""
    rules: PoolRules


class PoolContributionResult(Response):
    pool: Pool
    stars: int
    balance_after: int
    """The member's own balance after the contribution."""


class PoolRedemption(Response):
    pool: Pool
    redemption: Redemption
    """`balance_after` is the pool's Stars after the redemption."""


class PoolLeft(Response):
    pool_id: str
    returned: int
    """Stars given back to the member."""
    balance_after: int
    pool_closed: bool


class LeaderboardSettings(Request):
    opted_in: StrictBool
    """A JSON boolean (`"true"` and `1` are refused)."""


class LeaderboardEntry(Response):
    rank: int
    """1-based; equal Stars share a rank and the next rank is skipped (1, 1, 3)."""
    member_id: str
    name: str
    stars: int
    """Stars earned this week (purchases, bonuses, challenges); never the balance."""
    is_me: bool


class Leaderboard(Response):
    opted_in: bool
    """Whether this member shows on their friends' leaderboard (off until they turn it on)."""
    week_starts: date
    """Monday of this week, in the member's time zone."""
    resets_at: datetime
    """Next Monday 00:00 in the member's time zone."""
    entries: list[LeaderboardEntry]
    """Friends who opted in, and the member when opted in, by Stars earned this week."""


class NewcomerGiftCreate(Request):
    contact: ContactText
    stars: StarAmount
    message: MessageText | None = None


class ClaimCreate(Request):
    claim_code: ClaimCodeText


class HeldGift(Response):
    """Stars sent to someone who is not a member yet: held until claimed with the code, or returned."""

    id: str
    contact: str
    """The phone number or email address it was sent to, as normalised."""
    stars: int
    message: str | None
    claim_code: str
    claim_path: str
    """The app's path that opens joining with the code filled in (`/join?claim=CODE`)."""
    status: HeldGiftStatus
    created_at: datetime
    claim_until: datetime
    """Unclaimed by then, the Stars go back to the giver."""
    claimed_by_name: str | None = None
    balance_after: int
    """The giver's balance right after sending."""


class HeldGifts(Response):
    gifts: list[HeldGift]
    """Gifts this member sent to newcomers, newest first."""
    claim_days: int


class ClaimResult(Response):
    stars: int
    from_name: str
    message: str | None
    balance_after: int


class OutboxMessage(Response):
    """A text message or email the demo would have sent (the mock's demo outbox)."""

    id: str
    to: str
    channel: Literal["sms", "email"]
    body: str
    sent_at: datetime
