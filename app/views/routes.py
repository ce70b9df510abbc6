"""Every screen of the app: its URL, its title, its component, and whether it has a bottom-navigation tab.

To add a screen: write `app/views/<screen>.py` with an `@ft.component` returning its content (the shell supplies
the top bar and the navigation), then point its entry below at it. See docs/app-structure.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from app.views.activity import ActivityScreen
from app.views.badges import BadgesScreen
from app.views.card import CardScreen
from app.views.challenges import ChallengesScreen
from app.views.earn import EarnScreen
from app.views.gift import GiftScreen
from app.views.home import HomeScreen
from app.views.how_it_works import HowItWorksScreen
from app.views.profile import ProfileScreen
from app.views.rewards import RewardsScreen


@dataclass(frozen=True)
class Screen:
    path: str
    title: str
    component: Callable[[], ft.Control]
    icon: ft.IconData | None = None
    """Set for the bottom-navigation tabs (their label is `title`)."""
    selected_icon: ft.IconData | None = None


SCREENS: tuple[Screen, ...] = (
    Screen("/", "Home", HomeScreen, ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    Screen("/rewards", "Rewards", RewardsScreen, ft.Icons.REDEEM_OUTLINED, ft.Icons.REDEEM),
    Screen("/gift", "Gift", GiftScreen, ft.Icons.CARD_GIFTCARD_OUTLINED, ft.Icons.CARD_GIFTCARD),
    Screen("/challenges", "Challenges", ChallengesScreen, ft.Icons.FLAG_OUTLINED, ft.Icons.FLAG),
    Screen("/badges", "Badges", BadgesScreen, ft.Icons.MILITARY_TECH_OUTLINED, ft.Icons.MILITARY_TECH),
    Screen("/activity", "Activity", ActivityScreen),
    Screen("/card", "Member card", CardScreen),
    Screen("/earn", "Ways to earn", EarnScreen),
    Screen("/how-it-works", "How it works", HowItWorksScreen),
    Screen("/profile", "Profile", ProfileScreen),
)
TABS: tuple[Screen, ...] = tuple(s for s in SCREENS if s.icon is not None)
SIGN_IN_PATH = "/signin"


def screen_for(path: str) -> Screen | None:
    path = path.rstrip("/") or "/"
    return next((s for s in SCREENS if s.path == path), None)
