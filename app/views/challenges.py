"""Challenges: the member's joined, open and completed challenges, each with its progress, reward and time left."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.api.models import Challenge
from app.components.card_lines import FailedOn, ItemAction, StatusLine
from app.components.context import use_i18n, use_screen, use_wide
from app.components.feedback import when_loaded
from app.components.layout import SectionCard, SectionHeader, body_for, tiles
from app.components.pill import Pill
from app.components.stars import challenge_progress
from app.i18n import Translator
from app.state import ChallengesState
from app.state.challenges import SECTIONS, ChallengeSection, time_left


def _section_title(section: ChallengeSection, count: int, t: Translator) -> str:
    """`Joined (2)`, `Open to join (3)`, `Completed (0)`."""
    titles: dict[ChallengeSection, str] = {
        "joined": t._("Joined ({count})", count=count),
        "open": t._("Open to join ({count})", count=count),
        "completed": t._("Completed ({count})", count=count),
    }
    return titles[section]


def _empty(section: ChallengeSection, t: Translator) -> str:
    said: dict[ChallengeSection, str] = {
        "joined": t._("You have not joined a challenge yet. Join one below to start counting."),
        "open": t._("No new challenges right now. Check back soon."),
        "completed": t._("Finished challenges and their rewards will show here."),
    }
    return said[section]


@ft.component
def ChallengesScreen() -> ft.Control:
    state = use_screen(ChallengesState)
    wide = use_wide()
    t = use_i18n()
    loading, failed = t._("Loading challenges"), t._("Challenges could not load")
    return when_loaded(state, loading, failed, lambda: _sections(state, wide, t), layout=body_for(wide))


def _sections(state: ChallengesState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    for section in SECTIONS:
        items = state.in_section(section)
        controls.append(SectionHeader(_section_title(section, len(items), t)))
        if not items:
            controls.append(ft.Text(_empty(section, t), color=ft.Colors.ON_SURFACE_VARIANT, size=13))
        cards = [ChallengeCard(c, state.join, state.joining, state.join_error, t, key=c.id) for c in items]
        controls += tiles(cards, wide)
    return controls


@ft.memo  # a change elsewhere on the screen (another card joined, a reload with the same data) leaves this card be
@ft.component
def ChallengeCard(
    challenge: Challenge,
    on_join: Callable[[Challenge], Awaitable[None]],
    joining: str | None,
    join_error: tuple[str, str] | None,
    t: Translator,
) -> ft.Control:
    c = challenge
    completed = c.status == "completed"
    header = ft.Row(
        [
            ft.Icon(
                ft.Icons.EMOJI_EVENTS if completed else ft.Icons.FLAG_OUTLINED,
                color=ft.Colors.AMBER_700 if completed else ft.Colors.PRIMARY,
            ),
            ft.Text(c.title, weight=ft.FontWeight.W_600, size=16, expand=True),
            Pill(t.signed_stars(c.reward_stars), ft.Icons.STARS_ROUNDED),
        ],
        spacing=10,
    )
    rows: list[ft.Control] = [
        header,
        ft.Text(c.description, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        challenge_progress(c, t),
    ]
    if completed:
        earned = t.stars(c.reward_stars)
        done = (
            # Translators: {date} is already in your language; {stars} is "50 Stars".
            t._("Completed on {date}: you earned {stars}", date=t.date(c.completed_at), stars=earned)
            if c.completed_at
            else t._("Completed: you earned {stars}", stars=earned)
        )
        rows.append(StatusLine(ft.Icons.CHECK_CIRCLE, done))
    else:
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(time_left(c.ends_at, t), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=6,
            )
        )
    rows += FailedOn(c.id, join_error)
    if c.status == "open":
        # Translators: {challenge} is a challenge's title.
        join = t._("Join {challenge}", challenge=c.title)

        async def join_it() -> None:
            await on_join(c)

        rows.append(ItemAction(join, t._("Joining..."), ft.Icons.ADD_TASK, join_it, c.id, joining))
    return SectionCard(ft.Column(rows, spacing=10), padding=14)
