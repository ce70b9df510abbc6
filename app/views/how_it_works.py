"""How it works: the program's rules in plain words, as `client.program()` states them: tiers and their benefits,
expiry, gift limits, the reward ladder and the rules text."""

from __future__ import annotations

from datetime import timedelta

import flet as ft

from app.api.models import Program, TierInfo
from app.components.context import use_i18n, use_screen
from app.components.feedback import when_loaded
from app.components.layout import SectionCard, SectionHeader
from app.components.pill import Pill
from app.i18n import Translator
from app.state import ProgramState
from app.views.home_sections import TIER_COLORS
from app.views.paths import TOUR_PATH


@ft.component
def HowItWorksScreen() -> ft.Control:
    state = use_screen(ProgramState)
    t = use_i18n()
    page = ft.context.page
    tour = ft.OutlinedButton(
        t._("Take the tour"), icon=ft.Icons.SLIDESHOW_OUTLINED, on_click=lambda: page.navigate(TOUR_PATH)
    )

    def content() -> list[ft.Control]:
        rules = _rules(t, state)
        return [*rules[:1], tour, *rules[1:]]  # the tour right under the introduction

    return when_loaded(state, t._("Loading the program"), t._("The program rules could not load"), content)


def _rules(t: Translator, state: ProgramState) -> list[ft.Control]:
    program = state.program
    if program is None:
        return []
    controls: list[ft.Control] = []
    controls.append(
        SectionCard(
            ft.Text(
                # Translators: {currency} is the program's currency as the API names it ("Stars").
                t._(
                    "Collect {currency} every time you visit, spend them on rewards, and climb the tiers.",
                    currency=program.currency,
                ),
                size=15,
            ),
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
        )
    )
    controls.append(SectionHeader(t._("Tiers")))
    controls += [TierCard(tier, program, key=tier.name) for tier in program.tiers]
    controls += [SectionHeader(t._("Rewards")), RewardLadder(program)]
    controls += [SectionHeader(t._("Expiry and gifts")), LimitsCard(program)]
    controls.append(SectionHeader(t._("The rules in full")))
    controls.append(
        SectionCard(
            ft.Column(
                [
                    ft.Row(
                        [
                            # Translators: the number of a rule in a numbered list ("1.").
                            ft.Text(t._("{number}.", number=i), weight=ft.FontWeight.W_600, width=22),
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
    t = use_i18n()
    color = TIER_COLORS.get(tier.name, ft.Colors.PRIMARY)
    threshold = (
        t._("Where everyone starts")
        if tier.threshold == 0
        # Translators: {threshold} is a number of {currency} (the API's name of the Stars); {n} a number of months.
        else t.n_(
            "From {threshold} qualifying {currency} in {n} month",
            "From {threshold} qualifying {currency} in {n} months",
            program.status_window_months,
            threshold=tier.threshold,
            currency=program.currency,
        )
    )
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WORKSPACE_PREMIUM, color=color, size=28),
                        ft.Text(tier.name, size=20, weight=ft.FontWeight.BOLD, expand=True),
                        # Translators: {rate} is the earn multiplier, e.g. "1.5" in "Earn x1.5".
                        Pill(t._("Earn x{rate}", rate=tier.earn_multiplier)),
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
    t = use_i18n()
    return SectionCard(
        ft.Column(
            [
                # Translators: {currency} is the program's currency as the API names it ("Stars").
                ft.Text(t._("Rewards cost one of these amounts of {currency}:", currency=program.currency), size=14),
                ft.Row(
                    [Pill(t.number(cost), ft.Icons.STARS_ROUNDED) for cost in program.reward_ladder],
                    wrap=True,
                    spacing=6,
                    run_spacing=6,
                ),
                ft.Text(
                    t._("Some rewards need Gold or Reserve status; some are limited while stock lasts."),
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
    # Translators: {currency} is the program's currency as the API names it ("Stars"); {n} a number of months;
    # {warning} how long ahead the member is warned ("30 days").
    expiry = t.n_(
        "{currency} expire {n} month after you earn them; we warn you {warning} ahead.",
        "{currency} expire {n} months after you earn them; we warn you {warning} ahead.",
        program.expiry_months,
        currency=program.currency,
        warning=t.duration(timedelta(days=program.expiry_warning_days)),
    )
    gifts = t._(
        "Gift {low} to {high} at a time to friends, up to {cap} a day.",
        low=t.stars(g.min_per_gift),
        high=t.stars(g.max_per_gift),
        cap=t.stars(g.daily_cap),
    )
    message = t.n_(
        "A gift message can be up to {n} character.", "A gift message can be up to {n} characters.", g.message_max_chars
    )
    return SectionCard(
        ft.Column(
            [
                _point(ft.Icons.HOURGLASS_BOTTOM_ROUNDED, expiry),
                _point(ft.Icons.CARD_GIFTCARD, gifts),
                _point(ft.Icons.CHAT_BUBBLE_OUTLINE, message),
            ],
            spacing=10,
        ),
        padding=14,
    )
