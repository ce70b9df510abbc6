"""The social layer's sections (Star Pool, Leaderboard, Gift someone new), in the order they show.

Until the Friends screen (branch wip-friends) is on main they show under Gift; once it is, each goes into
`app/views/friends.py: SECTIONS` with its state in `FriendsState.SECTIONS`, and this module goes away.
"""

from __future__ import annotations

import flet as ft

from app.state import Session
from app.state.leaderboard import LeaderboardState
from app.state.newcomer_gift import NewcomerGiftState
from app.state.pools import PoolsState
from app.views.leaderboard import LeaderboardSection
from app.views.newcomer_gift import NewcomerGiftSection
from app.views.star_pool import StarPoolSection


def social_sections(session: Session) -> list[ft.Control]:
    return [
        StarPoolSection(session.screen(PoolsState)),
        LeaderboardSection(session.screen(LeaderboardState)),
        NewcomerGiftSection(session.screen(NewcomerGiftState)),
    ]
