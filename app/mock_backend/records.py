"""The mock backend's in-memory records (plain dataclasses; the store owns and locks them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict

from app.api.models import EntryKind, EventKind, TierName
from app.mock_backend.rules.history import History
from app.mock_backend.rules.ledger import Batch


@dataclass
class Entry:
    """One line of a member's activity: a signed change to the balance with its reason."""

    id: str
    kind: EntryKind
    stars: int
    reason: str
    created_at: datetime
    balance_after: int
    counterparty: str | None = None
    message: str | None = None


class EntryNote(TypedDict, total=False):
    """Who else an entry is about and what they wrote (gifts)."""

    counterparty: str | None
    message: str | None


@dataclass
class EventRecord:
    """Something a member should be told about (gift received, badge earned, ...)."""

    id: int
    kind: EventKind
    title: str
    body: str
    stars: int | None
    created_at: datetime


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
class OfferRecord:
    id: str
    title: str
    description: str
    multiplier: float
    starts_at: datetime
    ends_at: datetime


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
