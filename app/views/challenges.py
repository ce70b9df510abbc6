"""Challenges: the member's joined, open and completed challenges, each with its progress, reward and time left."""

from __future__ import annotations

import flet as ft

from app.api.models import Challenge
from app.components.context import use_screen, use_session
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard, SectionHeader, body_for, tiles
from app.components.pill import Pill
from app.components.stars import StarsProgress, stars
from app.state import ChallengesState
from app.state.challenges import ChallengeSection, time_left

SECTION_TITLES: dict[ChallengeSection, str] = {"joined": "Joined", "open": "Open to join", "completed": "Completed"}
EMPTY: dict[ChallengeSection, str] = {
    "joined": "You have not joined a challenge yet. Join one below to start counting.",
    "open": "No new challenges right now. Check back soon.",
    "completed": "Finished challenges and their rewards will show here.",
}


@ft.component
def ChallengesScreen() -> ft.Control:
    state = use_screen(ChallengesState)
    wide = use_session().wide
    return when_loaded(
        state, "Loading challenges", "Challenges could not load", lambda: _sections(state, wide), layout=body_for(wide)
    )


def _sections(state: ChallengesState, wide: bool) -> list[ft.Control]:
    controls: list[ft.Control] = []
    for section in ("joined", "open", "completed"):
        items = state.in_section(section)
        controls.append(SectionHeader(f"{SECTION_TITLES[section]} ({len(items)})"))
        if not items:
            controls.append(ft.Text(EMPTY[section], color=ft.Colors.ON_SURFACE_VARIANT, size=13))
        controls += tiles([ChallengeCard(c, state, key=c.id) for c in items], wide)
    return controls


@ft.component
def ChallengeCard(challenge: Challenge, state: ChallengesState) -> ft.Control:
    c = challenge
    done = min(c.progress, c.target)
    completed = c.status == "completed"
    header = ft.Row(
        [
            ft.Icon(
                ft.Icons.EMOJI_EVENTS if completed else ft.Icons.FLAG_OUTLINED,
                color=ft.Colors.AMBER_700 if completed else ft.Colors.PRIMARY,
            ),
            ft.Text(c.title, weight=ft.FontWeight.W_600, size=16, expand=True),
            Pill(f"+{stars(c.reward_stars)}", ft.Icons.STARS_ROUNDED),
        ],
        spacing=10,
    )
    rows: list[ft.Control] = [
        header,
        ft.Text(c.description, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        StarsProgress(
            done / c.target if c.target else 0.0, f"{c.title}: {done} of {c.target} done", f"{done} of {c.target}"
        ),
    ]
    if completed:
        when = f" on {c.completed_at:%d %b %Y}" if c.completed_at else ""
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, size=18, color=ft.Colors.PRIMARY),
                    ft.Text(
                        f"Completed{when}: you earned {stars(c.reward_stars)}",
                        size=13,
                        color=ft.Colors.PRIMARY,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                    ),
                ],
                spacing=6,
            )
        )
    else:
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(time_left(c.ends_at), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=6,
            )
        )
    failed = state.join_error
    if failed is not None and failed[0] == c.id:
        rows.append(InlineError(failed[1]))
    if c.status == "open":
        joining = state.joining == c.id

        async def join() -> None:
            await state.join(c)

        rows.append(
            ft.FilledButton(
                "Joining..." if joining else f"Join {c.title}",
                icon=ft.Icons.ADD_TASK,
                on_click=join,
                disabled=state.joining is not None,
                width=float("inf"),
            )
        )
    return SectionCard(ft.Column(rows, spacing=10), padding=14)
