"""Every screen of the app: its URL, its title, its component, its state class, and whether it has a tab.

To add a screen: write its state (`app/state/<screen>.py`, a `ScreenState` subclass) and its view
(`app/views/<screen>.py`, an `@ft.component`; the shell supplies the top bar and the navigation), then add its line
below. Nothing else lists screens. See docs/app-structure.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from app.i18n import Translator
from app.state import (
    ActivityState,
    BadgesState,
    CardState,
    ChallengesState,
    EarnState,
    FriendsState,
    HomeState,
    InboxState,
    OffersState,
    ProfileState,
    ProgramState,
    RewardsState,
    ScreenState,
)
from app.state.newcomer_gift import ClaimForm
from app.views import paths
from app.views.activity import ActivityScreen
from app.views.badges import BadgesScreen
from app.views.card import CardScreen
from app.views.challenges import ChallengesScreen
from app.views.claim_gift import ClaimGiftScreen
from app.views.earn import EarnScreen
from app.views.friends import FriendsScreen
from app.views.home import HomeScreen
from app.views.how_it_works import HowItWorksScreen
from app.views.inbox import InboxScreen
from app.views.offers import OffersScreen
from app.views.profile import ProfileScreen
from app.views.rewards import RewardsScreen


@dataclass(frozen=True)
class Screen:
    path: str
    title: Callable[[Translator], str]
    """The screen's name in the member's language (the top bar, its tab or its button on Home): `title(t)`."""
    component: Callable[[], ft.Control]
    state: type[ScreenState]
    """The screen's state class: the shell loads `session.screen(state)` on every visit (see `Session.show`)."""
    icon: ft.IconData | None = None
    """Set for the bottom-navigation tabs (their label is the title)."""
    selected_icon: ft.IconData | None = None
    link_icon: ft.IconData | None = None
    """Set for the screens Home links to under "More" (the button's label is the title)."""


# Titles are translated when shown (`title(t)`): a screen's name as a tab, a top bar's title or a button on Home.
SCREENS: tuple[Screen, ...] = (
    Screen("/", lambda t: t.p_("screen", "Home"), HomeScreen, HomeState, ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    Screen(
        "/rewards",
        # Translators: a screen's name, also its tab's label: keep it short (five tabs share a phone's width).
        lambda t: t.p_("screen", "Rewards"),
        RewardsScreen,
        RewardsState,
        ft.Icons.REDEEM_OUTLINED,
        ft.Icons.REDEEM,
    ),
    Screen(
        "/friends",
        lambda t: t.p_("screen", "Friends"),
        FriendsScreen,
        FriendsState,
        ft.Icons.PEOPLE_OUTLINE,
        ft.Icons.PEOPLE,
    ),
    Screen(
        "/challenges",
        lambda t: t.p_("screen", "Challenges"),
        ChallengesScreen,
        ChallengesState,
        ft.Icons.FLAG_OUTLINED,
        ft.Icons.FLAG,
    ),
    Screen(
        "/badges",
        lambda t: t.p_("screen", "Badges"),
        BadgesScreen,
        BadgesState,
        ft.Icons.MILITARY_TECH_OUTLINED,
        ft.Icons.MILITARY_TECH,
    ),
    Screen(
        "/offers",
        lambda t: t.p_("screen", "Offers"),
        OffersScreen,
        OffersState,
        link_icon=ft.Icons.LOCAL_OFFER_OUTLINED,
    ),
    Screen("/inbox", lambda t: t.p_("screen", "Inbox"), InboxScreen, InboxState),
    Screen(
        "/activity",
        lambda t: t.p_("screen", "Activity"),
        ActivityScreen,
        ActivityState,
        link_icon=ft.Icons.RECEIPT_LONG_OUTLINED,
    ),
    Screen("/card", lambda t: t.p_("screen", "Member card"), CardScreen, CardState, link_icon=ft.Icons.QR_CODE_2),
    Screen("/earn", lambda t: t.p_("screen", "Ways to earn"), EarnScreen, EarnState, link_icon=ft.Icons.TRENDING_UP),
    Screen(
        "/how-it-works",
        lambda t: t.p_("screen", "How it works"),
        HowItWorksScreen,
        ProgramState,
        link_icon=ft.Icons.HELP_OUTLINE,
    ),
    Screen(
        "/profile", lambda t: t.p_("screen", "Profile"), ProfileScreen, ProfileState, link_icon=ft.Icons.PERSON_OUTLINE
    ),
    Screen(paths.CLAIM_PATH, lambda t: t.p_("screen", "Claim a gift"), ClaimGiftScreen, ClaimForm),
)
TABS: tuple[Screen, ...] = tuple(s for s in SCREENS if s.icon is not None)
SIGN_IN_PATH = paths.SIGN_IN_PATH


def screen_for(path: str) -> Screen | None:
    path = path.rstrip("/") or "/"
    return next((s for s in SCREENS if s.path == path), None)
