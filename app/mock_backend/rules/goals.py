"""A goal of one's own: the reward a member saves for, and how far they are."""

from __future__ import annotations

from app.api.models import Goal, RewardRef
from app.mock_backend.rules.catalog import RewardDef
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.texts import pick


def check_goal(reward: RewardDef | None) -> RewardDef:
    """The reward to save for, or why not.

    Raises:
        Refusal: ``unknown_reward`` (404) when there is no such reward.
    """
    if reward is None:
        raise Refusal("unknown_reward", "There is no such reward.", "reward_id", 404)
    return reward


def goal_progress(reward: RewardDef, balance: int) -> Goal:
    """How far ``balance`` goes toward ``reward``: reached once the balance covers its cost."""
    missing = max(0, reward.cost - balance)
    return Goal(
        reward=RewardRef(id=reward.id, name=pick(reward.name), cost=reward.cost),
        stars_missing=missing,
        progress=round(min(1.0, balance / reward.cost), 4) if reward.cost else 1.0,
        reached=missing == 0,
    )
