"""Home's habit cards: the weekly visit streak (with its freezes) and today's game. They show what the API says."""

from __future__ import annotations

import flet as ft

from app.api.models import DailyGame, GamePlay, Streak, StreakWeek
from app.components.context import use_i18n
from app.components.layout import Heading, SectionCard
from app.components.motion import use_reduced_motion
from app.i18n import Translator
from app.state import HomeState

FLAME = ft.Colors.DEEP_ORANGE_600
ICE = ft.Colors.LIGHT_BLUE_600
_MARK_WORDS = {"visited": "visited", "frozen": "kept by a freeze", "missed": "missed", "open": "not yet visited"}


def _muted(text: str, size: int = 13) -> ft.Text:
    return ft.Text(text, size=size, color=ft.Colors.ON_SURFACE_VARIANT)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def streak_label(streak: Streak) -> str:
    """What a screen reader says for the streak card's headline."""
    return (
        f"Visit streak: {_plural(streak.weeks, 'week')} in a row, best {_plural(streak.best, 'week')}, "
        f"{_plural(streak.freezes, 'streak freeze')} held"
    )


def recent_weeks_label(streak: Streak, t: Translator) -> str:
    """The row of recent weeks, read aloud: `Recent weeks: week of 7 Dec 2026 kept by a freeze, ...`."""
    return "Recent weeks: " + ", ".join(f"week of {t.date(w.week_of)} {_MARK_WORDS[w.mark]}" for w in streak.recent)


def _week_dot(week: StreakWeek, this_week: bool) -> ft.Control:
    icon, color, fill = {
        "visited": (ft.Icons.LOCAL_FIRE_DEPARTMENT, ft.Colors.WHITE, FLAME),
        "frozen": (ft.Icons.AC_UNIT, ft.Colors.WHITE, ICE),
        "missed": (ft.Icons.CLOSE, ft.Colors.ON_SURFACE_VARIANT, ft.Colors.SURFACE_CONTAINER_HIGHEST),
        "open": (ft.Icons.MORE_HORIZ, ft.Colors.ON_SURFACE_VARIANT, None),
    }[week.mark]
    return ft.Column(
        [
            ft.Container(
                content=ft.Icon(icon, size=18, color=color),
                width=32,
                height=32,
                border_radius=16,
                bgcolor=fill,
                border=ft.Border.all(2, FLAME if this_week else ft.Colors.OUTLINE_VARIANT) if fill is None else None,
                alignment=ft.Alignment.CENTER,
            ),
            ft.Text("now" if this_week else f"{week.week_of:%d/%m}", size=10, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=2,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        tight=True,
    )


@ft.component
def StreakCard(streak: Streak) -> ft.Control:
    if streak.weeks:
        weeks_text = _plural(streak.weeks, "week")
    else:
        weeks_text = "Streak ended" if streak.lost else "No streak yet"
    headline = ft.Semantics(
        label=streak_label(streak),
        container=True,
        exclude_semantics=True,
        content=ft.Row(
            [
                ft.Icon(ft.Icons.LOCAL_FIRE_DEPARTMENT, size=40, color=FLAME if streak.weeks else ft.Colors.OUTLINE),
                ft.Column(
                    [
                        ft.Text(weeks_text, size=26, weight=ft.FontWeight.BOLD),
                        _muted(f"Best: {_plural(streak.best, 'week')}"),
                    ],
                    spacing=0,
                    expand=True,
                ),
                ft.Container(
                    content=ft.Row(
                        [ft.Icon(ft.Icons.AC_UNIT, size=18, color=ICE), ft.Text(f"{streak.freezes}")],
                        spacing=4,
                        tight=True,
                    ),
                    padding=ft.Padding.symmetric(horizontal=10, vertical=6),
                    border_radius=16,
                    border=ft.Border.all(1, ICE),
                ),
            ],
            spacing=12,
        ),
    )
    last = len(streak.recent) - 1
    weeks_row = ft.Semantics(
        label=recent_weeks_label(streak, use_i18n()),
        container=True,
        exclude_semantics=True,
        content=ft.Row(
            [_week_dot(w, i == last) for i, w in enumerate(streak.recent)],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    )
    held = _plural(streak.freezes, "streak freeze") if streak.freezes else "No streak freezes"
    freeze_line = f"{held} held" + (
        f"; the next one after {_plural(streak.weeks_to_next_freeze, 'more week')}."
        if streak.weeks_to_next_freeze
        else " (the most you can hold)."
    )
    rows: list[ft.Control] = [
        Heading("Visit streak"),
        headline,
        weeks_row,
        ft.Text(streak.message, weight=ft.FontWeight.W_600 if streak.lost else None),
        _muted(freeze_line),
    ]
    return SectionCard(ft.Column(rows, spacing=10))


def _odds_text(game: DailyGame, t: Translator) -> str:
    return "Chances: " + ", ".join(f"{t.stars(o.stars)} {t.number(o.chance_percent)}%" for o in game.odds)


@ft.component
def DailyGameCard(game: DailyGame, home: HomeState) -> ft.Control:
    reduced_motion = use_reduced_motion()
    t = use_i18n()
    play: GamePlay | None = home.game_play
    if play is None:
        face: ft.Control = ft.Container(
            key="card-face",
            content=ft.Column(
                [
                    ft.Icon(ft.Icons.AUTO_AWESOME, size=36, color=ft.Colors.ON_TERTIARY_CONTAINER),
                    ft.Text("Scratch to reveal", color=ft.Colors.ON_TERTIARY_CONTAINER, weight=ft.FontWeight.W_600),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER,
                spacing=4,
            ),
            height=110,
            border_radius=16,
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            alignment=ft.Alignment.CENTER,
        )
    else:
        face = ft.Container(
            key=f"card-prize-{play.day}",
            content=ft.Column(
                [
                    ft.Text(
                        t.signed_number(play.stars),
                        size=40,
                        weight=ft.FontWeight.BOLD,
                        color=ft.Colors.ON_PRIMARY_CONTAINER,
                    ),
                    ft.Text("Stars", color=ft.Colors.ON_PRIMARY_CONTAINER),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                alignment=ft.MainAxisAlignment.CENTER,
                spacing=0,
            ),
            height=110,
            border_radius=16,
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            alignment=ft.Alignment.CENTER,
        )
    # The reveal: a flip-like scale from the card to the prize; none at all when the customer asked for less motion.
    card = ft.Semantics(
        exclude_semantics=True,
        content=ft.AnimatedSwitcher(
            content=face,
            duration=0 if reduced_motion else 600,
            reverse_duration=0 if reduced_motion else 200,
            transition=ft.AnimatedSwitcherTransition.SCALE,
            switch_in_curve=ft.AnimationCurve.EASE_OUT_BACK,
        ),
    )
    rows: list[ft.Control] = [Heading("Today's game"), _muted(game.rule), card]
    if play is not None:
        # The text equivalent of the reveal, announced when it appears.
        rows.append(ft.Semantics(live_region=True, container=True, label=play.message, content=ft.Text(play.message)))
    # One name in both states: a tap after today's play answers with the same play (one a day).
    button = ft.FilledButton if play is None else ft.FilledTonalButton
    rows.append(
        button(
            "Play today's game",
            icon=ft.Icons.AUTO_AWESOME,
            on_click=home.play_game,
            disabled=home.playing,
        )
    )
    if home.game_error:
        rows.append(ft.Semantics(live_region=True, content=ft.Text(home.game_error, color=ft.Colors.ERROR)))
    rows.append(_muted(_odds_text(game, t), size=12))
    return SectionCard(ft.Column(rows, spacing=10))
