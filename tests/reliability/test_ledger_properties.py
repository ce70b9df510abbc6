"""The ledger's invariants under random interleavings, checked against an independent model after every step.

A Hypothesis `RuleBasedStateMachine` drives the mock backend's real route functions (the same Python functions
FastAPI calls, with the same idempotency and authentication code: `current_member` runs the lazy maintenance
that expires batches) on a fresh store with four members in four time zones. The model below re-implements the
program's ledger from `shared/design.md` in a few lines, independently of `app.mock_backend.rules`:
batches that expire 12 months after they were earned, spending oldest first, purchase Stars as the only
qualifying ones, the gift limits and the redemption checks. After each step the store must equal the model.

Star Pools and gifts held for newcomers are in the model too: a pool's Stars are lots spent oldest first, never
expiring; leaving gives back one's unspent lots as new Stars; a held gift returns to its giver 14 days on (before any
expiry is written); a newcomer who joins claims it. Conservation counts pooled and held Stars.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import Response
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from pydantic import ValidationError

from app.api import models
from app.api.text import grapheme_count
from app.mock_backend import FrozenClock, Store
from app.mock_backend.deps import current_member
from app.mock_backend.passwords import LIGHT_COST_FOR_TESTS, hash_password
from app.mock_backend.records import Member
from app.mock_backend.routes import Once, engagement, gifts, pools, rewards, social, summary
from app.mock_backend.routes import asks as asks_routes
from app.mock_backend.rules.catalog import CATALOG
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services import pools as pool_service
from app.mock_backend.services.friends import answer_request, request_friend
from app.mock_backend.services.members import create_member
from tests.reliability.figures import Figures
from tests.support.clocks import T0

SECTION = "Ledger properties"
TIME_ZONES = ("UTC", "Europe/London", "America/Los_Angeles", "Asia/Tokyo")
TIER_THRESHOLDS = (("Reserve", 2500), ("Gold", 500), ("Green", 0))
EARN_RATE = {"Green": Fraction(1), "Gold": Fraction(6, 5), "Reserve": Fraction(17, 10)}
TIER_RANK = {"Green": 0, "Gold": 1, "Reserve": 2}
REWARDS = {r.id: r for r in CATALOG}
KEY_LIFETIME = timedelta(hours=48)
# Mostly short steps (keys are replayed within their 48 hours, daily caps roll over), sometimes a long leap
# (batches reach their 12 months and expire, purchases leave the tier window).
STEPS = [
    *[timedelta(hours=1), timedelta(hours=6), timedelta(hours=23), timedelta(days=1), timedelta(days=3)] * 3,
    timedelta(days=7),
    timedelta(days=30),
    timedelta(days=91),
    timedelta(days=200),
    timedelta(days=366),
]
FRIENDS_AT_START = ((0, 1), (1, 2), (2, 3), (3, 0))
HOLD_FOR = timedelta(days=14)  # 0-2 and 1-3 become friends only through the befriend rule

STATS: Counter[str] = Counter()

MESSAGES = partial(
    st.text,
    # Hidden characters are refused by the contract (test_hostile_text.py); here messages are text a member writes.
    st.characters(
        exclude_categories=("Cc", "Cs"), exclude_characters="".join(models.BIDI_CONTROLS), include_characters="\n"
    ),
)
PASSWORD_HASH = hash_password("ledger-props-1", LIGHT_COST_FOR_TESTS)  # nobody signs in here


# ---------------------------------------------------------------- the independent model


def a_year_after(moment: datetime) -> datetime:
    """12 calendar months later; 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:
        return moment.replace(year=moment.year + 1, day=28)


@dataclass
class ModelBatch:
    earned_at: datetime
    amount: int
    remaining: int
    qualifying: bool

    @property
    def expires_at(self) -> datetime:
        return a_year_after(self.earned_at)


@dataclass
class ModelHeld:
    """A gift to a newcomer: held until claimed, or back to the giver 14 days on."""

    id: str
    stars: int
    at: datetime
    code: str
    status: str = "held"


@dataclass
class ModelLot:
    who: str
    remaining: int


@dataclass
class ModelPool:
    id: str
    owner: str
    joined: list[str]
    lots: list[ModelLot] = field(default_factory=list)
    closed: bool = False

    def pooled(self) -> int:
        return sum(lot.remaining for lot in self.lots)

    def take_back(self, who: str) -> int:
        back = sum(lot.remaining for lot in self.lots if lot.who == who)
        for lot in self.lots:
            if lot.who == who:
                lot.remaining = 0
        return back

    def spend(self, stars: int) -> None:
        left = stars
        for lot in self.lots:
            take = min(lot.remaining, left)
            lot.remaining -= take
            left -= take
        assert left == 0


@dataclass
class ModelMember:
    id: str
    time_zone: str
    batches: list[ModelBatch] = field(default_factory=list)
    entries: list[tuple[str, int]] = field(default_factory=list)
    sent: list[tuple[datetime, int]] = field(default_factory=list)
    reviews: list[datetime] = field(default_factory=list)
    friends: set[str] = field(default_factory=set)
    tier_at_last_change: str = "Green"
    held: list[ModelHeld] = field(default_factory=list)

    def live(self, now: datetime) -> list[ModelBatch]:
        return [b for b in self.batches if b.expires_at > now]

    def balance(self, now: datetime) -> int:
        return sum(b.remaining for b in self.live(now))

    def qualifying(self, now: datetime) -> int:
        return sum(b.amount for b in self.batches if b.qualifying and b.earned_at <= now < b.expires_at)

    def tier(self, now: datetime) -> str:
        total = self.qualifying(now)
        return next(name for name, threshold in TIER_THRESHOLDS if total >= threshold)

    def local_day(self, moment: datetime) -> Any:
        return moment.astimezone(ZoneInfo(self.time_zone)).date()

    def touch(self, now: datetime) -> int:
        """What any request does first: give back unclaimed gifts, expire what is due. Returns the Stars expired."""
        for held in self.held:
            if held.status == "held" and now >= held.at + HOLD_FOR:
                held.status = "returned"
                self.credit("gift_returned", held.stars, held.at + HOLD_FOR)
        expired = 0
        for batch in sorted((b for b in self.batches if b.expires_at <= now), key=lambda b: b.expires_at):
            if batch.remaining:
                self.entries.append(("expire", -batch.remaining))
                expired += batch.remaining
                batch.remaining = 0
        self.tier_at_last_change = self.tier(now)
        return expired

    def credit(self, kind: str, stars: int, now: datetime, qualifying: bool = False) -> None:
        if stars > 0:
            self.batches.append(ModelBatch(now, stars, stars, qualifying))
        self.entries.append((kind, stars))
        self.tier_at_last_change = self.tier(now)

    def spend(self, kind: str, stars: int, now: datetime) -> None:
        left = stars
        for batch in sorted(self.live(now), key=lambda b: b.earned_at):
            take = min(batch.remaining, left)
            batch.remaining -= take
            left -= take
        assert left == 0, "the model spent more than the balance"
        self.entries.append((kind, -stars))
        self.tier_at_last_change = self.tier(now)


def purchase_stars(amount: float, tier: str) -> int:
    base = int((Decimal(str(amount)) * 2).to_integral_value(rounding=ROUND_FLOOR))
    return int(base * EARN_RATE[tier])


@dataclass
class KeyedCall:
    """A request sent with an Idempotency-Key, and what it answered the first time."""

    who: int
    endpoint: str
    key: str
    body: models.Request
    outcome: tuple[str, str]
    at: datetime


# ---------------------------------------------------------------- the machine


class LedgerMachine(RuleBasedStateMachine):
    keys = Bundle("keys")

    def __init__(self) -> None:
        super().__init__()
        STATS["interleavings"] += 1
        self.clock = FrozenClock(T0)
        self.store = Store(clock=self.clock)
        self.store.stock["tumbler"] = 2  # scarce, so stock runs out within one interleaving
        self.members: list[Member] = []
        self.model: dict[str, ModelMember] = {}
        for index, time_zone in enumerate(TIME_ZONES):
            member = create_member(
                self.store,
                email=f"m{index}@example.test",
                name=f"Member {index}",
                password_hash=PASSWORD_HASH,
                joined_at=T0,
                time_zone=time_zone,
            )
            self.members.append(member)
            self.model[member.id] = ModelMember(member.id, time_zone)
        for a, b in FRIENDS_AT_START:
            asked = request_friend(self.store, self.members[a], self.members[b].friend_code, "test", T0)
            answer_request(self.store, self.members[b], asked.id, "accept", T0)
            self.model[self.members[a].id].friends.add(self.members[b].id)
            self.model[self.members[b].id].friends.add(self.members[a].id)
        self.stock = dict(self.store.stock)
        self.keys_made = itertools.count()
        self.redeemed = 0
        self.expired = 0
        self.earned = 0
        self.pool_redeemed = 0
        self.pool: ModelPool | None = None
        self.newcomers: list[Member] = []
        for who in range(4):  # everyone starts with a few hundred Stars, so gifts and redemptions can happen early
            self.purchase(who, 10_000 + 5_000 * who, keyed=False)

    # ------------------------------------------------------------ helpers

    @property
    def now(self) -> datetime:
        return self.clock()

    def sign_in(self, who: int) -> Member:
        """Authenticate as a request would (a fresh access token, then lazy maintenance), in store and model."""
        STATS["steps"] += 1
        member = self.members[who]
        token = self.store.tokens.issue(member.id, self.now).access_token
        assert current_member(self.store, token) is member
        self.expired += self.model[member.id].touch(self.now)
        return member

    def new_key(self) -> str:
        return f"key-{next(self.keys_made)}"

    def snapshot(self) -> Any:
        return (
            [(m.running_balance, len(m.entries), [(b.remaining, b.amount) for b in m.batches]) for m in self.members],
            dict(self.store.stock),
            len(self.store.gifts),
            len(self.store.redemptions),
            [(lot.member_id, lot.remaining) for p in self.store.pools.values() for lot in p.lots],
            [(h.status, h.stars) for h in self.store.held_gifts.values()],
            [(m.running_balance, len(m.entries)) for m in self.newcomers],
        )

    def send(self, who: int, endpoint: str, body: Any, key: str | None) -> tuple[str, str, bool]:
        """Call the route function for ``endpoint``; returns (ok|refused, id|code, replayed)."""
        member, store, response = self.members[who], self.store, Response()
        try:
            if endpoint == "gifts":
                result: Any = gifts.create_gift(body=body, once=Once(member, store, key, response))
                outcome = ("ok", result.id)
            elif endpoint == "redemptions":
                result = rewards.create_redemption(body=body, once=Once(member, store, key, response))
                outcome = ("ok", result.id)
            elif endpoint.startswith("contributions:"):
                result = pools.contribute(
                    pool_id=endpoint.split(":")[1], body=body, once=Once(member, store, key, response)
                )
                outcome = ("ok", str(result.balance_after))
            elif endpoint.startswith("pool_redemptions:"):
                result = pools.redeem_from_pool(
                    pool_id=endpoint.split(":")[1], body=body, once=Once(member, store, key, response)
                )
                outcome = ("ok", result.redemption.id)
            elif endpoint.startswith("leave:"):
                result = pools.leave_pool(
                    pool_id=endpoint.split(":")[1], once=Once(member, store, key, response)
                )
                outcome = ("ok", str(result.returned))
            elif endpoint == "newcomer_gifts":
                result = social.send_newcomer_gift(body=body, once=Once(member, store, key, response))
                outcome = ("ok", result.claim_code)
            else:
                result = engagement.create_purchase(body=body, once=Once(member, store, key, response))
                outcome = ("ok", result.entry.id)
        except Refusal as refusal:
            return "refused", refusal.code, False
        return outcome[0], outcome[1], response.headers.get("Idempotent-Replayed") == "true"

    # ------------------------------------------------------------ rules

    @rule(
        target=keys,
        who=st.integers(0, 3),
        cents=st.one_of(st.integers(1, 100), st.integers(500, 40_000), st.integers(500, 40_000)),
        keyed=st.booleans(),
    )
    def purchase(self, who: int, cents: int, keyed: bool) -> Any:
        member = self.sign_in(who)
        model, now = self.model[member.id], self.now
        amount = cents / 100
        stars = purchase_stars(amount, model.tier(now))
        key = self.new_key() if keyed else None
        body = models.PurchaseCreate(amount=amount)
        status, ref, _ = self.send(who, "purchases", body, key)
        assert status == "ok", ref
        model.credit("purchase", stars, now, qualifying=True)
        self.earned += stars
        STATS["purchases"] += 1
        if key is None:
            return multiple()
        return KeyedCall(who, "purchases", key, body, (status, ref), now)

    @rule(
        target=keys,
        who=st.integers(0, 3),
        offset=st.sampled_from([1, 2, 3] * 4 + [0, 4]),  # to oneself (0) or to an id that is nobody's (4), now and then
        stars=st.one_of(*[st.integers(1, 60)] * 4, st.integers(61, 500), st.sampled_from([-1, 0, 501])),
        message=st.one_of(st.none(), st.none(), MESSAGES(max_size=20), MESSAGES(max_size=20), MESSAGES(min_size=141)),
    )
    def gift(self, who: int, offset: int, stars: int, message: str | None) -> Any:
        sender = self.sign_in(who)
        model, now = self.model[sender.id], self.now
        friend_id = self.members[(who + offset) % 4].id if offset < 4 else "mem_999"
        note = (message or "").strip() or None
        sent_today = sum(s for at, s in model.sent if model.local_day(at) == model.local_day(now))
        if note is not None and grapheme_count(note) > models.MAX_MESSAGE_CHARS:  # as a reader counts them
            # The limit is declared on the request model: the API refuses it (422 on `message`) before any rule.
            with pytest.raises(ValidationError):
                models.GiftCreate(friend_id=friend_id, stars=stars, message=message)
            STATS["gifts refused"] += 1
            STATS["gift refused: validation_error"] += 1
            return multiple()
        if not 1 <= stars <= 500:
            expected = "gift_limit_exceeded"
        elif friend_id == sender.id:
            expected = "cannot_gift_self"
        elif friend_id not in model.friends:
            expected = "not_a_friend"
        elif sent_today + stars > 1000:
            expected = "daily_gift_cap_exceeded"
        elif stars > model.balance(now):
            expected = "insufficient_balance"
        else:
            expected = "ok"
        recipient_model = self.model.get(friend_id)
        qualifying_before = recipient_model.qualifying(now) if recipient_model else 0
        key = self.new_key()
        body = models.GiftCreate(friend_id=friend_id, stars=stars, message=message)
        status, ref, _ = self.send(who, "gifts", body, key)
        assert (status if status == "ok" else ref) == expected, (status, ref, expected)
        if status == "ok":
            assert recipient_model is not None
            self.expired += recipient_model.touch(now)
            model.spend("gift_out", stars, now)
            recipient_model.credit("gift_in", stars, now)
            model.sent.append((now, stars))
            # A gift is spendable, never qualifying: the recipient's tier maths does not move.
            assert recipient_model.qualifying(now) == qualifying_before
            STATS["gifts applied"] += 1
        else:
            STATS["gifts refused"] += 1
            STATS[f"gift refused: {ref}"] += 1
        return KeyedCall(who, "gifts", key, body, (status, ref), now)

    @rule(target=keys, who=st.integers(0, 3), reward_id=st.sampled_from([*REWARDS, "no-such-reward"]))
    def redeem(self, who: int, reward_id: str) -> KeyedCall:
        member = self.sign_in(who)
        model, now = self.model[member.id], self.now
        reward = REWARDS.get(reward_id)
        if reward is None:
            expected = "unknown_reward"
        elif reward.tier_required and TIER_RANK[model.tier(now)] < TIER_RANK[reward.tier_required]:
            expected = "tier_required"
        elif self.stock[reward_id] is not None and self.stock[reward_id] <= 0:
            expected = "out_of_stock"
        elif model.balance(now) < reward.cost:
            expected = "insufficient_balance"
        else:
            expected = "ok"
        key = self.new_key()
        body = models.RedemptionCreate(reward_id=reward_id)
        status, ref, _ = self.send(who, "redemptions", body, key)
        assert (status if status == "ok" else ref) == expected, (status, ref, expected)
        if status == "ok":
            assert reward is not None
            model.spend("redeem", reward.cost, now)
            self.redeemed += reward.cost
            if self.stock[reward_id] is not None:
                self.stock[reward_id] -= 1  # type: ignore[operator]
            STATS["redemptions applied"] += 1
        else:
            STATS["redemptions refused"] += 1
            STATS[f"redemption refused: {ref}"] += 1
        return KeyedCall(who, "redemptions", key, body, (status, ref), now)

    @rule(who=st.integers(0, 3))
    def review(self, who: int) -> None:
        member = self.sign_in(who)
        model, now = self.model[member.id], self.now
        qualifying_before = model.qualifying(now)
        body = models.ReviewCreate(rating=5, text="A lovely flat white today.")
        already = any(model.local_day(at) == model.local_day(now) for at in model.reviews)
        try:
            engagement.create_review(body=body, member=member, store=self.store)
        except Refusal as refusal:
            assert already and refusal.code == "already_reviewed_today"
            return
        assert not already
        model.reviews.append(now)
        model.credit("review", 10, now)
        self.earned += 10
        assert model.qualifying(now) == qualifying_before  # a bonus is not qualifying
        STATS["review bonuses"] += 1

    @rule(who=st.integers(0, 3), other=st.integers(0, 3))
    def befriend(self, who: int, other: int) -> None:
        """A friend request by code, accepted by the other member: only then are they friends."""
        member = self.sign_in(who)
        them = self.members[other]
        try:
            asked = request_friend(self.store, member, them.friend_code, "test", self.now)
        except Refusal as refusal:
            expected = "cannot_friend_self" if who == other else "already_friends"
            assert refusal.code == expected
            return
        assert who != other and them.id not in self.model[member.id].friends
        assert them.id not in member.friends  # not before they accept
        answer_request(self.store, self.sign_in(other), asked.id, "accept", self.now)
        self.model[member.id].friends.add(them.id)
        self.model[them.id].friends.add(member.id)

    @rule(
        who=st.integers(0, 3),
        offset=st.sampled_from([1, 2, 3]),
        stars=st.one_of(st.integers(1, 60), st.integers(61, 500)),
    )
    def ask_and_accept(self, who: int, offset: int, stars: int) -> None:
        """A member asks a friend for Stars; the friend accepts (a gift, under every gift rule), then retries with the
        same key: one gift. A refused ask is declined, so the pair may ask again."""
        asker = self.sign_in(who)
        asker_model = self.model[asker.id]
        friend = self.members[(who + offset) % 4]
        body = models.AskCreate(friend_id=friend.id, stars=stars, note="for coffee")
        try:
            ask = asks_routes.create_ask(body=body, member=asker, store=self.store)
        except Refusal as refusal:
            assert refusal.code == "not_a_friend" and friend.id not in asker_model.friends
            STATS["asks refused: not_a_friend"] += 1
            return
        assert friend.id in asker_model.friends
        giver = self.sign_in((who + offset) % 4)
        model, now = self.model[giver.id], self.now
        sent_today = sum(s for at, s in model.sent if model.local_day(at) == model.local_day(now))
        if sent_today + stars > 1000:
            expected = "daily_gift_cap_exceeded"
        elif stars > model.balance(now):
            expected = "insufficient_balance"
        else:
            expected = "ok"
        key = self.new_key()
        for attempt in range(2):  # the second is a retry with the same key: replayed, never a second gift
            response = Response()
            try:
                asks_routes.accept(
                    ask_id=ask.id, body=models.AskAccept(), once=Once(giver, self.store, key, response)
                )
                outcome = "ok"
            except Refusal as refusal:
                outcome = refusal.code
            assert outcome == expected, (outcome, expected)
            assert (response.headers.get("Idempotent-Replayed") == "true") == (attempt == 1 and outcome == "ok")
        if expected == "ok":
            self.expired += asker_model.touch(now)
            model.spend("gift_out", stars, now)
            asker_model.credit("gift_in", stars, now)
            model.sent.append((now, stars))
            STATS["asks accepted"] += 1
        else:
            asks_routes.decline(ask_id=ask.id, member=giver, store=self.store)
            STATS[f"asks refused on accept: {expected}"] += 1

    # ------------------------------------------------------------ Star Pools and gifts to newcomers

    @rule(who=st.integers(0, 3))
    def start_a_pool(self, who: int) -> None:
        if self.pool is not None and not self.pool.closed:
            return
        owner = self.sign_in(who)
        invitees = list(owner.friends)[:5]
        record = pool_service.create_pool(self.store, owner, "Together", "handcrafted-drink", invitees, self.now)
        for friend_id in invitees:
            pool_service.answer_invite(self.store, self.store.member(friend_id), record.id, True, self.now)
        self.pool = ModelPool(record.id, owner.id, [owner.id, *invitees])
        STATS["pools started"] += 1

    @rule(target=keys, who=st.integers(0, 3), stars=st.one_of(st.integers(1, 80), st.integers(81, 500),
                                                              st.sampled_from([0, 501])))
    def contribute_to_the_pool(self, who: int, stars: int) -> Any:
        if self.pool is None:
            return multiple()
        member = self.sign_in(who)
        model, now, pool = self.model[member.id], self.now, self.pool
        sent_today = sum(s for at, s in model.sent if model.local_day(at) == model.local_day(now))
        if pool.closed or member.id not in pool.joined:
            expected = "not_found"
        elif not 1 <= stars <= 500:
            expected = "gift_limit_exceeded"
        elif sent_today + stars > 1000:
            expected = "daily_gift_cap_exceeded"
        elif stars > model.balance(now):
            expected = "insufficient_balance"
        else:
            expected = "ok"
        key, body = self.new_key(), models.PoolContributionCreate(stars=stars)
        status, ref, _ = self.send(who, f"contributions:{pool.id}", body, key)
        assert (status if status == "ok" else ref) == expected, (status, ref, expected)
        if status == "ok":
            model.spend("pool_contribution", stars, now)
            model.sent.append((now, stars))
            pool.lots.append(ModelLot(member.id, stars))
            STATS["pool contributions applied"] += 1
        else:
            STATS[f"pool contribution refused: {ref}"] += 1
        return KeyedCall(who, f"contributions:{pool.id}", key, body, (status, ref), now)

    @rule(target=keys, who=st.integers(0, 3), reward_id=st.sampled_from(["extra-shot", "handcrafted-drink", "tumbler",
                                                                          "lunch-bowl"]))
    def redeem_from_the_pool(self, who: int, reward_id: str) -> Any:
        if self.pool is None:
            return multiple()
        member = self.sign_in(who)
        now, pool = self.now, self.pool
        reward = REWARDS[reward_id]
        owner_tier = self.model[pool.owner].tier(now)
        if pool.closed or member.id not in pool.joined:
            expected = "not_found"
        elif member.id != pool.owner:
            expected = "not_pool_owner"
        elif reward.tier_required and TIER_RANK[owner_tier] < TIER_RANK[reward.tier_required]:
            expected = "tier_required"
        elif self.stock[reward_id] is not None and self.stock[reward_id] <= 0:
            expected = "out_of_stock"
        elif pool.pooled() < reward.cost:
            expected = "insufficient_balance"
        else:
            expected = "ok"
        key, body = self.new_key(), models.PoolRedemptionCreate(reward_id=reward_id)
        status, ref, _ = self.send(who, f"pool_redemptions:{pool.id}", body, key)
        assert (status if status == "ok" else ref) == expected, (status, ref, expected)
        if status == "ok":
            pool.spend(reward.cost)
            self.pool_redeemed += reward.cost
            if self.stock[reward_id] is not None:
                self.stock[reward_id] -= 1  # type: ignore[operator]
            STATS["pool redemptions applied"] += 1
        else:
            STATS[f"pool redemption refused: {ref}"] += 1
        return KeyedCall(who, f"pool_redemptions:{pool.id}", key, body, (status, ref), now)

    @rule(target=keys, who=st.integers(0, 3))
    def leave_the_pool(self, who: int) -> Any:
        if self.pool is None:
            return multiple()
        member = self.sign_in(who)
        now, pool = self.now, self.pool
        key = self.new_key()
        status, ref, _ = self.send(who, f"leave:{pool.id}", models.PoolLeave(), key)
        if pool.closed or member.id not in pool.joined:
            assert (status, ref) == ("refused", "not_found")
            return KeyedCall(who, f"leave:{pool.id}", key, models.PoolLeave(), (status, ref), now)
        back = pool.take_back(member.id)
        assert (status, ref) == ("ok", str(back))
        if back:
            self.model[member.id].credit("pool_return", back, now)
        pool.joined.remove(member.id)
        if pool.owner == member.id and pool.joined:
            pool.owner = pool.joined[0]
        pool.closed = not pool.joined
        STATS["pool members left"] += 1
        STATS["pools closed"] += pool.closed
        return KeyedCall(who, f"leave:{pool.id}", key, models.PoolLeave(), (status, ref), now)

    @rule(target=keys, who=st.integers(0, 3), stars=st.one_of(st.integers(1, 80), st.sampled_from([0, 501])))
    def gift_a_newcomer(self, who: int, stars: int) -> Any:
        member = self.sign_in(who)
        model, now = self.model[member.id], self.now
        sent_today = sum(s for at, s in model.sent if model.local_day(at) == model.local_day(now))
        if not 1 <= stars <= 500:
            expected = "gift_limit_exceeded"
        elif sent_today + stars > 1000:
            expected = "daily_gift_cap_exceeded"
        elif stars > model.balance(now):
            expected = "insufficient_balance"
        else:
            expected = "ok"
        key, body = self.new_key(), models.NewcomerGiftCreate(contact="+1 555 010 0199", stars=stars)
        status, ref, _ = self.send(who, "newcomer_gifts", body, key)
        assert (status if status == "ok" else ref) == expected, (status, ref, expected)
        if status == "ok":
            model.spend("gift_held", stars, now)
            model.sent.append((now, stars))
            record = next(h for h in self.store.held_gifts.values() if h.claim_code == ref)
            model.held.append(ModelHeld(record.id, stars, now, ref))
            STATS["gifts to newcomers held"] += 1
        else:
            STATS[f"gift to newcomer refused: {ref}"] += 1
        return KeyedCall(who, "newcomer_gifts", key, body, (status, ref), now)

    @rule(giver=st.integers(0, 3))
    def a_newcomer_joins_and_claims(self, giver: int) -> None:
        giver_member = self.members[giver]
        held = next((h for h in self.model[giver_member.id].held if h.status == "held"), None)
        if held is None:
            return
        now = self.now
        newcomer = create_member(
            self.store, email=f"new{len(self.newcomers)}@example.test", name=f"Newcomer {len(self.newcomers)}",
            password_hash=PASSWORD_HASH, joined_at=now, time_zone="UTC",
        )
        self.newcomers.append(newcomer)
        self.model[newcomer.id] = ModelMember(newcomer.id, "UTC")
        due = now >= held.at + HOLD_FOR
        # Claiming maintains the giver first: an unclaimed gift past its window goes back and cannot be claimed.
        self.expired += self.model[giver_member.id].touch(now)
        try:
            claim = models.ClaimCreate(claim_code=held.code)
            social.claim_gift(body=claim, once=Once(newcomer, self.store, self.new_key(), Response()))
        except Refusal as refusal:
            assert due and refusal.code == "claim_closed", refusal
            STATS["claims refused: window over"] += 1
            return
        assert not due
        held.status = "claimed"
        self.model[newcomer.id].credit("gift_in", held.stars, now)
        STATS["gifts to newcomers claimed"] += 1

    @rule(step=st.sampled_from(STEPS))
    def time_passes(self, step: timedelta) -> None:
        self.clock.advance(step)
        STATS["days of time passed"] += step.days

    @rule(who=st.integers(0, 3))
    def open_home_screen(self, who: int) -> None:
        member = self.sign_in(who)
        model, now = self.model[member.id], self.now
        answer = summary.get_summary(member=member, store=self.store, if_none_match=None)
        parsed = models.Summary.model_validate_json(bytes(answer.body))
        assert parsed.balance == model.balance(now)
        assert (parsed.tier.tier, parsed.tier.qualifying_stars) == (model.tier(now), model.qualifying(now))

    @rule(call=keys)
    def replay_an_earlier_key(self, call: KeyedCall) -> None:
        if self.now - call.at > KEY_LIFETIME:
            return  # the key has been forgotten (kept 48 hours); a replay would be a new intent
        self.sign_in(call.who)
        before = self.snapshot()
        status, ref, replayed = self.send(call.who, call.endpoint, call.body, call.key)
        assert (status, ref) == call.outcome
        assert replayed or status == "refused"
        assert self.snapshot() == before, "a replayed key changed the ledger"
        STATS["keys replayed"] += 1

    @rule(call=keys)
    def reuse_a_key_for_another_request(self, call: KeyedCall) -> None:
        if self.now - call.at > KEY_LIFETIME:
            return
        body: models.Request
        if isinstance(call.body, models.GiftCreate):
            body = models.GiftCreate(friend_id=call.body.friend_id, stars=call.body.stars + 1)
        elif isinstance(call.body, models.RedemptionCreate):
            body = models.RedemptionCreate(reward_id=call.body.reward_id + "-other")
        elif isinstance(call.body, models.PoolContributionCreate):
            body = models.PoolContributionCreate(stars=call.body.stars + 1)
        elif isinstance(call.body, models.PoolRedemptionCreate):
            body = models.PoolRedemptionCreate(reward_id=call.body.reward_id + "-other")
        elif isinstance(call.body, models.NewcomerGiftCreate):
            body = models.NewcomerGiftCreate(contact=call.body.contact, stars=call.body.stars + 1)
        elif isinstance(call.body, models.PoolLeave):
            return  # leaving has no body to differ
        else:
            assert isinstance(call.body, models.PurchaseCreate)
            body = models.PurchaseCreate(amount=call.body.amount + 1)
        self.sign_in(call.who)
        before = self.snapshot()
        assert self.send(call.who, call.endpoint, body, call.key)[:2] == ("refused", "idempotency_key_reused")
        assert self.snapshot() == before
        STATS["keys misused"] += 1

    # ------------------------------------------------------------ invariants

    @invariant()
    def every_member_matches_the_model(self) -> None:
        now = self.now
        for member in [*self.members, *self.newcomers]:
            model = self.model[member.id]
            balance = self.store.balance(member, now)
            assert balance == model.balance(now) >= 0
            live = [(b.earned_at, b.amount, b.remaining, b.qualifying) for b in member.batches if b.expires_at > now]
            assert live == [(b.earned_at, b.amount, b.remaining, b.qualifying) for b in model.live(now)]
            assert [(e.kind, e.stars) for e in member.entries] == model.entries
            assert all(e.balance_after >= 0 for e in member.entries)
            assert all(0 <= b.remaining <= b.amount for b in member.batches)
            # The entries explain the balance: their sum is the running balance, less what is due to expire.
            pending = sum(b.remaining for b in member.batches if b.expires_at <= now)
            assert sum(e.stars for e in member.entries) == member.running_balance == balance + pending
            status = self.store.tier_status(member, now)
            assert (status.tier, status.qualifying_stars) == (model.tier(now), model.qualifying(now))
            assert member.tier == model.tier_at_last_change

    @invariant()
    def the_oldest_batch_is_spent_first(self) -> None:
        now = self.now
        for member in self.members:
            live = sorted((b for b in member.batches if b.expires_at > now), key=lambda b: b.earned_at)
            for older, younger in itertools.combinations(live, 2):
                if younger.remaining < younger.amount:
                    assert older.remaining == 0, "a younger batch was spent while an older one had Stars left"

    @invariant()
    def stars_are_conserved(self) -> None:
        now = self.now
        everyone = [*self.members, *self.newcomers]
        entries = [e for m in everyone for e in m.entries]
        by_kind: Counter[str] = Counter()
        for entry in entries:
            by_kind[entry.kind] += entry.stars
        claimed = sum(h.stars for h in self.store.held_gifts.values() if h.status == "claimed")
        held = sum(h.stars for h in self.store.held_gifts.values() if h.status == "held")
        pooled = sum(lot.remaining for p in self.store.pools.values() for lot in p.lots)
        assert by_kind["gift_in"] + by_kind["gift_out"] == claimed, "gifting created or destroyed Stars"
        assert by_kind["gift_in"] == sum(g.stars for g in self.store.gifts.values()) + claimed
        assert -by_kind["gift_held"] == held + claimed + by_kind["gift_returned"], "a held gift went astray"
        moves = ("gift_in", "gift_out", "gift_held", "gift_returned", "pool_contribution", "pool_return")
        assert -(by_kind["pool_contribution"] + by_kind["pool_return"]) == pooled + self.store.pool_redeemed
        assert self.store.pool_redeemed == self.pool_redeemed
        total = sum(self.store.balance(m, now) for m in everyone)
        pending = sum(b.remaining for m in everyone for b in m.batches if b.expires_at <= now)
        earned = sum(v for k, v in by_kind.items() if k not in (*moves, "redeem", "expire"))
        # Every Star earned is in a balance, due to expire, pooled or held, or has left by a redemption or expiry.
        assert total + pending + pooled + held == earned + by_kind["redeem"] + by_kind["expire"] - self.pool_redeemed
        assert (earned, -by_kind["redeem"], -by_kind["expire"]) == (self.earned, self.redeemed, self.expired)
        if self.pool is not None:
            assert pooled >= 0 and self.pool.pooled() == sum(
                lot.remaining for lot in self.store.pools[self.pool.id].lots
            )
        assert self.store.stock == self.stock and all(v is None or v >= 0 for v in self.stock.values())

    def teardown(self) -> None:
        STATS["expiry entries"] += sum(1 for m in self.members for e in m.entries if e.kind == "expire")
        STATS["gift_returned entries"] += sum(1 for m in self.members for e in m.entries if e.kind == "gift_returned")


MAX_EXAMPLES = 700
STEP_COUNT = 50


def test_ledger_invariants_hold_under_random_interleavings(figures: Figures) -> None:
    STATS.clear()
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=STEP_COUNT,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            # The same interleavings every run: the checks below (a pool redeemed, a gift to a newcomer claimed...)
            # ask that the exploration reached every kind of move, and with a fresh seed each run it sometimes did
            # not (no pool redemption in 700 examples, in a CI run on 2026-12-02).
            derandomize=True,
        ),
    )
    assert STATS["gifts applied"] and STATS["gifts refused"] and STATS["redemptions applied"]
    assert STATS["keys replayed"] and STATS["expiry entries"]
    assert STATS["pool contributions applied"] and STATS["pool redemptions applied"] and STATS["pools closed"]
    assert STATS["gifts to newcomers claimed"] and STATS["gift_returned entries"]
    figures.record(SECTION, "interleavings tried", STATS["interleavings"], f"up to {STEP_COUNT} rules each")
    figures.record(SECTION, "requests made (steps)", STATS["steps"], "each followed by every invariant")
    figures.record(SECTION, "purchases (earn)", STATS["purchases"])
    codes = {
        kind: ", ".join(
            f"{k.split(': ')[1]} {v:,}" for k, v in sorted(STATS.items()) if k.startswith(f"{kind} refused: ")
        )
        for kind in ("gift", "redemption")
    }
    figures.record(
        SECTION,
        "gifts applied / refused",
        f"{STATS['gifts applied']:,} / {STATS['gifts refused']:,}",
        f"refusals predicted by the model, code for code: {codes['gift']}",
    )
    figures.record(
        SECTION,
        "redemptions applied / refused",
        f"{STATS['redemptions applied']:,} / {STATS['redemptions refused']:,}",
        codes["redemption"],
    )
    figures.record(SECTION, "review bonuses (non-qualifying)", STATS["review bonuses"])
    figures.record(
        SECTION,
        "Star Pools: started / contributions / redemptions / members left / closed",
        " / ".join(
            f"{STATS[k]:,}"
            for k in ("pools started", "pool contributions applied", "pool redemptions applied", "pool members left",
                      "pools closed")
        ),
        "pooled Stars counted in conservation; refusals predicted code for code",
    )
    figures.record(
        SECTION,
        "gifts to newcomers: held / claimed / claims after the window",
        f"{STATS['gifts to newcomers held']:,} / {STATS['gifts to newcomers claimed']:,} / "
        f"{STATS['claims refused: window over']:,}",
        "held Stars counted in conservation; unclaimed ones return after 14 days",
    )
    figures.record(SECTION, "idempotency keys replayed", STATS["keys replayed"], "same answer, ledger unchanged")
    figures.record(SECTION, "keys reused with another body", STATS["keys misused"], "409, ledger unchanged")
    figures.record(SECTION, "expiry entries written", STATS["expiry entries"], "batches 12 months old")
    figures.record(SECTION, "simulated days passed", STATS["days of time passed"])
