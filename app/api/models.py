"""The wire contract of the Starboard loyalty API (`/v1`), as pydantic v2 models.

These models are the single description of every request and response body. The typed client parses
responses with them, and the offline mock backend declares them as its FastAPI request/response models,
so its OpenAPI document (`docs/openapi.json`) is generated from exactly these classes.

Responses are frozen and ignore unknown fields (a newer server may add fields); requests forbid unknown
fields so that a typo is a 422, not a silent no-op.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from app.api.text import grapheme_count

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
    "game",
    "share",
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
RedemptionStatus = Literal["ready", "used", "expired"]
"""A redeemed reward's code: `ready` to show at the counter, `used` once scanned there, `expired` when its time ran
out unused."""
OfferStatus = Literal["available", "activated", "used"]
"""An offer as one member sees it: to activate, activated (waiting for the next qualifying visit), or used."""
InboxKind = Literal["gifts", "friends", "expiring", "challenges", "offers", "tier", "badges", "account"]
"""What an inbox item is about; the member can turn each kind off, except `account` (account and security)."""
InboxLink = Literal["home", "activity", "rewards", "challenges", "badges", "offers", "gift", "friends", "profile"]
"""The screen an inbox item opens."""
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
    "gift_sent",
    "reward_used",
    # friends (see the "friend requests, asks and thank-yous" section)
    "friend_request_received",
    "friend_request_accepted",
    "ask_received",
    "ask_answered",
    "thanks_received",
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
    "too_many_attempts",
    "token_expired",
    "refresh_token_reused",
    "email_taken",
    "unknown_referral_code",
    "invalid_code",
    "code_expired",
    "rate_limited",
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
    "code_already_used",
    "code_expired",
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
    # friend requests, asks and thank-yous
    "friend_request_pending",
    "friend_request_closed",
    "too_many_friend_code_attempts",
    "ask_pending",
    "ask_closed",
    "already_thanked",
    "not_gift_recipient",
    "unknown_offer",
    "offer_not_available",
    "preference_locked",
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


# ---------------------------------------------------------------- text hygiene

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they make a text display as something else."""
BROKEN_TEXT = "This text contains an invalid character (an unpaired surrogate); type it again."
CONTROL_IN_TEXT = "This text contains a control character, such as a tab or an escape; remove it."
BIDI_IN_TEXT = "This text contains a text-direction override, which can disguise what it says; remove it."


def _text_check(*, line_breaks: bool = False, bidi: bool = False, trimmed: bool = False) -> Callable[[object], object]:
    """A validator refusing lone surrogates, control characters (C0 and C1; line feeds and carriage returns only
    where ``line_breaks``) and, unless ``bidi``, the bidirectional controls. Runs before pydantic's own string
    checks, so a lone surrogate gets this sentence rather than a parser's. With ``trimmed``, the ends that the type
    strips anyway are not checked."""

    def check(value: object) -> object:
        if not isinstance(value, str):
            return value
        for char in value.strip() if trimmed else value:
            kind = unicodedata.category(char)
            if kind == "Cs":
                raise ValueError(BROKEN_TEXT)
            if kind == "Cc" and not (line_breaks and char in "\n\r"):
                raise ValueError(CONTROL_IN_TEXT)
            if not bidi and char in BIDI_CONTROLS:
                raise ValueError(BIDI_IN_TEXT)
        return value

    return check


_PLAIN = "No control characters, no unpaired surrogates, no text-direction overrides (U+202A-202E, U+2066-2069)."
_PLAIN_LINES = (
    "Line breaks allowed; no other control characters, no unpaired surrogates, no text-direction overrides "
    "(U+202A-202E, U+2066-2069): refused, not stripped."
)
_SECRET = "No control characters or unpaired surrogates."
Plain = BeforeValidator(_text_check(trimmed=True))
"""Refuses control characters, lone surrogates and bidi controls (checked on the trimmed text)."""
PlainRaw = BeforeValidator(_text_check())
Lines = BeforeValidator(_text_check(line_breaks=True, trimmed=True))
Secret = BeforeValidator(_text_check(bidi=True))

# Named constrained types: each request field's limits are declared once, here, and appear in the OpenAPI document.
# The text checks come after `StringConstraints`: a validator placed before them turns pydantic's own length checks
# into checks of the untrimmed input (a blank name passed `min_length=1`). They still run before the string checks.
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254), Plain]
Password = Annotated[str, StringConstraints(min_length=1, max_length=128), Secret, Field(description=_SECRET)]
NewPassword = Annotated[str, StringConstraints(min_length=8, max_length=128), Secret, Field(description=_SECRET)]
"""A password being chosen (sign-up): at least 8 characters."""
NameText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), Plain, Field(description=_PLAIN)
]
"""A short human text: a member's name, a store's name, what a review is about."""
CodeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32), Plain]
"""A code a member types or pastes (friend code, referral code)."""
IdText = Annotated[str, StringConstraints(min_length=1, max_length=64), PlainRaw]
"""The id of something the API named (a reward, a friend, a survey)."""
ReferralCodeText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32), Plain]
"""A referral code typed at sign-up (may be empty: no referral)."""
TokenText = Annotated[str, StringConstraints(min_length=1, max_length=512), PlainRaw]
VerificationCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12), PlainRaw]
"""A code a member copies from an email (6 digits; a wrong length is refused as a wrong code, not a 422)."""
QuestionId = Annotated[str, StringConstraints(max_length=64), PlainRaw]
AnswerText = Annotated[str, StringConstraints(max_length=200), Plain, Field(description=_PLAIN)]


def _within_message_limit(value: str) -> str:
    if grapheme_count(value) > MAX_MESSAGE_CHARS:
        raise ValueError(f"A message is at most {MAX_MESSAGE_CHARS} characters.")
    return value


MessageText = Annotated[
    str,
    BeforeValidator(_trimmed),
    AfterValidator(_within_message_limit),
    Lines,
    Field(description=_PLAIN_LINES, json_schema_extra={"x-max-characters": MAX_MESSAGE_CHARS}),
]
"""A gift message: at most `MAX_MESSAGE_CHARS` characters once trimmed (as `str.strip` trims, like the ledger),
counted as a reader sees them (`app.api.text.grapheme_count`: a family emoji is one), not as code points; line
breaks allowed, bidi controls refused (not stripped: the sender sees why)."""
ReviewText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=MIN_REVIEW_CHARS, max_length=MAX_REVIEW_CHARS),
    Lines,
    Field(description=_PLAIN_LINES),
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
    birthday: DateInput | None = None
    """Optional; the birthday bonus is paid once a year from the day the member has one."""


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


class TourCard(Response):
    title: str
    body: str


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
    welcome_bonus: int = 0
    """Stars a new member gets once their email is confirmed."""
    tour: list[TourCard] = []
    """The first-run tour: a few cards explaining the program (Stars, qualifying Stars and tiers, gifting)."""


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
    """Stars of a qualifying visit are multiplied by this (2.0 on Double Star Day; 1.0 for a bonus offer)."""
    starts_at: datetime
    ends_at: datetime
    bonus_stars: int = 0
    """Extra Stars added to a qualifying visit (a bonus offer)."""
    min_spend: float = 0.0
    """The least a visit must spend to qualify (0: any visit)."""
    personal: bool = False
    """Picked for this member from their history."""
    status: OfferStatus = "available"
    """`available` (tap Activate), `activated` (applies to the next qualifying visit, once) or `used`."""


BadgeLevel = Literal["bronze", "silver", "gold"]


class Badge(Response):
    id: str
    name: str
    description: str
    criteria: str
    icon: str
    """Material icon name (art for a family the app has no art of its own for)."""
    target: int
    progress: int
    earned_at: datetime | None
    family: str = ""
    """The family the badge belongs to (`visits`, `streak`, ...): one motif per family in the app's art."""
    family_name: str = ""
    level: BadgeLevel = "bronze"
    """Bronze, silver or gold: the medal's frame."""
    share_text: str | None = None
    """What sharing the badge says (earned badges only)."""


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


class Goal(Response):
    """The reward a member chose to save for (`PUT /v1/me/goal`), and how far they are."""

    reward: RewardRef
    stars_missing: int
    progress: float
    """0..1 of the reward's cost the member's balance covers."""
    reached: bool
    """The balance covers the reward: time to celebrate (and redeem)."""


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
    goal: Goal | None = None
    """The member's own goal, when they set one: Home's progress bar then counts toward it."""
    streak: Streak | None = None
    """The weekly visit streak (habits)."""
    daily_game: DailyGame | None = None
    """Today's game (habits)."""
    inbox_unread: int = Field(default=0, ge=0)
    """Unread items in the member's inbox, as `GET /v1/me/inbox` counts them: the top bar shows the count from the
    first screen on without asking for the inbox."""


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
    thanks: str | None = None
    """For a gift sent: the thank-you its recipient sent back (sticker and message), once they have."""


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
    is_goal: bool = False
    """The member chose this reward as their goal (`PUT /v1/me/goal`)."""


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
    status: RedemptionStatus = "ready"
    expires_at: datetime | None = None
    """Until when the code can be used at the counter (None: it does not expire)."""
    used_at: datetime | None = None
    """When the code was scanned at the counter (status `used`)."""


# ---------------------------------------------------------------- friends and gifts


class Friend(Response):
    id: str
    name: str
    friend_code: str


class GiftCreate(Request):
    friend_id: IdText
    stars: StarAmount
    message: MessageText | None = None


class BetweenMembers(Response):
    """What one member sends another about Stars (a gift, an ask): who sent it to whom, with names, and how many."""

    id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    stars: int


class Gift(BetweenMembers):
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
    celebrate: bool = False
    """An achievement worth a moment of its own (a challenge completed, a badge earned, a higher tier reached),
    not just a notice."""
    inbox: bool = False
    """The event put an item in the member's inbox: the inbox and its unread count changed (a purchase's event
    does not, so an open app need not load the inbox again)."""
    idempotency_key: str | None = None
    """On the event that records the member's own request (a gift sent, a redemption): the Idempotency-Key that
    request was sent with, as Stripe's events carry theirs. The app that sent it applies the request's answer and
    need not load again what the event changed; the member's other open devices do. Events that follow from the
    request (a badge earned, a challenge completed) carry none."""


class EventsPage(Response):
    events: list[Event]
    cursor: int
    """Pass as `after` on the next call to get only newer events."""


EVENTS_MAX_WAIT = 40
"""The longest `GET /v1/me/events?wait=` may wait, in seconds: under the 60 s idle timeout of common proxies and
load balancers (nginx's `proxy_read_timeout`, AWS ALB), and long enough that an idle app asks at most 1.5 times a
minute."""
EVENTS_STREAM_HEARTBEAT = 25
"""`GET /v1/me/events/stream` sends a comment line at least this often, in seconds, when nothing happens: it keeps the
connection alive through proxies that close idle ones at 60 s, and a client that hears nothing for longer knows the
stream is dead."""
EVENTS_STREAM_MAX = 600
"""The longest a stream lasts, in seconds (it also ends when its access token expires); the client then opens the
next one from its cursor. An open app costs one request in ten minutes instead of 1.5 a minute."""


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
    """Stars the purchase itself earned."""
    balance_after: int
    """The balance after everything the purchase caused (challenge bonuses, a referral bonus included)."""
    entry: ActivityEntry
    bonuses: list[ActivityEntry] = []
    """Further entries the purchase caused: a challenge completed by it, the first purchase's referral bonus."""
    events: list[Event] = []
    """What the purchase caused that is worth telling (challenge completed, badge earned, tier reached)."""


# ---------------------------------------------------------------- Star Pools, friends' leaderboard, newcomer gifts

PoolRole = Literal["owner", "member", "invited", "declined", "left"]
PoolStatus = Literal["open", "closed"]
"""A pool closes when no member is left in it (everything left in it has then gone back to who gave it)."""
PoolActivityKind = Literal["created", "invited", "joined", "declined", "contributed", "redeemed", "left", "closed"]
HeldGiftStatus = Literal["held", "claimed", "returned"]
"""A gift to a newcomer is `held` until claimed with its code or returned to the giver when the claim window ends."""
MAX_POOL_INVITES = 5
"""A pool is its owner and at most this many invited friends."""
ContactText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254), Plain]
"""A phone number (digits, spaces, dashes, an optional leading +) or an email address."""
ClaimCodeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32), Plain]


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


# ---------------------------------------------------------------- joining, password reset, demo members


class SignupStarted(Response):
    """`POST /v1/members` answers the same for every email: a code was sent (or, for an email that already has an
    account, a note saying so), so the answer never tells whether an email is taken."""

    detail: str
    expires_in: int
    """Seconds the emailed code stays valid."""


class SignupVerify(Request):
    email: Email
    code: VerificationCode


class PasswordResetRequest(Request):
    email: Email


class PasswordResetStarted(Response):
    """Answered the same whether or not the email has an account."""

    detail: str
    expires_in: int


class PasswordResetConfirm(Request):
    email: Email
    code: VerificationCode
    new_password: NewPassword


class OutboxMessage(Response):
    """An email the mock backend "sent" (demo mode only: `GET /v1/demo/outbox`)."""

    to: str
    subject: str
    body: str
    sent_at: datetime


# ---------------------------------------------------------------- friend requests, asks and thank-yous

FriendRequestStatus = Literal["pending", "accepted", "declined", "cancelled"]
AskStatus = Literal["open", "accepted", "declined", "expired"]
"""An ask is `open` until the friend answers it or it expires (`expires_at`)."""
StickerId = Literal["coffee", "party", "heart", "thanks"]
"""The fixed set of thank-you stickers (`Thanks.stickers` says how each looks and what it is called)."""
MAX_THANKS_CHARS = 80
"""A thank-you message's limit (also served as `Thanks.message_max_chars`)."""
ThanksText = Annotated[str, BeforeValidator(_trimmed), StringConstraints(max_length=MAX_THANKS_CHARS)]


class FriendRequestCreate(Request):
    friend_code: CodeText
    """The other member's friend code, as they shared it (case, spaces and dashes do not matter)."""


class FriendRequest(Response):
    """A request to become friends: the other member accepts or declines it; its sender may cancel it."""

    id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    status: FriendRequestStatus
    created_at: datetime
    answered_at: datetime | None = None


class FriendRequests(Response):
    incoming: list[FriendRequest]
    """Pending requests other members sent to this member (Accept or Decline)."""
    outgoing: list[FriendRequest]
    """Pending requests this member sent (Cancel)."""


class AskCreate(Request):
    friend_id: IdText
    stars: StarAmount
    """Stars asked for: the same limits as one gift (`GiftRules`)."""
    note: MessageText | None = None


class AskAccept(Request):
    """Accepting an ask sends a gift: the request carries an `Idempotency-Key`; the body is empty."""


class StarAsk(BetweenMembers):
    """A member asking a friend for Stars. Accepting it is a gift from the friend (`gift_id`)."""

    note: str | None
    status: AskStatus
    created_at: datetime
    expires_at: datetime
    answered_at: datetime | None = None
    gift_id: str | None = None
    """The gift that answered the ask, once accepted."""


class AskAccepted(Response):
    """Accepting an ask: the ask (now `accepted`) and the gift that answered it (with the balance after)."""

    ask: StarAsk
    gift: Gift


class Asks(Response):
    incoming: list[StarAsk]
    """Open asks friends sent to this member (Accept or Decline)."""
    outgoing: list[StarAsk]
    """This member's asks, open ones and recent outcomes, newest first."""
    expires_after_days: int
    """An ask not answered within this many days expires."""


class Sticker(Response):
    id: StickerId
    emoji: str
    name: str
    """What a screen reader says for it ("Coffee")."""


class ThanksCreate(Request):
    """A thank-you for a gift received: a short message, a sticker, or both (at least one)."""

    message: ThanksText | None = None
    sticker: StickerId | None = None


class ThankYou(Response):
    id: str
    gift_id: str
    from_id: str
    """The member who received the gift and says thank you."""
    from_name: str
    to_id: str
    """The giver."""
    to_name: str
    stars: int
    """The gift's Stars."""
    message: str | None
    sticker: Sticker | None
    created_at: datetime


class GiftToThank(Response):
    """A gift the member received and has not thanked yet."""

    gift_id: str
    from_name: str
    stars: int
    message: str | None
    created_at: datetime


class Thanks(Response):
    received: list[ThankYou]
    """Thank-yous for gifts this member gave, newest first."""
    sent: list[ThankYou]
    """Thank-yous this member sent, newest first."""
    to_thank: list[GiftToThank]
    """Recent gifts received that have no thank-you yet (one thank-you per gift)."""
    stickers: list[Sticker]
    message_max_chars: int


# ---------------------------------------------------------------- inbox, offers to activate, a goal of one's own


class InboxItem(Response):
    id: str
    kind: InboxKind
    title: str
    body: str
    created_at: datetime
    read: bool
    opens: InboxLink
    """The screen the item is about (tapping it opens that screen)."""
    stars: int | None = None
    due: date | None = None
    """When it happens (Stars expire, a challenge ends), in the member's time zone."""
    reward: RewardRef | None = None
    """What expiring Stars still buy."""


class InboxPreference(Response):
    kind: InboxKind
    title: str
    """What this kind is, in the customer's words ("Gifts you receive")."""
    enabled: bool
    can_turn_off: bool
    """False for account and security notices."""


class Inbox(Response):
    items: list[InboxItem]
    """Newest first, the last `keep_days` days, of the kinds the member has on."""
    unread: int
    keep_days: int
    preferences: list[InboxPreference]


class InboxRead(Request):
    ids: Annotated[list[IdText], Field(max_length=200)]
    """The items to mark read (ids the inbox listed; unknown ones are ignored)."""


class InboxPreferenceUpdate(Request):
    kind: InboxKind
    enabled: StrictBool
    """`true` or `false` only (`0`, `1` and `"yes"` are refused, as for every flag a request carries)."""


class GoalSet(Request):
    reward_id: IdText


# ---------------------------------------------------------------- habits: streak, daily game, share to earn

StreakWeekMark = Literal["visited", "frozen", "missed", "open"]
"""What a week was: a visit, kept by a freeze, missed, or still running without a visit yet."""
ShareWhat = Literal["badge", "referral"]
ShareHow = Literal["share_sheet", "copy"]


class StreakWeek(Response):
    week_of: date
    """The Monday of the member's week."""
    mark: StreakWeekMark


class Streak(Response):
    """Weeks in a row with at least one visit, in the member's own week (Monday to Sunday, their time zone)."""

    weeks: int
    """Weeks kept in the current streak (0: none running)."""
    best: int
    freezes: int
    """Streak freezes held: each covers one missed week on its own."""
    max_freezes: int
    weeks_per_freeze: int
    weeks_to_next_freeze: int
    """Visited weeks still needed for the next freeze (0 while holding `max_freezes`)."""
    visited_this_week: bool
    lost: bool
    """True when a streak ended and no new one has started: `message` says so, with the best streak."""
    week_ends_at: datetime
    recent: list[StreakWeek]
    """The last weeks, oldest first, ending with this week."""
    message: str
    rule: str


class GameOdds(Response):
    stars: int
    chance_percent: int


class GamePlay(Response):
    day: date
    """The member's day this play belongs to."""
    stars: int
    played_at: datetime
    message: str
    balance_after: int
    entry_id: str
    """The ledger entry that credited the prize."""


class DailyGame(Response):
    name: str
    day: date
    can_play: bool
    play: GamePlay | None
    """Today's play, once played (a second play the same day answers with it)."""
    next_play_at: datetime
    """When the member's next day starts."""
    odds: list[GameOdds]
    rule: str


class GamePlayCreate(Request):
    """Playing needs nothing but the `Idempotency-Key` (the request has no body)."""


class ShareCreate(Request):
    what: ShareWhat
    badge_id: IdText | None = None
    """The badge shared (when `what` is `badge`; it must be earned)."""
    how: ShareHow = "share_sheet"


class ShareResult(Response):
    credited: bool
    stars: int
    """Stars this share earned (0 when this week's share bonus was already paid)."""
    balance_after: int
    message: str
    rule: str


ClockDays = Annotated[StrictInt, Field(ge=1, le=366)]
"""Whole days to move a demo clock forward."""


class DemoClockMove(Request):
    """Mock only, with a movable clock: move the backend's time forward (streaks and daily games in tests)."""

    days: ClockDays


class DemoClock(Response):
    now: datetime


Summary.model_rebuild()
