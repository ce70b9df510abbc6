"""The mock backend's in-memory records (the store owns and locks them).

Records that never change once written and say exactly what the API shows are kept as the wire models themselves
(an activity entry, an event, an offer); the others are dataclasses whose fields carry the contract's names and
types, so ``present.py`` copies them without conversions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict

from app.api.models import (
    AskStatus,
    EntryKind,
    EventKind,
    FriendRequestStatus,
    HeldGiftStatus,
    Offer,
    PoolActivity,
    PoolRole,
    PoolStatus,
    StickerId,
    TierName,
)
from app.mock_backend.rules.daily_game import Play
from app.mock_backend.rules.history import History
from app.mock_backend.rules.ledger import Batch
from app.mock_backend.rules.pools import Lot
from app.mock_backend.texts import Said

OfferRecord = Offer


@dataclass
class Entry:
    """One line of a member's activity: a signed change to the balance with its reason.

    The reason is kept as a message code and its values (``texts.Said``), written in the reader's language when
    answered (``present.activity_entry``); everything else is as the API states it (``ActivityEntry``).
    """

    id: str
    kind: EntryKind
    stars: int
    reason: Said
    created_at: datetime
    balance_after: int
    counterparty: str | None = None
    message: str | None = None
    thanks: str | None = None


@dataclass
class EventRecord:
    """Something a member should be told about (gift received, badge earned, ...); title and body as ``Said``."""

    id: int
    kind: EventKind
    title: Said
    body: Said
    created_at: datetime
    stars: int | None = None
    celebrate: bool = False
    idempotency_key: str | None = None
    """The Idempotency-Key of the member's own request this event records (``Store.add_event``)."""


class EntryNote(TypedDict, total=False):
    """Who else an entry is about and what they wrote (gifts)."""

    counterparty: str | None
    message: str | None


@dataclass
class Participation:
    """A member's place in one challenge."""

    joined_at: datetime
    completed_at: datetime | None = None


@dataclass
class RedemptionRecord:
    id: str
    member_id: str
    reward_id: str
    reward_name: str
    stars: int
    code: str
    created_at: datetime
    balance_after: int
    expires_at: datetime | None = None
    used_at: datetime | None = None


@dataclass
class GiftRecord:
    id: str
    from_id: str
    to_id: str
    stars: int
    message: str | None
    created_at: datetime
    balance_after: int


@dataclass
class FriendRequestRecord:
    id: str
    from_id: str
    to_id: str
    created_at: datetime
    status: FriendRequestStatus = "pending"
    answered_at: datetime | None = None


@dataclass
class AskRecord:
    """An ask for Stars; `status` is what was decided ("open" may have expired since: see `rules.asks.status_at`)."""

    id: str
    from_id: str
    to_id: str
    stars: int
    note: str | None
    created_at: datetime
    expires_at: datetime
    status: AskStatus = "open"
    answered_at: datetime | None = None
    gift_id: str | None = None


@dataclass
class ThanksRecord:
    id: str
    gift_id: str
    from_id: str
    to_id: str
    message: str | None
    sticker: StickerId | None
    created_at: datetime


@dataclass
class Member:
    """A member and everything the program knows about them."""

    id: str
    email: str
    name: str
    password_hash: str
    """scrypt in PHC string form, with its parameters (``app.mock_backend.passwords``)."""
    member_number: str
    friend_code: str
    referral_code: str
    time_zone: str
    joined_at: datetime
    birthday: date | None = None
    batches: list[Batch] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    running_balance: int = 0
    friends: list[str] = field(default_factory=list)
    history: History = field(default_factory=History)
    challenges: dict[str, Participation] = field(default_factory=dict)
    referred_by: str | None = None
    referral_paid: bool = False
    birthday_years: set[int] = field(default_factory=set)
    surveys: set[str] = field(default_factory=set)
    gifts_sent: list[tuple[datetime, int]] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    earned_badges: set[str] = field(default_factory=set)
    tier: TierName = "Green"
    changed_at: datetime | None = None
    # the inbox, offers to activate and a goal of one's own
    inbox_read: set[str] = field(default_factory=set)
    """Ids of inbox items the member has read (only ids still in the inbox are kept)."""
    inbox_off: set[str] = field(default_factory=set)
    """Inbox kinds the member turned off."""
    offers_activated: dict[str, datetime] = field(default_factory=dict)
    offers_used: dict[str, datetime] = field(default_factory=dict)
    goal_reward_id: str | None = None
    game_plays: dict[date, Play] = field(default_factory=dict)
    shares_credited: list[datetime] = field(default_factory=list)
    on_leaderboard: bool = False
    """Shown on friends' leaderboards: off until the member turns it on in Profile."""


# ---------------------------------------------------------------- Star Pools and gifts to newcomers

PoolActivityRecord = PoolActivity


@dataclass
class PoolRecord:
    """A Star Pool: its members' roles (in the order they were added, the owner first), lots and activity."""

    id: str
    name: str
    owner_id: str
    goal_reward_id: str
    created_at: datetime
    status: PoolStatus = "open"
    roles: dict[str, PoolRole] = field(default_factory=dict)
    joined: list[str] = field(default_factory=list)
    """Members in the pool now, in the order they joined (the owner first)."""
    lots: list[Lot] = field(default_factory=list)
    activity: list[PoolActivityRecord] = field(default_factory=list)
    redeemed: int = 0
    """Stars spent on rewards from this pool."""


@dataclass
class HeldGiftRecord:
    id: str
    from_id: str
    contact: str
    channel: str
    stars: int
    message: str | None
    claim_code: str
    created_at: datetime
    balance_after: int
    status: HeldGiftStatus = "held"
    claimed_by: str | None = None


# ---------------------------------------------------------------- joining, password reset and demo members


@dataclass
class PendingCode:
    """A code emailed to confirm a sign-up or a password reset (only its hash is kept)."""

    digest: bytes
    expires_at: datetime
    signup: PendingSignup | None = None
    """For a sign-up: the member to create once the code is confirmed."""


@dataclass
class PendingSignup:
    name: str
    password_hash: str
    """`passwords.hash_password`'s encoding (its scrypt parameters with it)."""
    referred_by: str | None
    birthday: date | None


@dataclass
class MailRecord:
    """An email the mock backend "sent": kept for the demo outbox (`GET /v1/demo/outbox`), never sent anywhere."""

    to: str
    subject: str
    body: str
    sent_at: datetime


@dataclass
class JoiningBook:
    """Pending codes, wrong-code counts, throttling windows, the outbox and the demo members."""

    signups: dict[str, PendingCode] = field(default_factory=dict)
    """By email (lower case)."""
    resets: dict[str, PendingCode] = field(default_factory=dict)
    wrong_codes: dict[tuple[str, str], int] = field(default_factory=dict)
    """(purpose, email) -> wrong tries since the last code was sent; counted for every email, known or not."""
    windows: dict[str, list[datetime]] = field(default_factory=dict)
    """Throttling: a key such as "signup-address:127.0.0.1" -> when it happened."""
    outbox: list[MailRecord] = field(default_factory=list)
    demo_members: dict[str, datetime] = field(default_factory=dict)
    """Demo members' ids -> when they were created."""
    address_limit: int | None = None
    """Overrides how many sign-ups, resets and demo members one client address may start per hour (test servers
    and load runs, where every client is 127.0.0.1: `python -m app.mock_backend --join-limit N`)."""
    demo_template: Member | None = None
    """Ada as seeded: every demo member starts as a copy of her story."""
    demo_redemptions: list[RedemptionRecord] = field(default_factory=list)
    """Ada's redemptions as seeded (copied with each demo member)."""
