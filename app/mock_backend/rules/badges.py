"""Badges in families of three levels (bronze, silver, gold): criteria, visible progress and when each was earned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.mock_backend.rules.history import History
from app.mock_backend.rules.streak import streak_facts

Metric = Literal["visits", "gifts", "challenges", "streak", "reviews", "status", "redemptions", "referrals", "games"]
Level = Literal["bronze", "silver", "gold"]


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
    family: str = ""
    family_name: str = ""
    level: Level = "bronze"


@dataclass(frozen=True)
class BadgeProgress:
    """A badge with the member's progress toward it."""

    badge: BadgeDef
    progress: int
    earned_at: datetime | None


# A family's id: its name (English, Spanish), its icon and what it counts.
_FAMILIES: dict[str, tuple[str, str, str, Metric]] = {
    "visits": ("Visits", "Visitas", "local_cafe", "visits"),
    "streak": ("Streaks", "Rachas", "local_fire_department", "streak"),
    "gifts": ("Gifts", "Regalos", "volunteer_activism", "gifts"),
    "challenges": ("Challenges", "Retos", "emoji_events", "challenges"),
    "reviews": ("Reviews", "Reseñas", "rate_review", "reviews"),
    "status": ("Status", "Nivel", "workspace_premium", "status"),
    "rewards": ("Rewards", "Recompensas", "card_giftcard", "redemptions"),
    "friends": ("Friends", "Amigos", "group_add", "referrals"),
    "games": ("Daily game", "Juego diario", "casino", "games"),
}
FAMILY_NAMES_ES: dict[str, str] = {family: names[1] for family, names in _FAMILIES.items()}
"""A family's name in Spanish (its badges' texts in Spanish are in ``badge_texts.py``)."""

# Every badge, in catalog order: three a family, from bronze to gold.
# family, id, name, description, criteria, target
_TABLE: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("visits", "first-visit", "First sip", "Your first visit.", "Make 1 purchase", 1),
    ("visits", "ten-visits", "Regular", "Ten visits and counting.", "Make 10 purchases", 10),
    ("visits", "fifty-visits", "Devotee", "Fifty visits.", "Make 50 purchases", 50),
    ("streak", "four-week-streak", "On a roll", "Visited four weeks in a row.", "Keep a 4-week visit streak", 4),
    ("streak", "twelve-week-streak", "Steady", "Twelve weeks in a row.", "Keep a 12-week visit streak", 12),
    ("streak", "half-year-streak", "Unstoppable", "Half a year of weeks in a row.", "Keep a 26-week visit streak", 26),
    ("gifts", "first-gift", "Generous", "You shared Stars with a friend.", "Gift Stars once", 1),
    ("gifts", "five-gifts", "Big heart", "Five gifts to friends.", "Gift Stars 5 times", 5),
    ("gifts", "twenty-gifts", "Patron", "Twenty gifts to friends.", "Gift Stars 20 times", 20),
    ("challenges", "first-challenge", "Up for it", "Your first challenge done.", "Complete 1 challenge", 1),
    ("challenges", "three-challenges", "Challenger", "Three challenges done.", "Complete 3 challenges", 3),
    ("challenges", "ten-challenges", "Champion", "Ten challenges done.", "Complete 10 challenges", 10),
    ("reviews", "first-review", "Critic", "You told us how we did.", "Write 1 review", 1),
    ("reviews", "five-reviews", "Voice", "Five reviews written.", "Write 5 reviews", 5),
    ("reviews", "fifteen-reviews", "Connoisseur", "Fifteen reviews written.", "Write 15 reviews", 15),
    ("status", "rising-star", "Rising star", "Halfway to Gold.", "Earn 250 qualifying Stars in 12 months", 250),
    ("status", "gold-tier", "Gold member", "You reached Gold.", "Earn 500 qualifying Stars in 12 months", 500),
    ("status", "reserve-tier", "Reserve member", "You reached Reserve.", "Earn 2,500 qualifying Stars in 12 months", 2500),
    ("rewards", "first-reward", "Treat yourself", "Your first reward.", "Redeem 1 reward", 1),
    ("rewards", "five-rewards", "Savourer", "Five rewards enjoyed.", "Redeem 5 rewards", 5),
    ("rewards", "twenty-rewards", "Epicure", "Twenty rewards enjoyed.", "Redeem 20 rewards", 20),
    ("friends", "connector", "Connector", "A friend joined through you.", "Refer 1 friend who makes a purchase", 1),
    ("friends", "host", "Host", "Three friends joined through you.", "Refer 3 friends who make a purchase", 3),
    ("friends", "ambassador", "Ambassador", "Ten friends joined through you.", "Refer 10 friends who make a purchase", 10),
    ("games", "first-play", "Lucky dip", "Your first scratch card.", "Play the daily game once", 1),
    ("games", "seven-plays", "Player", "Seven scratch cards.", "Play the daily game on 7 days", 7),
    ("games", "thirty-plays", "High roller", "Thirty scratch cards.", "Play the daily game on 30 days", 30),
)


def _build() -> tuple[BadgeDef, ...]:
    """One badge a row of the table; a family's rows are its levels in order (bronze, silver, gold)."""
    levels: tuple[Level, ...] = ("bronze", "silver", "gold")
    badges: list[BadgeDef] = []
    for family, badge_id, name, description, criteria, target in _TABLE:
        family_name, _, icon, metric = _FAMILIES[family]
        level = levels[sum(b.family == family for b in badges)]
        badges.append(BadgeDef(badge_id, name, description, criteria, icon, metric, target, family, family_name, level))
    return tuple(badges)


BADGES: tuple[BadgeDef, ...] = _build()


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
        "games": history.games_played,
    }
    if badge.metric in counted:
        progress, earned = _count(counted[badge.metric], badge.target)
        return BadgeProgress(badge, progress, earned)
    if badge.metric == "streak":
        # Streak milestones follow the streak as the member sees it: freezes keep it going.
        facts = streak_facts([at for at, _ in history.visits], history.time_zone, now)
        earned = facts.reached.get(badge.target)
        progress = badge.target if earned else min(badge.target, facts.weeks)
        return BadgeProgress(badge, progress, earned)
    earned = history.status_reached.get(badge.target)
    progress = badge.target if earned else min(badge.target, history.qualifying_stars)
    return BadgeProgress(badge, progress, earned)


def all_badges(history: History, now: datetime) -> list[BadgeProgress]:
    """Progress toward every badge, in catalog order."""
    return [badge_progress(b, history, now) for b in BADGES]


def status_targets() -> list[int]:
    """The qualifying-Star thresholds the status badges need (the store notes when each was first reached)."""
    return [b.target for b in BADGES if b.metric == "status"]
