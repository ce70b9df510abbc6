"""The Star Pool section of Friends: the member's pools and invitations, creating a pool, giving, redeeming, leaving.

The rules (invites allowed, per-contribution limits, the daily cap shared with gifts) come with the list
(`PoolList.rules`); the form checks only that an amount is a whole number within them, and the API checks everything
again. Giving, redeeming and leaving are money-like: each intent gets one idempotency key, made on the first tap and
kept until the API has answered it (a retry after a lost answer reuses it).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from typing import TypeVar

from app.api.client import new_idempotency_key
from app.api.models import Friend, Pool, PoolCreate, PoolRules, Reward
from app.state.base import Outcome, ScreenState, attempt

T = TypeVar("T")


class PoolsState(ScreenState):
    shows = frozenset({"stars", "pools", "friends"})

    pools: list[Pool] = []
    rules: PoolRules | None = None
    friends: list[Friend] = []
    goals: list[Reward] = []
    creating: bool = False
    """The create form is open."""
    name: str = ""
    goal_id: str | None = None
    invite_ids: list[str] = []
    create_errors: dict[str, str] = {}
    saving: bool = False
    amounts: dict[str, str] = {}
    """Pool id -> the amount typed in its Give field."""
    give_errors: dict[str, str] = {}
    """Pool id -> why its last give was refused."""
    busy: dict[str, str] = {}
    """Pool id -> the action running on it ("give", "redeem", "leave", "answer")."""
    _keys: dict[tuple[str, str], str] = {}
    """(pool id, intent) -> its idempotency key, kept until the API answers."""

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[Pool], PoolRules, list[Friend], list[Reward]]:
        client = self._ctx.client
        listed, friends, rewards = await asyncio.gather(client.pools(), client.friends(), client.rewards())
        return listed.pools, listed.rules, friends, rewards

    def _apply(self, loaded: tuple[list[Pool], PoolRules, list[Friend], list[Reward]]) -> None:
        self.pools, self.rules, self.friends, self.goals = loaded

    def _put(self, pool: Pool) -> None:
        others = [p for p in self.pools if p.id != pool.id]
        self.pools = [pool, *others] if pool.status == "open" and pool.my_role != "declined" else others

    # ------------------------------------------------------------------ creating a pool

    def open_create(self) -> None:
        self.creating = True
        self.create_errors = {}

    def close_create(self) -> None:
        self.creating = False
        self.name, self.goal_id, self.invite_ids, self.create_errors = "", None, [], {}
        self.texts_set()

    def set_name(self, text: str) -> None:
        self.name = text
        self.create_errors = {k: v for k, v in self.create_errors.items() if k != "name"}

    def set_goal(self, reward_id: str | None) -> None:
        self.goal_id = reward_id or None
        self.create_errors = {k: v for k, v in self.create_errors.items() if k != "goal"}

    def toggle_invite(self, friend_id: str) -> None:
        chosen = [f for f in self.invite_ids if f != friend_id]
        if friend_id not in self.invite_ids:
            chosen.append(friend_id)
        self.invite_ids = chosen
        limit = self.rules.max_invites if self.rules else None
        errors = {k: v for k, v in self.create_errors.items() if k != "invites"}
        if limit is not None and len(chosen) > limit:
            errors["invites"] = self._too_many_invites(limit)
        self.create_errors = errors

    def _too_many_invites(self, limit: int) -> str:
        return self._ctx.t.n_("Invite at most {n} friend.", "Invite at most {n} friends.", limit)

    async def create(self) -> None:
        if self.saving:
            return
        t = self._ctx.t
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = t._("Give the pool a name.")
        if self.goal_id is None:
            errors["goal"] = t._("Choose the reward the pool saves for.")
        if self.rules and len(self.invite_ids) > self.rules.max_invites:
            errors["invites"] = self._too_many_invites(self.rules.max_invites)
        self.create_errors = errors
        if errors:
            return
        assert self.goal_id is not None
        body = PoolCreate(name=self.name.strip()[:80], goal_reward_id=self.goal_id, invite_ids=self.invite_ids)
        outcome = await self._run("saving", self._ctx.client.create_pool(body))
        if outcome is None:
            return
        if not outcome.ok or outcome.value is None:
            self.create_errors = {_CREATE_FIELD.get(outcome.field or "", "form"): outcome.error or ""}
            return
        self._put(outcome.value)
        self.close_create()
        self._ctx.notify_customer(t._("{pool} is ready. Invite sent.", pool=outcome.value.name))

    # ------------------------------------------------------------------ invitations

    async def answer(self, pool_id: str, join: bool) -> None:
        outcome = await self._on(pool_id, "answer", self._ctx.client.answer_pool_invite(pool_id, join=join))
        if outcome is not None and outcome.ok and outcome.value is not None:
            self._put(outcome.value)

    # ------------------------------------------------------------------ giving, redeeming, leaving

    def set_amount(self, pool_id: str, text: str) -> None:
        self.amounts = {**self.amounts, pool_id: text}
        self.give_errors = {k: v for k, v in self.give_errors.items() if k != pool_id}
        self._keys = {k: v for k, v in self._keys.items() if k != (pool_id, "give")}  # another amount, another intent

    def _check_amount(self, pool_id: str) -> int | None:
        t = self._ctx.t
        text = self.amounts.get(pool_id, "").strip()
        amount = t.whole_number(text) if text else None  # "1,000" in English, "1.000" in Spanish
        rules = self.rules
        error: str | None = None
        if amount is None or amount < 0:
            error = t._("Enter a whole number of Stars, like 25.")
        elif rules and not rules.min_per_contribution <= amount <= rules.max_per_contribution:
            error = t.n_(
                "Give {least} to {n} Star at a time.",
                "Give {least} to {n} Stars at a time.",
                rules.max_per_contribution,
                least=rules.min_per_contribution,
            )
        if error or amount is None:
            self.give_errors = {**self.give_errors, pool_id: error or ""}
            return None
        return amount

    async def give(self, pool_id: str) -> None:
        stars = self._check_amount(pool_id)
        if stars is None:
            return
        key = self._key(pool_id, "give")
        call = self._ctx.client.contribute_to_pool(pool_id, stars, idempotency_key=key)
        outcome = await self._on(pool_id, "give", call)
        if outcome is None or not outcome.ok or outcome.value is None:
            return
        self._put(outcome.value.pool)
        self.amounts = {k: v for k, v in self.amounts.items() if k != pool_id}
        self.texts_set()
        self._ctx.set_balance(outcome.value.balance_after)
        self._ctx.invalidate("stars", but=self)

    async def redeem_goal(self, pool_id: str) -> None:
        pool = next((p for p in self.pools if p.id == pool_id), None)
        if pool is None:
            return
        key = self._key(pool_id, "redeem")
        outcome = await self._on(pool_id, "redeem",
                                 self._ctx.client.redeem_from_pool(pool_id, pool.goal.id, idempotency_key=key))
        if outcome is None or not outcome.ok or outcome.value is None:
            return
        self._put(outcome.value.pool)
        redemption = outcome.value.redemption
        ready = self._ctx.t._(
            "{reward} is ready: show code {code} at the counter.", reward=redemption.reward_name, code=redemption.code
        )
        self._ctx.notify_customer(ready)
        self._ctx.invalidate("stars", but=self)

    async def leave(self, pool_id: str) -> None:
        key = self._key(pool_id, "leave")
        outcome = await self._on(pool_id, "leave", self._ctx.client.leave_pool(pool_id, idempotency_key=key))
        if outcome is None or not outcome.ok or outcome.value is None:
            return
        self.pools = [p for p in self.pools if p.id != pool_id]
        self._ctx.set_balance(outcome.value.balance_after)
        back, t = outcome.value.returned, self._ctx.t
        if back:
            self._ctx.notify_customer(t._("You left the pool; {stars} came back to you.", stars=t.stars(back)))
        else:
            self._ctx.notify_customer(t._("You left the pool."))
        self._ctx.invalidate("stars", but=self)

    # ------------------------------------------------------------------ helpers

    def _key(self, pool_id: str, intent: str) -> str:
        key = self._keys.get((pool_id, intent)) or new_idempotency_key()
        self._keys = {**self._keys, (pool_id, intent): key}
        return key

    async def _on(self, pool_id: str, action: str, call: Awaitable[T]) -> Outcome[T] | None:
        """Run ``call`` for one pool; its error shows under that pool; a definitive answer ends the intent."""
        if pool_id in self.busy:
            if inspect.iscoroutine(call):
                call.close()  # a double tap: the first request answers for both
            return None
        self.busy = {**self.busy, pool_id: action}
        self.give_errors = {k: v for k, v in self.give_errors.items() if k != pool_id}
        epoch = self._epoch
        try:
            outcome = await attempt(call)
        finally:
            if self._still_current(epoch):
                self.busy = {k: v for k, v in self.busy.items() if k != pool_id}
        if not self._still_current(epoch):
            return None
        if not outcome.retryable:
            self._keys = {k: v for k, v in self._keys.items() if k != (pool_id, action)}
        if not outcome.ok:
            self.give_errors = {**self.give_errors, pool_id: outcome.error or ""}
        return outcome

    def pool(self, pool_id: str) -> Pool | None:
        return next((p for p in self.pools if p.id == pool_id), None)


_CREATE_FIELD = {"name": "name", "goal_reward_id": "goal", "friend_id": "invites", "invite_ids": "invites"}
