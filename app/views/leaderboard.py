"""Leaderboard (a section of Friends): this week's Stars earned by friends who chose to show, ranks with ties."""

from __future__ import annotations

import flet as ft

from app.api.models import LeaderboardEntry
from app.components.layout import SectionCard
from app.i18n import Translator
from app.state.leaderboard import LeaderboardState


def content(state: LeaderboardState, t: Translator) -> list[ft.Control]:
    board = state.board
    if board is None:
        return []
    week = ft.Text(
        t._("Stars earned since Monday {date}; it starts again on Monday.", date=t.date(board.week_starts)),
        size=13,
        color=ft.Colors.ON_SURFACE_VARIANT,
    )
    if not board.entries:
        return [
            week,
            SectionCard(
                ft.Text(
                    t._(
                        "No friends on the leaderboard yet. Turn it on in Profile to show yourself, and ask friends "
                        "to do the same."
                    )
                )
            ),
        ]
    return [week, SectionCard(ft.Column([_row(e, t) for e in board.entries], spacing=8))]


def _row(e: LeaderboardEntry, t: Translator) -> ft.Control:
    stars = t.stars(e.stars)
    if e.is_me:
        label = t._("Rank {rank}: {name} (you), {stars} this week", rank=e.rank, name=e.name, stars=stars)
        shown = t._("{name} (you)", name=e.name)
    else:
        label = t._("Rank {rank}: {name}, {stars} this week", rank=e.rank, name=e.name, stars=stars)
        shown = e.name
    return ft.Semantics(
        label=label,
        container=True,
        exclude_semantics=True,  # the label says it all; the row's texts would repeat it
        content=ft.Row(
            [
                ft.Text(t.number(e.rank), width=28, weight=ft.FontWeight.BOLD),
                ft.Text(shown, expand=True, weight=ft.FontWeight.W_600 if e.is_me else None),
                ft.Text(stars),
            ]
        ),
    )
