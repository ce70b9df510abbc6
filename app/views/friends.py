"""Friends: gifting, friend requests, asks for Stars, thank-yous, Star Pools, the leaderboard and gifts to someone
new, one section each.

Each section is one `FriendsSection` (app/views/friends_layout.py) of the screen's state (`FriendsState`): it observes
its own section state, so a section re-renders alone and loads (or fails) on its own. To add a section: its state
class goes into `FriendsState.SECTIONS`, and a line into `SECTIONS` below (its state, its words, its content), in the
order shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import flet as ft

from app.components.context import use_i18n, use_screen
from app.components.feedback import when_loaded
from app.i18n import Translator
from app.state import AsksState, FriendCircleState, FriendsState, GiftState, ScreenState, ThanksState
from app.state.leaderboard import LeaderboardState
from app.state.newcomer_gift import NewcomerGiftState
from app.state.pools import PoolsState
from app.views import friend_asks, friend_requests, friend_thanks, gift, leaderboard, newcomer_gift, star_pool
from app.views.friends_layout import FriendsSection, SectionTexts


class Section(NamedTuple):
    state: type[ScreenState]
    texts: Callable[[Translator], SectionTexts]
    """Its heading and the spinner's name (and a reload button's, for a section whose heading shows while loading)."""
    content: Callable[[Any, Translator], list[ft.Control]]


SECTIONS: tuple[Section, ...] = (
    Section(GiftState, lambda t: SectionTexts(t._("Send a gift"), t._("Loading gifting")), gift.content),
    Section(
        FriendCircleState,
        lambda t: SectionTexts(t._("Friend requests"), t._("Loading friend requests")),
        friend_requests.content,
    ),
    Section(AsksState, lambda t: SectionTexts(t._("Asks"), t._("Loading asks")), friend_asks.content),
    Section(ThanksState, lambda t: SectionTexts(t._("Thank-yous"), t._("Loading thank-yous")), friend_thanks.content),
    Section(
        PoolsState,
        lambda t: SectionTexts(t._("Star Pool"), t._("Loading your pools"), t._("Reload Star Pool")),
        star_pool.content,
    ),
    Section(
        LeaderboardState,
        lambda t: SectionTexts(t._("Leaderboard"), t._("Loading the leaderboard"), t._("Reload Leaderboard")),
        leaderboard.content,
    ),
    Section(
        NewcomerGiftState,
        lambda t: SectionTexts(t._("Gift someone new"), t._("Loading your gifts"), t._("Reload Gift someone new")),
        newcomer_gift.content,
    ),
)
"""The sections of the Friends screen, top to bottom."""


@ft.component
def FriendsScreen() -> ft.Control:
    friends = use_screen(FriendsState)
    t = use_i18n()
    # No loading here: the shell calls session.show(...) with the route's state on every visit.
    return when_loaded(
        friends,
        t._("Loading your friends"),
        t._("Friends could not load"),
        lambda: [FriendsSection(friends.section(s.state), s.texts, s.content) for s in SECTIONS],
    )
