"""Member card: the in-store QR code with the member number, name, tier and balance; works offline from the copy
kept on the device, with an offline notice and Retry."""

from __future__ import annotations

import flet as ft

from app.api.models import MemberCard
from app.components.context import use_i18n, use_screen
from app.components.feedback import Action, InlineError, when_loaded
from app.components.layout import SectionCard
from app.components.qr import QrImage
from app.i18n import Translator
from app.state import CardState


@ft.component
def CardScreen() -> ft.Control:
    state = use_screen(CardState)
    t = use_i18n()
    return when_loaded(
        state,
        t._("Loading your card"),
        t._("Your card could not load"),
        lambda: _card(state, t),
        show_reload_error=False,
    )


def _card(state: CardState, t: Translator) -> list[ft.Control]:
    card = state.card
    if card is None:
        return []
    controls: list[ft.Control] = []
    if state.offline:
        controls.append(OfflineNotice(state.refreshing, state.refresh))
    elif state.error:
        controls.append(InlineError(state.error, on_retry=state.refresh))
    controls.append(MemberCardFace(card))
    controls.append(
        SectionCard(
            ft.Column(
                [
                    ft.Container(width=float("inf")),  # the card spans the column, the QR code sits in its middle
                    QrImage(card.qr_payload, t._("Member QR code"), size=220),
                    ft.Text(t._("Scan at the counter to collect Stars"), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=8,
            )
        )
    )
    # Translators: {stars} is "1,430 Stars"; {moment} a date and time; both are already in your language.
    balance = (
        t._("Balance {stars} as of {moment}", stars=t.stars(card.balance), moment=t.date_time(card.as_of))
        if state.offline
        else t._("Balance {stars}", stars=t.stars(card.balance))
    )
    controls.append(
        SectionCard(
            ft.Row(
                [
                    ft.Icon(ft.Icons.STARS_ROUNDED, color=ft.Colors.PRIMARY),
                    ft.Text(
                        balance,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                    ),
                ],
                spacing=10,
            ),
            padding=14,
        )
    )
    return controls


@ft.component
def OfflineNotice(retrying: bool, on_retry: Action) -> ft.Control:
    t = use_i18n()
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_OFF_ROUNDED, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(
                    t._("You're offline. This is your saved card: its QR code still works in store."),
                    color=ft.Colors.ON_TERTIARY_CONTAINER,
                    expand=True,
                ),
                ft.TextButton(t._("Retry"), on_click=on_retry, disabled=retrying),
            ],
            spacing=10,
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=12, vertical=8),
    )


CARD_GRADIENTS = {
    "Green": ("#2E7D32", "#1B5E20"),
    "Gold": ("#9A6B00", "#6B4A00"),
    "Reserve": ("#3949AB", "#1A237E"),
}
"""Dark enough that white text reads at 4.5:1 or more across the whole card, in light and dark mode."""


@ft.component
def MemberCardFace(card: MemberCard) -> ft.Control:
    t = use_i18n()
    color, darker = CARD_GRADIENTS.get(card.tier, ("#00695C", "#004D40"))
    number = " ".join(card.member_number[i : i + 4] for i in range(0, len(card.member_number), 4))
    return ft.Container(
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Text("Starboard", size=18, weight=ft.FontWeight.BOLD, color=ft.Colors.WHITE),
                        ft.Container(
                            # Translators: {tier} is a tier's name (Green, Gold, Reserve: brand names).
                            content=ft.Text(
                                t._("{tier} member", tier=card.tier), size=13, color=color, weight=ft.FontWeight.W_600
                            ),
                            bgcolor=ft.Colors.WHITE,
                            border_radius=12,
                            padding=ft.Padding.symmetric(horizontal=10, vertical=3),
                        ),
                    ],
                    alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                ),
                ft.Text(card.name, size=22, weight=ft.FontWeight.W_600, color=ft.Colors.WHITE),
                # Read in the groups printed on the card ("1234 5678 9012 3456"), not as one 16-digit number.
                ft.Semantics(
                    label=t._("Member number {number}", number=number),
                    exclude_semantics=True,
                    content=ft.Text(number, size=16, color=ft.Colors.WHITE, font_family="monospace"),
                ),
            ],
            spacing=10,
        ),
        gradient=ft.LinearGradient(
            begin=ft.Alignment.TOP_LEFT,
            end=ft.Alignment.BOTTOM_RIGHT,
            colors=[color, darker],
        ),
        border_radius=20,
        padding=20,
    )
