"""The in-memory store: members, ledgers, tokens, stock, challenges, offers, idempotency records and events.

Every read-check-write runs under one re-entrant lock, so concurrent requests (FastAPI runs sync endpoints
in worker threads) can never interleave inside a money operation. Time comes from an injectable clock.
Operations live in ``services/``; this module holds the state and the ledger primitives they share.

Every request that may change the state runs as a unit of work (``unit_of_work``): with a journal attached
(``--db``, see ``persistence.py``) what it changed is committed to disk before the lock is released and the
request is answered. Members changed by a write are noted in ``touched`` (maintenance, entries, events, settling).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Protocol, Unpack

from app.api.models import EntryKind, EventKind, TierProgress
from app.mock_backend.auth import TokenBook
from app.mock_backend.clock import Clock, utc_now
from app.mock_backend.passwords import ScryptCost, default_cost
from app.mock_backend.records import (
    AskRecord,
    Entry,
    EntryNote,
    EventRecord,
    FriendRequestRecord,
    GiftRecord,
    HeldGiftRecord,
    JoiningBook,
    Member,
    OfferRecord,
    PoolRecord,
    RedemptionRecord,
    ThanksRecord,
)
from app.mock_backend.rules import ledger, tiers
from app.mock_backend.rules.badge_texts import texts_of
from app.mock_backend.rules.badges import all_badges, status_targets
from app.mock_backend.rules.catalog import CATALOG
from app.mock_backend.rules.challenges import ChallengeDef, challenge_progress
from app.mock_backend.rules.engagement import BIRTHDAY_BONUS, birthday_bonus_due
from app.mock_backend.rules.history import History
from app.mock_backend.rules.newcomers import claim_until, due_for_return
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import local_date
from app.mock_backend.texts import Said, Stars, say

REQUEST_KEY: ContextVar[tuple[str, str] | None] = ContextVar("starboard_mock_request_key", default=None)
"""(member id, Idempotency-Key) of the keyed write being applied (``routes.write_once`` sets it): the event that
records that request carries its key (``Store.add_event(records_request=True)``)."""


class Journal(Protocol):
    """Where a durable store writes what changed (``persistence.Journal``)."""

    def flush(self, store: Store) -> None: ...


class Store:
    """All mock-backend state behind one lock."""

    def __init__(
        self,
        clock: Clock | None = None,
        access_ttl: timedelta = timedelta(minutes=15),
        refresh_ttl: timedelta = timedelta(days=30),
        seed: int = 7,
        password_cost: ScryptCost | None = None,
    ) -> None:
        self.clock: Clock = clock or utc_now
        self.password_cost = password_cost or default_cost()
        """What new password hashes are made with; older ones are re-hashed on the next sign-in."""
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.tokens = TokenBook(access_ttl, refresh_ttl)
        self.members: dict[str, Member] = {}
        self.stock: dict[str, int | None] = {r.id: r.initial_stock for r in CATALOG}
        self.challenges: dict[str, ChallengeDef] = {}
        self.offers: list[OfferRecord] = []
        self.redemptions: dict[str, RedemptionRecord] = {}
        self.gifts: dict[str, GiftRecord] = {}
        # Star Pools, gifts held for newcomers and the demo outbox (services/pools.py, services/newcomers.py)
        self.pools: dict[str, PoolRecord] = {}
        self.held_gifts: dict[str, HeldGiftRecord] = {}
        self.idempotency: dict[tuple[str, str, str], object] = {}
        self.joining = JoiningBook()
        self.friend_requests: dict[str, FriendRequestRecord] = {}
        self.asks: dict[str, AskRecord] = {}
        self.thanks: dict[str, ThanksRecord] = {}
        """Thank-yous by the id of the gift they thank (one per gift)."""
        self.code_guesses: dict[str, list[datetime]] = {}
        """Failed friend-code look-ups by "member:<id>" and "address:<ip>", for throttling guessers."""
        self._counters: dict[str, int] = {}
        self._event_id = 0
        self.touched: set[str] = set()
        """Ids of members changed since the last commit (the journal writes only those)."""
        self.journal: Journal | None = None
        self.event_listeners: list[Callable[[str], None]] = []
        """Called with the member's id after an event is added, lock held (services/events.py wakes waiters)."""

    # ------------------------------------------------------------ units of work

    @contextmanager
    def unit_of_work(self, *members: Member) -> Iterator[None]:
        """Hold the lock for one request's changes and commit them before it is released (also on a refusal).

        Args:
            members: The members the request acts for (the signed-in member): always compared with the file.
        """
        with self.lock:
            self.touched.update(m.id for m in members)
            try:
                yield
            finally:
                self.commit()

    def commit(self) -> None:
        """Write what changed to the journal, if there is one (a no-op for the in-memory backend)."""
        with self.lock:
            if self.journal is not None:
                self.journal.flush(self)
            self.touched.clear()

    def touch(self, member: Member) -> None:
        """Note that ``member`` changed (for changes made without an entry, an event or maintenance)."""
        self.touched.add(member.id)

    @property
    def pool_redeemed(self) -> int:
        """Stars spent on rewards from pools (they leave the program like any redemption)."""
        return sum(pool.redeemed for pool in self.pools.values())

    # ------------------------------------------------------------ lookups

    def now(self) -> datetime:
        return self.clock()

    def next_id(self, prefix: str) -> str:
        """A short unique id such as ``ent_42``."""
        self._counters[prefix] = self._counters.get(prefix, 0) + 1
        return f"{prefix}_{self._counters[prefix]}"

    def member(self, member_id: str) -> Member:
        found = self.members.get(member_id)
        if found is None:
            raise Refusal("not_found", "No such member.", None, 404)
        return found

    def member_by_email(self, email: str) -> Member | None:
        email = email.strip().lower()
        return next((m for m in self.members.values() if m.email == email), None)

    def member_by_code(self, attribute: str, code: str) -> Member | None:
        code = code.strip().upper()
        return next((m for m in self.members.values() if getattr(m, attribute) == code), None)

    # ------------------------------------------------------------ ledger primitives (lock held)

    def balance(self, member: Member, at: datetime) -> int:
        return ledger.balance(member.batches, at)

    def credit(
        self, member: Member, kind: EntryKind, stars: int, reason: Said, at: datetime, **note: Unpack[EntryNote]
    ) -> Entry:
        """Credit a new batch (purchases' batches qualify for status) and write its activity entry."""
        member.batches.append(ledger.earn(stars, at, qualifying=kind == "purchase"))
        return self.write_entry(member, kind, stars, reason, at, **note)

    def debit(
        self, member: Member, kind: EntryKind, stars: int, reason: Said, at: datetime, **note: Unpack[EntryNote]
    ) -> Entry:
        """Spend ``stars`` oldest batch first and write the entry. The caller has checked the balance."""
        ledger.spend(member.batches, stars, at)
        return self.write_entry(member, kind, -stars, reason, at, **note)

    def write_entry(
        self, member: Member, kind: EntryKind, stars: int, reason: Said, at: datetime, **note: Unpack[EntryNote]
    ) -> Entry:
        """Append the activity entry of a signed change to the balance."""
        member.running_balance += stars
        balance = member.running_balance
        entry = Entry(
            id=self.next_id("ent"), kind=kind, stars=stars, reason=reason, created_at=at, balance_after=balance, **note
        )
        member.entries.append(entry)
        member.changed_at = at
        self.touched.add(member.id)
        return entry

    def add_event(
        self,
        member: Member,
        kind: EventKind,
        title: Said,
        body: Said,
        at: datetime,
        stars: int | None = None,
        *,
        celebrate: bool = False,
        records_request: bool = False,
    ) -> None:
        """Tell `member` that something happened. `records_request`: this event is the record of the member's own
        keyed request (a gift sent, a redemption), so it carries that request's Idempotency-Key; an app that applied
        the request's answer need not load again what it changed. Events that follow from it (a badge) carry none."""
        self._event_id += 1
        requesting = REQUEST_KEY.get() if records_request else None
        event = EventRecord(
            id=self._event_id,
            kind=kind,
            title=title,
            body=body,
            stars=stars,
            created_at=at,
            celebrate=celebrate,
            idempotency_key=requesting[1] if requesting is not None and requesting[0] == member.id else None,
        )
        member.events.append(event)
        self.touched.add(member.id)
        for listener in self.event_listeners:
            listener(member.id)

    # ------------------------------------------------------------ derived state

    def history(self, member: Member, at: datetime) -> History:
        """The member's history with the derived tier facts filled in."""
        h = member.history
        h.time_zone = member.time_zone
        h.qualifying_stars = tiers.qualifying_stars(member.batches, at)
        for target in status_targets():
            if target not in h.status_reached:
                reached = tiers.first_reached(member.batches, target)
                if reached is not None:
                    h.status_reached[target] = reached
        return h

    def tier_status(self, member: Member, at: datetime) -> TierProgress:
        return tiers.tier_status(member.batches, at, member.time_zone)

    # ------------------------------------------------------------ maintenance

    def maintain(self, member: Member, at: datetime) -> None:
        """Apply what time alone causes: expiry of due batches, the birthday bonus, tier changes."""
        with self.lock:
            self.touched.add(member.id)
            changed = self._return_unclaimed(member, at)
            for draw in ledger.expire_due(member.batches, at):
                changed = True
                when = draw.batch.expires_at
                earned = local_date(draw.batch.earned_at, member.time_zone)
                reason = say("stars_expired_reason", earned=earned)
                self.write_entry(member, "expire", -draw.stars, reason, when)
                self.add_event(member, "stars_expired", say("stars_expired"), reason, when, -draw.stars)
            today = local_date(at, member.time_zone)
            if birthday_bonus_due(member.birthday, today, member.birthday_years):
                changed = True
                member.birthday_years.add(today.year)
                self.credit(member, "birthday", BIRTHDAY_BONUS, say("birthday_reason"), at)
                body = say("birthday_body", stars=Stars(BIRTHDAY_BONUS))
                self.add_event(member, "stars_earned", say("birthday_title"), body, at, BIRTHDAY_BONUS)
            if changed:
                self.settle(member, at)
            else:
                # Time alone changes only the tier (purchases leave the 12-month window); badges and
                # challenges move only when the member's history does.
                self._note_tier(member, at)

    def _return_unclaimed(self, member: Member, at: datetime) -> bool:
        """Give back the member's gifts to newcomers whose claim window has ended; True when any was."""
        returned = False
        for held in self.held_gifts.values():
            if held.from_id != member.id or held.status != "held" or not due_for_return(held.created_at, at):
                continue
            held.status = "returned"
            when = claim_until(held.created_at)
            reason = say("gift_came_back", contact=held.contact)
            self.credit(member, "gift_returned", held.stars, reason, when, counterparty=held.contact)
            title = say("gift_came_back_title")
            self.add_event(member, "newcomer_gift_returned", title, reason, when, held.stars)
            returned = True
        return returned

    def settle(self, member: Member, at: datetime) -> None:
        """After any change: complete challenges, note tier changes and newly earned badges (with events)."""
        with self.lock:
            self.touched.add(member.id)
            for challenge_id, part in member.challenges.items():
                challenge = self.challenges.get(challenge_id)
                if challenge is None or part.completed_at is not None or at >= challenge.ends_at:
                    continue
                if challenge_progress(challenge, part.joined_at, member.history) >= challenge.target:
                    part.completed_at = at
                    member.history.challenges_completed.append(at)
                    reason = say("challenge_reason", challenge=challenge.title)
                    self.credit(member, "challenge", challenge.reward_stars, reason, at)
                    self.add_event(
                        member,
                        "challenge_completed",
                        say("challenge_completed"),
                        say("challenge_completed_body", challenge=challenge.title, stars=Stars(challenge.reward_stars)),
                        at,
                        challenge.reward_stars,
                        celebrate=True,
                    )
            self._note_tier(member, at)
            for progress in all_badges(self.history(member, at), at):
                if progress.earned_at is not None and progress.badge.id not in member.earned_badges:
                    member.earned_badges.add(progress.badge.id)
                    said = texts_of(progress.badge)
                    self.add_event(
                        member,
                        "badge_earned",
                        say("badge_earned", badge=said.name),
                        say("as_written", text=said.description),
                        at,
                        celebrate=True,
                    )
                    member.changed_at = at

    def _note_tier(self, member: Member, at: datetime) -> None:
        tier = tiers.tier_for(tiers.qualifying_stars(member.batches, at)).name
        if tier != member.tier:
            up = tiers.rank(tier) > tiers.rank(member.tier)
            said = say("tier_up" if up else "tier_down")
            self.add_event(member, "tier_changed", say("tier_now", tier=tier), said, at, celebrate=up)
            member.tier = tier
            member.changed_at = at
