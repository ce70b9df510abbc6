"""Home's habit cards: the weekly visit streak (with its freezes) and today's game. They show what the API says."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft
from babel import dates as babel_dates

from app.api.models import DailyGame, GamePlay, Streak, StreakWeek
from app.components.layout import Heading, SectionCard
from app.components.motion import PopIn
from app.i18n import Translator

FLAME = ft.Colors.DEEP_ORANGE_600
ICE = ft.Colors.LIGHT_BLUE_600


def _muted(text: str, size: int = 13) -> ft.Text:
    return ft.Text(text, size=size, color=ft.Colors.ON_SURFACE_VARIANT)


def _weeks(n: int, t: Translator) -> str:
    return t.n_("{n} week", "{n} weeks", n)


def streak_label(streak: Streak, t: Translator) -> str:
    """What a screen reader says for the streak card's headline."""
    # Translators: {weeks} and {best} are "3 weeks"; {freezes} is "1 streak freeze held", already in your language.
    return t._(
        "Visit streak: {weeks} in a row, best {best}, {freezes}",
        weeks=_weeks(streak.weeks, t),
        best=_weeks(streak.best, t),
        freezes=t.n_("{n} streak freeze held", "{n} streak freezes held", streak.freezes),
    )


def _week_said(week: StreakWeek, t: Translator) -> str:
    day = t.date(week.week_of)
    # Translators: one week of the streak, read aloud; {date} is its first day ("7 dic 2026").
    said = {
        "visited": t._("week of {date} visited", date=day),
        "frozen": t._("week of {date} kept by a freeze", date=day),
        "missed": t._("week of {date} missed", date=day),
        "open": t._("week of {date} not yet visited", date=day),
    }
    return said[week.mark]


def recent_weeks_label(streak: Streak, t: Translator) -> str:
    """The row of recent weeks, read aloud: `Recent weeks: week of 7 Dec 2026 kept by a freeze, ...`."""
    # Translators: {weeks} is a list of "week of 7 Dec 2026 visited", separated by commas.
    return t._("Recent weeks: {weeks}", weeks=", ".join(_week_said(w, t) for w in streak.recent))


def _week_day(week: StreakWeek, t: Translator) -> str:
    # Translators: a CLDR date pattern for a week's first day under its small dot, day and month in digits ("7/12").
    return babel_dates.format_date(week.week_of, t.p_("date pattern", "d/M"), locale=t.locale)


def _week_dot(week: StreakWeek, this_week: bool, t: Translator) -> ft.Control:
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
            ft.Text(
                t.p_("this week", "now") if this_week else _week_day(week, t),
                size=10,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ],
        spacing=2,
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        tight=True,
    )


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def StreakCard(streak: Streak, t: Translator) -> ft.Control:
    if streak.weeks:
        weeks_text = _weeks(streak.weeks, t)
    else:
        weeks_text = t._("Streak ended") if streak.lost else t._("No streak yet")
    headline = ft.Semantics(
        label=streak_label(streak, t),
        container=True,
        exclude_semantics=True,
        content=ft.Row(
            [
                ft.Icon(ft.Icons.LOCAL_FIRE_DEPARTMENT, size=40, color=FLAME if streak.weeks else ft.Colors.OUTLINE),
                ft.Column(
                    [
                        ft.Text(weeks_text, size=26, weight=ft.FontWeight.BOLD),
                        _muted(t._("Best: {weeks}", weeks=_weeks(streak.best, t))),
                    ],
                    spacing=0,
                    expand=True,
                ),
                ft.Container(
                    content=ft.Row(
                        [ft.Icon(ft.Icons.AC_UNIT, size=18, color=ICE), ft.Text(t.number(streak.freezes))],
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
        label=recent_weeks_label(streak, t),
        container=True,
        exclude_semantics=True,
        content=ft.Row(
            [_week_dot(w, i == last, t) for i, w in enumerate(streak.recent)],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    )
    rows: list[ft.Control] = [
        Heading(t._("Visit streak")),
        headline,
        weeks_row,
        ft.Text(streak.message, weight=ft.FontWeight.W_600 if streak.lost else None),
        _muted(_freeze_line(streak, t)),
    ]
    return SectionCard(ft.Column(rows, spacing=10))


def _freeze_line(streak: Streak, t: Translator) -> str:
    """`2 streak freezes held; the next one after 3 more weeks.` or `... held (the most you can hold).`"""
    if streak.weeks_to_next_freeze:
        # Translators: {held} is "2 streak freezes held" or "No streak freezes held", already in your language.
        return t.n_(
            "{held}; the next one after {n} more week.",
            "{held}; the next one after {n} more weeks.",
            streak.weeks_to_next_freeze,
            held=_held(streak, t),
        )
    return t._("{held} (the most you can hold).", held=_held(streak, t))


def _held(streak: Streak, t: Translator) -> str:
    if not streak.freezes:
        return t._("No streak freezes held")
    return t.n_("{n} streak freeze held", "{n} streak freezes held", streak.freezes)


def _odds_text(game: DailyGame, t: Translator) -> str:
    # Translators: one prize's chance, "25 Stars 10%"; {stars} and {chance} are already in your language.
    odds = ", ".join(
        t._("{stars} {chance}", stars=t.stars(o.stars), chance=t.percent(o.chance_percent / 100)) for o in game.odds
    )
    # Translators: {odds} is a list of "25 Stars 10%", separated by commas.
    return t._("Chances: {odds}", odds=odds)


def _card_face(key: str, lines: list[ft.Control], bgcolor: ft.ColorValue, spacing: int) -> ft.Control:
    """One face of today's scratch card: the card to scratch, or the prize it revealed (the switcher flips them)."""
    return ft.Container(
        key=key,
        content=ft.Column(
            lines,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            alignment=ft.MainAxisAlignment.CENTER,
            spacing=spacing,
        ),
        height=110,
        border_radius=16,
        bgcolor=bgcolor,
        alignment=ft.Alignment.CENTER,
    )


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def DailyGameCard(
    game: DailyGame,
    play: GamePlay | None,
    playing: bool,
    game_error: str | None,
    on_play: Callable[[], Awaitable[None]],
    t: Translator,
) -> ft.Control:
    if play is None:
        face = _card_face(
            "card-face",
            [
                ft.Icon(ft.Icons.AUTO_AWESOME, size=36, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(t._("Scratch to reveal"), color=ft.Colors.ON_TERTIARY_CONTAINER, weight=ft.FontWeight.W_600),
            ],
            ft.Colors.TERTIARY_CONTAINER,
            spacing=4,
        )
    else:
        face = _card_face(
            f"card-prize-{play.day}",
            [
                ft.Text(
                    t.signed_number(play.stars),
                    size=40,
                    weight=ft.FontWeight.BOLD,
                    color=ft.Colors.ON_PRIMARY_CONTAINER,
                ),
                # Translators: under a scratch card's prize ("+25"): the program's currency.
                ft.Text(t.n_("Star", "Stars", play.stars), color=ft.Colors.ON_PRIMARY_CONTAINER),
            ],
            ft.Colors.PRIMARY_CONTAINER,
            spacing=0,
        )
    # The reveal: the prize grows into place where the card was; none at all when the customer asked for less motion.
    card = ft.Semantics(exclude_semantics=True, content=PopIn(face, play is not None, duration=600, on_screen="/"))
    rows: list[ft.Control] = [Heading(t._("Today's game")), _muted(game.rule), card]
    if play is not None:
        # The text equivalent of the reveal, announced when it appears.
        rows.append(ft.Semantics(live_region=True, container=True, label=play.message, content=ft.Text(play.message)))
    # One name in both states: a tap after today's play answers with the same play (one a day).
    button = ft.FilledButton if play is None else ft.FilledTonalButton
    rows.append(
        button(
            t._("Play today's game"),
            icon=ft.Icons.AUTO_AWESOME,
            on_click=on_play,
            disabled=playing,
        )
    )
    if game_error:
        rows.append(ft.Semantics(live_region=True, content=ft.Text(game_error, color=ft.Colors.ERROR)))
    rows.append(_muted(_odds_text(game, t), size=12))
    return SectionCard(ft.Column(rows, spacing=10))
