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
VerificationCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)]
"""A code a member copies from an email (6 digits; a wrong length is refused as a wrong code, not a 422)."""
QuestionId = Annotated[str, StringConstraints(max_length=64)]
AnswerText = Annotated[str, StringConstraints(max_length=200)]
def _within_message_limit(value: str) -> str:
    if grapheme_count(value) > MAX_MESSAGE_CHARS:
        raise ValueError(f"A message is at most {MAX_MESSAGE_CHARS} characters.")
    return value


MessageText = Annotated[
    str,
    BeforeValidator(_trimmed),
    AfterValidator(_within_message_limit),
    Field(json_schema_extra={"x-max-characters": MAX_MESSAGE_CHARS}),
]
"""A gift message: at most `MAX_MESSAGE_CHARS` characters once trimmed (as `str.strip` trims, like the ledger),
counted as a reader sees them (`app.api.text.grapheme_count`: a family emoji is one), not as code points."""
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
    celebrate: bool = False
    """An achievement worth a moment of its own (a challenge completed, a badge earned, a higher tier reached),
    not just a notice."""


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


class StarAsk(Response):
    """A member asking a friend for Stars. Accepting it is a gift from the friend (`gift_id`)."""

    id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    stars: int
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
