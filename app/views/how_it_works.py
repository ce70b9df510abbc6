"""How it works: the program's rules in plain words, as `client.program()` states them: tiers and their benefits,
expiry, gift limits, the reward ladder and the rules text."""

from __future__ import annotations

import flet as ft

from app.api.models import Program, TierInfo
from app.components.context import use_i18n, use_screen
from app.components.feedback import when_loaded
from app.components.layout import SectionCard, SectionHeader
from app.components.pill import Pill
from app.state import ProgramState
from app.views.home_sections import TIER_COLORS
from app.views.paths import TOUR_PATH


@ft.component
def HowItWorksScreen() -> ft.Control:
    state = use_screen(ProgramState)
    page = ft.context.page
    tour = ft.OutlinedButton(
        "Take the tour", icon=ft.Icons.SLIDESHOW_OUTLINED, on_click=lambda: page.navigate(TOUR_PATH)
    )

    def content() -> list[ft.Control]:
        rules = _rules(state)
        return [*rules[:1], tour, *rules[1:]]  # the tour right under the introduction

    return when_loaded(state, "Loading the program", "The program rules could not load", content)


def _rules(state: ProgramState) -> list[ft.Control]:
    program = state.program
    if program is None:
        return []
    controls: list[ft.Control] = []
    controls.append(
        SectionCard(
            ft.Text(
                f"Collect {program.currency} every time you visit, spend them on rewards, and climb the tiers.",
                size=15,
            ),
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
        )
    )
    controls.append(SectionHeader("Tiers"))
    controls += [TierCard(t, program, key=t.name) for t in program.tiers]
    controls += [SectionHeader("Rewards"), RewardLadder(program)]
    controls += [SectionHeader("Expiry and gifts"), LimitsCard(program)]
    controls.append(SectionHeader("The rules in full"))
    controls.append(
        SectionCard(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Text(f"{i}.", weight=ft.FontWeight.W_600, width=22),
                            ft.Text(paragraph, size=14, expand=True),
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.START,
                    )
                    for i, paragraph in enumerate(program.rules_text, start=1)
                ],
                spacing=10,
            )
        )
    )
    return controls


@ft.component
def TierCard(tier: TierInfo, program: Program) -> ft.Control:
    color = TIER_COLORS.get(tier.name, ft.Colors.PRIMARY)
    threshold = (
        "Where everyone starts"
        if tier.threshold == 0
        else f"From {tier.threshold:,} qualifying {program.currency} in {program.status_window_months} months"
    )
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WORKSPACE_PREMIUM, color=color, size=28),
                        ft.Text(tier.name, size=20, weight=ft.FontWeight.BOLD, expand=True),
                        Pill(f"Earn x{tier.earn_multiplier:g}"),
                    ],
                    spacing=10,
                ),
                ft.Text(threshold, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                *[
                    ft.Row(
                        [ft.Icon(ft.Icons.CHECK, size=16, color=color), ft.Text(b, size=14, expand=True)],
                        spacing=8,
                    )
                    for b in tier.benefits
                ],
            ],
            spacing=6,
        ),
        padding=14,
    )


@ft.component
def RewardLadder(program: Program) -> ft.Control:
    return SectionCard(
        ft.Column(
            [
                ft.Text(f"Rewards cost one of these amounts of {program.currency}:", size=14),
                ft.Row(
                    [Pill(f"{cost:,}", ft.Icons.STARS_ROUNDED) for cost in program.reward_ladder],
                    wrap=True,
                    spacing=6,
                    run_spacing=6,
                ),
                ft.Text(
                    "Some rewards need Gold or Reserve status; some are limited while stock lasts.",
                    size=13,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
            ],
            spacing=10,
        ),
        padding=14,
    )


def _point(icon: ft.IconData, text: str) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=20, color=ft.Colors.PRIMARY), ft.Text(text, size=14, expand=True)],
        spacing=10,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


@ft.component
def LimitsCard(program: Program) -> ft.Control:
    t = use_i18n()
    g = program.gift_rules
    return SectionCard(
        ft.Column(
            [
                _point(
                    ft.Icons.HOURGLASS_BOTTOM_ROUNDED,
                    f"{program.currency} expire {program.expiry_months} months after you earn them; "
                    f"we warn you {program.expiry_warning_days} days ahead.",
                ),
                _point(
                    ft.Icons.CARD_GIFTCARD,
                    f"Gift {t.stars(g.min_per_gift)} to {t.stars(g.max_per_gift)} at a time to friends, "
                    f"up to {t.stars(g.daily_cap)} a day.",
                ),
                _point(ft.Icons.CHAT_BUBBLE_OUTLINE, f"A gift message can be up to {g.message_max_chars} characters."),
            ],
            spacing=10,
        ),
        padding=14,
    )
