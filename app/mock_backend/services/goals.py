"""A goal of one's own: set and clear the reward a member saves for."""

from __future__ import annotations

from datetime import datetime

from app.api.models import Goal
from app.mock_backend.records import Member
from app.mock_backend.rules.catalog import reward_by_id
from app.mock_backend.rules.goals import check_goal, goal_progress
from app.mock_backend.store import Store


def goal_of(store: Store, member: Member, at: datetime) -> Goal | None:
    """The member's goal and how far they are, or None when they have not set one."""
    reward = reward_by_id(member.goal_reward_id) if member.goal_reward_id else None
    return goal_progress(reward, store.balance(member, at)) if reward is not None else None


def set_goal(store: Store, member: Member, reward_id: str, at: datetime) -> Goal:
    """Save for this reward from now on (Home's progress bar counts toward it).

    Raises:
        Refusal: ``unknown_reward`` (404).
    """
    with store.lock:
        reward = check_goal(reward_by_id(reward_id))
        member.goal_reward_id = reward.id
        member.changed_at = at
        store.touch(member)
        return goal_progress(reward, store.balance(member, at))


def clear_goal(store: Store, member: Member, at: datetime) -> None:
    with store.lock:
        if member.goal_reward_id is not None:
            member.goal_reward_id = None
            member.changed_at = at
            store.touch(member)
