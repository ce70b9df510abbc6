"""Every screen of the app: its URL, its title, its component, and whether it has a bottom-navigation tab.

To add a screen: write `app/views/<screen>.py` with an `@ft.component` returning its content (the shell supplies
the top bar and the navigation), then point its entry below at it. See docs/app-structure.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from app.state import Session
from app.state.base import ScreenState
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
    state: Callable[[Session], ScreenState]
    """The screen's data in the session store (the shell loads it on every visit, see `Session.show`)."""
    icon: ft.IconData | None = None
    """Set for the bottom-navigation tabs (their label is `title`)."""
    selected_icon: ft.IconData | None = None


SCREENS: tuple[Screen, ...] = (
    Screen("/", "Home", HomeScreen, lambda s: s.home, ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    Screen("/rewards", "Rewards", RewardsScreen, lambda s: s.rewards, ft.Icons.REDEEM_OUTLINED, ft.Icons.REDEEM),
    Screen("/gift", "Gift", GiftScreen, lambda s: s.gift, ft.Icons.CARD_GIFTCARD_OUTLINED, ft.Icons.CARD_GIFTCARD),
    Screen(
        "/challenges", "Challenges", ChallengesScreen, lambda s: s.challenges, ft.Icons.FLAG_OUTLINED, ft.Icons.FLAG
    ),
    Screen(
        "/badges", "Badges", BadgesScreen, lambda s: s.badges, ft.Icons.MILITARY_TECH_OUTLINED, ft.Icons.MILITARY_TECH
    ),
    Screen("/activity", "Activity", ActivityScreen, lambda s: s.activity),
    Screen("/card", "Member card", CardScreen, lambda s: s.card),
    Screen("/earn", "Ways to earn", EarnScreen, lambda s: s.earn),
    Screen("/how-it-works", "How it works", HowItWorksScreen, lambda s: s.program),
    Screen("/profile", "Profile", ProfileScreen, lambda s: s.profile),
)
TABS: tuple[Screen, ...] = tuple(s for s in SCREENS if s.icon is not None)
SIGN_IN_PATH = "/signin"


def screen_for(path: str) -> Screen | None:
    path = path.rstrip("/") or "/"
    return next((s for s in SCREENS if s.path == path), None)
