"""Rewards: the catalog, the member's past redemptions, and the redeem flow.

Redeeming is a money-like write, so one customer intent carries one idempotency key: the key is created when the
confirmation opens and reused for every retry and double tap of "Confirm"; a tap while the request is in flight does
nothing. While the request is on its way the intent is also kept on the device, so that a reconnect to another app
process finishes it with the same key (app/state/intents.py, `finish_redeem`). Affordability, tier locks and stock
come from the API (`Reward.can_redeem`, `stars_missing`, `locked_reason`); nothing here recomputes them.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from itertools import groupby
from typing import Literal

from app.api.client import new_idempotency_key
from app.api.models import Redemption, RedemptionStatus, Reward
from app.state import intents
from app.state.base import ScreenState
from app.state.resend import resend_kept
from app.state.storage import PendingRedeem, SavedCodes

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
    saved_at: datetime | None = None
    """Set when My rewards shows the copy kept on the device (the API could not be reached): as of when."""
    using: bool = False
    use_error: str | None = None
    # a goal of one's own
    saving_goal: bool = False
    goal_error: str | None = None

    # ------------------------------------------------------------------ loading

    async def refresh(self) -> bool:
        """Load the catalog and the codes; keep the codes on the device, and show that copy when the API cannot
        be reached (a ready code still works at the counter with no signal)."""
        epoch = self._epoch
        loaded = await self._load(self._fetch, self._apply)
        if not self._still_current(epoch):
            return False
        if loaded:
            self.saved_at = None
            await self._keep_codes()
        elif self.status == "error":
            kept = await self._ctx.device.load_codes()
            if kept is not None and self._still_current(epoch) and self.status == "error":
                self.redemptions = kept.redemptions
                self.saved_at = kept.saved_at
                self.tab = "mine"
                self.status = "ready"  # the error stays shown above the kept codes, with Retry
        return loaded

    async def _keep_codes(self) -> None:
        await self._ctx.device.save_codes(SavedCodes(saved_at=datetime.now(UTC), redemptions=self.redemptions))

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

    def codes(self, status: RedemptionStatus) -> list[Redemption]:
        """The member's codes in one state (ready to use, used, expired), newest first."""
        return [r for r in self.redemptions if r.status == status]

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
        if self._key is not None and self.can_retry:
            intents.dropped(self._ctx, self._key)  # given up after a failed try: not to be finished later
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
        self.redeeming = True  # from now: the intent is being kept, then sent
        await intents.remember(self._ctx, PendingRedeem(key=key, reward_id=reward.id, reward_name=reward.name))
        outcome = await self._run("redeeming", self._ctx.client.redeem_reward(reward.id, idempotency_key=key))
        if outcome is None:
            return  # signed out while it was on its way: the next member sees none of it
        settled = intents.settle(self._ctx, key, outcome)
        if not outcome.ok or outcome.value is None:
            await settled
            self.redeem_error = outcome.error
            self.can_retry = outcome.retryable
            return
        self.confirming = None
        self._key = None
        # Shown at once: the device forgets the answered intent (a round trip to the browser) while the catalog
        # loads again, not before (a crowd measured the two one after the other on a busy event loop).
        await asyncio.gather(settled, self._redeemed(outcome.value))

    async def _redeemed(self, redemption: Redemption) -> None:
        self.last_redemption = redemption
        self.just_redeemed = True
        self.redemptions = [redemption, *[r for r in self.redemptions if r.id != redemption.id]]
        self._ctx.set_balance(redemption.balance_after)
        self._ctx.invalidate("stars")
        # Affordability and stock changed: show the catalog as the API now sees it.
        await self.refresh()

    async def finish_redeem(self, intent: PendingRedeem) -> None:
        """A redemption sent before the app server went away, its answer never received: send it again with its
        key (applied at most once) and show the outcome, as if the first answer had come."""
        call = self._ctx.client.redeem_reward(intent.reward_id, idempotency_key=intent.key)
        redemption = await resend_kept(
            self,
            "redeeming",
            intent.key,
            call,
            # Translators: {reward} is a reward's name; {reason} is a sentence saying why.
            lambda why: self.t._(
                "Redeeming {reward} did not go through: {reason}", reward=intent.reward_name, reason=why
            ),
        )
        if redemption is None:
            return
        self._ctx.notify_customer(self.t._("Done: you redeemed {reward}.", reward=intent.reward_name))
        await self._redeemed(redemption)

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
        self._ctx.notify_customer(
            self.t._("{reward} is your goal. Home counts your Stars toward it.", reward=goal.reward.name)
        )

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
        self.use_error = None

    async def use_at_counter(self, redemption: Redemption) -> None:
        """Demo tools: the till scans this code (the mock backend marks it used, as a real till would)."""
        if self.using:
            return
        used = await self._act("using", "use_error", self._ctx.client.use_at_counter(redemption.id))
        if used is None:
            return
        self.redemptions = [used if r.id == used.id else r for r in self.redemptions]
        if self.last_redemption is not None and self.last_redemption.id == used.id:
            self.last_redemption = used
            self.just_redeemed = False
        await self._keep_codes()
