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
    ActivityEntry,
    Event,
    HeldGiftStatus,
    Offer,
    OutboxMessage,
    PoolActivity,
    PoolRole,
    PoolStatus,
    TierName,
)
from app.mock_backend.rules.history import History
from app.mock_backend.rules.ledger import Batch
from app.mock_backend.rules.pools import Lot

Entry = ActivityEntry
"""One line of a member's activity: a signed change to the balance with its reason."""
EventRecord = Event
"""Something a member should be told about (gift received, badge earned, ...)."""
OfferRecord = Offer


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
class Member:
    """A member and everything the program knows about them."""

    id: str
    email: str
    name: str
    password_salt: bytes
    password_hash: bytes
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
    on_leaderboard: bool = False
    """Shown on friends' leaderboards: off until the member turns it on in Profile."""


# ---------------------------------------------------------------- Star Pools and gifts to newcomers

PoolActivityRecord = PoolActivity
OutboxRecord = OutboxMessage
"""A message the demo would have sent (text or email), kept for the demo outbox."""


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
