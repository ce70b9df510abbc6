"""Rewards: the catalog, the member's past redemptions, and the redeem flow.

Redeeming is a money-like write, so one customer intent carries one idempotency key: the key is created when the
confirmation opens and reused for every retry and double tap of "Confirm"; a tap while the request is in flight does
nothing. Affordability, tier locks and stock come from the API (`Reward.can_redeem`, `stars_missing`,
`locked_reason`); nothing here recomputes them.
"""

from __future__ import annotations

import asyncio
from itertools import groupby
from typing import Literal

from app.api.client import new_idempotency_key
from app.api.models import Redemption, Reward
from app.state.base import ScreenState

RewardsTab = Literal["catalog", "mine"]


class RewardsState(ScreenState):
    shows = frozenset({"stars", "rewards", "goal"})

    rewards: list[Reward] = []
    redemptions: list[Redemption] = []
    tab: RewardsTab = "catalog"
    suggested_id: str | None = None
    """A reward Home suggested (Stars about to expire): shown first in the catalog."""
    # the redeem flow
    confirming: Reward | None = None
    _key: str | None = None
    redeeming: bool = False
    redeem_error: str | None = None
    can_retry: bool = False
    last_redemption: Redemption | None = None
    just_redeemed: bool = False
    """Whether `last_redemption` was made just now (its balance is then the current one) or shown again."""
    # a goal of one's own
    saving_goal: bool = False
    goal_error: str | None = None

    # ------------------------------------------------------------------ loading

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[Reward], list[Redemption]]:
        client = self._ctx.client
        rewards, redemptions = await asyncio.gather(client.rewards(), client.redemptions())
        return rewards, redemptions

    def _apply(self, loaded: tuple[list[Reward], list[Redemption]]) -> None:
        self.rewards, self.redemptions = loaded

    def by_cost(self) -> list[tuple[int, list[Reward]]]:
        """The catalog grouped by cost, cheapest first (25, 60, 100, ...)."""
        ordered = sorted(self.rewards, key=lambda r: (r.cost, r.name))
        return [(cost, list(group)) for cost, group in groupby(ordered, key=lambda r: r.cost)]

    def set_tab(self, tab: RewardsTab) -> None:
        self.tab = tab

    def suggest(self, reward_id: str) -> None:
        self.suggested_id = reward_id
        self.tab = "catalog"

    @property
    def suggested(self) -> Reward | None:
        return next((r for r in self.rewards if r.id == self.suggested_id), None)

    # ------------------------------------------------------------------ redeeming

    def ask_to_redeem(self, reward: Reward) -> None:
        """Open the confirmation. This is where the intent, and so its idempotency key, begins."""
        if self.redeeming or not reward.can_redeem:
            return
        if self.confirming is not None and self.confirming.id == reward.id and self._key is not None:
            return  # a double tap on "Redeem" is the same intent
        self.confirming = reward
        self._key = new_idempotency_key()
        self.redeem_error = None
        self.can_retry = False

    def cancel_redeem(self) -> None:
        if self.redeeming:
            return
        self.confirming = None
        self._key = None
        self.redeem_error = None
        self.can_retry = False

    async def confirm_redeem(self) -> None:
        """Send the redemption (once, even on a double tap; a retry reuses the same key)."""
        reward, key = self.confirming, self._key
        if self.redeeming or reward is None or key is None:
            return
        self.redeem_error = None
        outcome = await self._run("redeeming", self._ctx.client.redeem_reward(reward.id, idempotency_key=key))
        if outcome is None:
            return  # signed out while it was on its way: the next member sees none of it
        if not outcome.ok or outcome.value is None:
            self.redeem_error = outcome.error
            self.can_retry = outcome.retryable
            return
        redemption = outcome.value
        self.confirming = None
        self._key = None
        self.last_redemption = redemption
        self.just_redeemed = True
        self.redemptions = [redemption, *[r for r in self.redemptions if r.id != redemption.id]]
        self._ctx.set_balance(redemption.balance_after)
        self._ctx.invalidate("stars")
        # Affordability and stock changed: show the catalog as the API now sees it.
        await self.refresh()

    # ------------------------------------------------------------------ a goal of one's own

    @property
    def goal(self) -> Reward | None:
        return next((r for r in self.rewards if r.is_goal), None)

    async def set_goal(self, reward: Reward) -> None:
        """Save for this reward: Home's progress bar counts toward it from now on."""
        if self.saving_goal or reward.is_goal:
            return
        goal = await self._act("saving_goal", "goal_error", self._ctx.client.set_goal(reward.id))
        if goal is None:
            return
        self.rewards = [r.model_copy(update={"is_goal": r.id == goal.reward.id}) for r in self.rewards]
        self._ctx.invalidate("goal", but=self)
        self._ctx.notify_customer(f"{goal.reward.name} is your goal. Home counts your Stars toward it.")

    async def clear_goal(self) -> None:
        """Stop saving for a goal: Home counts toward the next reward again."""
        if self.saving_goal or self.goal is None:
            return
        outcome = await self._run("saving_goal", self._ctx.client.clear_goal())
        if outcome is None:
            return
        if not outcome.ok:
            self.goal_error = outcome.error
            return
        self.rewards = [r.model_copy(update={"is_goal": False}) for r in self.rewards]
        self._ctx.invalidate("goal", but=self)

    def open_redemption(self, redemption: Redemption) -> None:
        """Show a past redemption's code and QR code again."""
        self.last_redemption = redemption
        self.just_redeemed = False

    def close_redemption(self) -> None:
        self.last_redemption = None
