"""Friends: gifting, friend requests, asks for Stars and thank-yous, one section each.

Each section is one component of the screen's state (`FriendsState`) that observes its own section state, so a
section re-renders alone and loads (or fails) on its own. To add a section (the Star Pool, the leaderboard): its
state class goes into `FriendsState.SECTIONS`, its component into `SECTIONS` below, in the order shown.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.components.context import use_screen
from app.components.feedback import when_loaded
from app.state import FriendsState
from app.state.leaderboard import LeaderboardState
from app.state.newcomer_gift import NewcomerGiftState
from app.state.pools import PoolsState
from app.views.friend_asks import AsksSection
from app.views.friend_requests import FriendRequestsSection
from app.views.friend_thanks import ThanksSection
from app.views.gift import GiftSection
from app.views.leaderboard import LeaderboardSection
from app.views.newcomer_gift import NewcomerGiftSection
from app.views.star_pool import StarPoolSection

SECTIONS: tuple[Callable[[FriendsState], ft.Control], ...] = (
    GiftSection,
    FriendRequestsSection,
    AsksSection,
    ThanksSection,
    lambda friends: StarPoolSection(friends.section(PoolsState)),
    lambda friends: LeaderboardSection(friends.section(LeaderboardState)),
    lambda friends: NewcomerGiftSection(friends.section(NewcomerGiftState)),
)
"""The sections of the Friends screen, top to bottom."""


@ft.component
def FriendsScreen() -> ft.Control:
    friends = use_screen(FriendsState)
    # No loading here: the shell calls session.show(...) with the route's state on every visit.
    return when_loaded(
        friends, "Loading your friends", "Friends could not load", lambda: [section(friends) for section in SECTIONS]
    )
