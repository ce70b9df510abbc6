"""Ways to earn: every earn rule as the program states it, with the forms that earn right here (a review, the
monthly survey) and the referral code to share."""

from __future__ import annotations

import flet as ft

from app.api.models import EarnRule
from app.components.context import use_i18n, use_screen
from app.components.feedback import when_loaded
from app.components.icons import EARN_ICONS
from app.components.layout import SectionCard
from app.components.pill import Pill
from app.components.share import ShareButton
from app.i18n import Translator
from app.state import EarnState
from app.views.earn_forms import ReviewForm, SurveyForm

RULE_ICONS: dict[str, ft.IconData] = {**EARN_ICONS, "double_star_day": ft.Icons.AUTO_AWESOME_OUTLINED}


@ft.component
def EarnScreen() -> ft.Control:
    state = use_screen(EarnState)
    t = use_i18n()
    return when_loaded(state, t._("Loading ways to earn"), t._("Ways to earn could not load"), lambda: _rules(t, state))


def _rules(t: Translator, state: EarnState) -> list[ft.Control]:
    controls: list[ft.Control] = []
    for rule in state.program.earn_rules if state.program else []:
        controls.append(RuleCard(rule, _extra(t, state, rule), key=rule.kind))
        if rule.kind == "review":
            controls.append(ReviewForm(state))
        elif rule.kind == "survey" and state.survey is not None:
            controls.append(SurveyForm(state))
        elif rule.kind == "referral":
            controls.append(ReferralCard(state))
    return controls


def _extra(t: Translator, state: EarnState, rule: EarnRule) -> str | None:
    """What the program says about this rule for this member (their tier's earn rate, for purchases)."""
    if rule.kind == "purchase" and state.profile is not None and state.earn_rate is not None:
        # Translators: {tier} is the tier's name (a brand name); {rate} the earn multiplier, e.g. "1.5" in "x1.5".
        return t._("Your rate as a {tier} member: x{rate}", tier=state.profile.tier, rate=state.earn_rate)
    if rule.kind == "birthday" and state.profile is not None and state.profile.birthday is None:
        return t._("Add your birthday in Profile to get it.")
    return None


@ft.component
def RuleCard(rule: EarnRule, extra: str | None = None) -> ft.Control:
    t = use_i18n()
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(RULE_ICONS.get(rule.kind, ft.Icons.STARS_ROUNDED), color=ft.Colors.PRIMARY),
                ft.Text(rule.title, weight=ft.FontWeight.W_600, size=16, expand=True),
                *([Pill(t.signed_stars(rule.stars), ft.Icons.STARS_ROUNDED)] if rule.stars else []),
            ],
            spacing=10,
        ),
        ft.Text(rule.description, size=13),
    ]
    if rule.limit:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.REPEAT, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(rule.limit, size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=6,
            )
        )
    if extra:
        lines.append(ft.Text(extra, size=13, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY))
    return SectionCard(ft.Column(lines, spacing=6), padding=14)


@ft.component
def ReferralCard(state: EarnState) -> ft.Control:
    t = use_i18n()
    referral = state.referral
    if referral is None:
        return ft.Container()
    rows: list[ft.Control] = [
        ft.Text(t._("Your referral code"), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Text(referral.code, size=24, weight=ft.FontWeight.BOLD),
        ft.Text(referral.share_text, size=13),
        ft.Text(
            # Translators: friends who joined with the member's referral code; {n} of them bought already.
            t.n_(
                "{n} joined and bought, {pending} still to make a first purchase",
                "{n} joined and bought, {pending} still to make a first purchase",
                referral.completed,
                pending=referral.pending,
            ),
            size=12,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        ft.FilledTonalButton(
            t._("Copy referral code"),
            icon=ft.Icons.CHECK if state.copied else ft.Icons.CONTENT_COPY,
            # The browser copies inside the tap itself (Safari allows it only then); the click then confirms.
            action=ft.CopyToClipboard(referral.code),
            on_click=state.referral_copied,
        ),
    ]
    rows.append(
        ShareButton(
            t._("Share referral link"),
            referral.share_text,
            lambda how: state.record_share("referral", how),
            state.sharing,
        )
    )
    if state.copied:
        rows.append(ft.Text(t._("Copied to the clipboard."), color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600))
    return SectionCard(ft.Column(rows, spacing=8), bgcolor=ft.Colors.SECONDARY_CONTAINER)
