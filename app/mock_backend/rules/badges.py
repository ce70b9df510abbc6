"""Badges: criteria, visible progress and when each was earned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.mock_backend.rules.history import History, current_streak, streak_reached_at

Metric = Literal["visits", "gifts", "challenges", "streak", "reviews", "gold", "redemptions", "referrals"]


@dataclass(frozen=True)
class BadgeDef:
    """A badge and what earns it."""

    id: str
    name: str
    description: str
    criteria: str
    icon: str
    metric: Metric
    target: int


@dataclass(frozen=True)
class BadgeProgress:
    """A badge with the member's progress toward it."""

    badge: BadgeDef
    progress: int
    earned_at: datetime | None


BADGES: tuple[BadgeDef, ...] = (
    BadgeDef("first-visit", "First sip", "Your first visit.", "Make 1 purchase", "storefront", "visits", 1),
    BadgeDef("ten-visits", "Regular", "Ten visits and counting.", "Make 10 purchases", "local_cafe", "visits", 10),
    BadgeDef("fifty-visits", "Devotee", "Fifty visits.", "Make 50 purchases", "favorite", "visits", 50),
    BadgeDef(
        "first-gift", "Generous", "You shared Stars with a friend.", "Gift Stars once", "volunteer_activism", "gifts", 1
    ),
    BadgeDef(
        "three-challenges",
        "Challenger",
        "Three challenges done.",
        "Complete 3 challenges",
        "emoji_events",
        "challenges",
        3,
    ),
    BadgeDef(
        "four-week-streak",
        "On a roll",
        "Visited four weeks in a row.",
        "Visit in 4 consecutive weeks",
        "local_fire_department",
        "streak",
        4,
    ),
    BadgeDef("first-review", "Critic", "You told us how we did.", "Write 1 review", "rate_review", "reviews", 1),
    BadgeDef(
        "gold-tier",
        "Gold member",
        "You reached Gold.",
        "Earn 500 qualifying Stars in 12 months",
        "workspace_premium",
        "gold",
        500,
    ),
    BadgeDef(
        "first-reward", "Treat yourself", "Your first reward.", "Redeem 1 reward", "card_giftcard", "redemptions", 1
    ),
    BadgeDef(
        "connector",
        "Connector",
        "A friend joined through you.",
        "Refer 1 friend who makes a purchase",
        "group_add",
        "referrals",
        1,
    ),
)


def _count(times: list[datetime], target: int) -> tuple[int, datetime | None]:
    ordered = sorted(times)
    return min(len(ordered), target), (ordered[target - 1] if len(ordered) >= target else None)


def badge_progress(badge: BadgeDef, history: History, now: datetime) -> BadgeProgress:
    """Progress toward one badge.

    Args:
        badge: The badge.
        history: The member's history.
        now: The current time (a streak is "current" relative to it).

    Returns:
        Progress capped at the target, and the moment the badge was earned (None while locked).
    """
    counted: dict[Metric, list[datetime]] = {
        "visits": [at for at, _ in history.visits],
        "gifts": history.gifts_sent,
        "challenges": history.challenges_completed,
        "reviews": history.reviews,
        "redemptions": history.redemptions,
        "referrals": history.referrals_completed,
    }
    if badge.metric in counted:
        progress, earned = _count(counted[badge.metric], badge.target)
        return BadgeProgress(badge, progress, earned)
    if badge.metric == "streak":
        visits = [at for at, _ in history.visits]
        earned = streak_reached_at(visits, history.time_zone, badge.target)
        progress = badge.target if earned else min(badge.target, current_streak(visits, history.time_zone, now))
        return BadgeProgress(badge, progress, earned)
    earned = history.gold_reached_at
    progress = badge.target if earned else min(badge.target, history.qualifying_stars)
    return BadgeProgress(badge, progress, earned)


def all_badges(history: History, now: datetime) -> list[BadgeProgress]:
    """Progress toward every badge, in catalog order."""
    return [badge_progress(b, history, now) for b in BADGES]
