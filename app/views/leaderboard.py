"""Leaderboard (a section of Friends): this week's Stars earned by friends who chose to show, ranks with ties.

To place it in the Friends screen: `LeaderboardState` in `FriendsState.SECTIONS` and
`lambda friends: LeaderboardSection(friends.section(LeaderboardState))` in `app/views/friends.py: SECTIONS`.
"""

from __future__ import annotations

import flet as ft

from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed
from app.components.layout import SectionCard
from app.i18n import Translator
from app.state.leaderboard import LeaderboardState
from app.views.social_sections import section


@ft.component
def LeaderboardSection(state: LeaderboardState) -> ft.Control:
    board = use_observed(state)
    t = use_i18n()
    refresh = IconAction(ft.Icons.REFRESH, "Reload Leaderboard", board.refresh)
    return section("Leaderboard", board, "Loading the leaderboard", lambda: _content(board, t), refresh)


def _content(state: LeaderboardState, t: Translator) -> list[ft.Control]:
    board = state.board
    if board is None:
        return []
    week = ft.Text(
        f"Stars earned since Monday {t.date(board.week_starts)}; it starts again on Monday.",
        size=13,
        color=ft.Colors.ON_SURFACE_VARIANT,
    )
    if not board.entries:
        return [week, SectionCard(ft.Text("No friends on the leaderboard yet. Turn it on in Profile to show "
                                          "yourself, and ask friends to do the same."))]
    rows = [
        ft.Semantics(
            label=f"Rank {e.rank}: {e.name}{' (you)' if e.is_me else ''}, {t.stars(e.stars)} this week",
            container=True,
            exclude_semantics=True,  # the label says it all; the row's texts would repeat it
            content=ft.Row(
                [
                    ft.Text(f"{e.rank}", width=28, weight=ft.FontWeight.BOLD),
                    ft.Text(e.name + (" (you)" if e.is_me else ""), expand=True,
                            weight=ft.FontWeight.W_600 if e.is_me else None),
                    ft.Text(t.stars(e.stars)),
                ]
            ),
        )
        for e in board.entries
    ]
    return [week, SectionCard(ft.Column(rows, spacing=8))]
