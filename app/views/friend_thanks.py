"""Thank-yous (a section of the Friends screen): thank a friend for a gift (a sticker, a short message or both,
once per gift), and read the thank-yous friends sent for the member's gifts."""

from __future__ import annotations

import flet as ft

from app.api.models import GiftToThank, ThankYou
from app.components.layout import SectionCard
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state import ThanksState


def content(state: ThanksState, t: Translator) -> list[ft.Control]:
    rows: list[ft.Control] = []
    thanks = state.thanks
    if thanks is None:
        return rows
    for gift in thanks.to_thank:
        rows.append(_to_thank(state, gift, t))
    for received in thanks.received:
        rows.append(_received(received, t))
    if not thanks.to_thank and not thanks.received:
        rows.append(ft.Text(t._("Thank-yous for your gifts appear here."), color=ft.Colors.ON_SURFACE_VARIANT))
    return rows


def _said(thank_you: ThankYou) -> str:
    return " ".join(
        part for part in (thank_you.sticker.emoji if thank_you.sticker else None, thank_you.message) if part
    )


def _received(thank_you: ThankYou, t: Translator) -> ft.Control:
    return SectionCard(
        ft.Column(
            [
                ft.Text(
                    t._("{name} thanks you for {stars}", name=thank_you.from_name, stars=t.stars(thank_you.stars)),
                    weight=ft.FontWeight.W_600,
                ),
                ft.Text(_said(thank_you), size=18),
            ],
            spacing=4,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        padding=12,
    )


def _to_thank(state: ThanksState, gift: GiftToThank, t: Translator) -> ft.Control:
    stars, name = t.stars(gift.stars), gift.from_name
    if gift.message:
        # Translators: {message} is what the friend wrote with the gift.
        said = t._("{name} sent you {stars}: {message}", name=name, stars=stars, message=gift.message)
    else:
        said = t._("{name} sent you {stars}", name=name, stars=stars)
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.CARD_GIFTCARD, color=ft.Colors.PRIMARY),
                ft.Text(said, expand=True),
            ],
            spacing=12,
        )
    ]
    if state.composing == gift.gift_id:
        lines.append(_composer(state, t))
    else:
        lines.append(
            ft.Row(
                [
                    ft.TextButton(
                        t._("Send a thank-you"),
                        icon=ft.Icons.FAVORITE_BORDER,
                        on_click=lambda: state.compose(gift.gift_id),
                    )
                ],
                alignment=ft.MainAxisAlignment.END,
            )
        )
    return SectionCard(ft.Column(lines, spacing=8), padding=12)


def _composer(state: ThanksState, t: Translator) -> ft.Control:
    stickers = state.thanks.stickers if state.thanks else []
    limit = state.thanks.message_max_chars if state.thanks else None

    def sticker_button(sticker_id: str, emoji: str, name: str) -> ft.Control:
        chosen = state.sticker == sticker_id
        content = ft.Text(emoji, size=24, semantics_label=name)
        kind = ft.FilledTonalButton if chosen else ft.OutlinedButton
        return ft.Semantics(
            selected=chosen,
            container=True,
            content=kind(
                content=content,
                on_click=lambda: state.set_sticker(sticker_id),
                style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=12, vertical=6)),
            ),  # type: ignore[arg-type]
        )

    return ft.Column(
        [
            ft.Text(t._("Choose a sticker, write a line, or both"), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Row([sticker_button(s.id, s.emoji, s.name) for s in stickers], wrap=True, spacing=8),
            TextInput(
                state.message,
                state.texts_revision,
                state.set_message,
                label=t._("Thank-you message"),
                helper=t._("{used}/{limit}", used=len(state.message), limit=limit) if limit else t._("Optional"),
                error=state.error,
                error_max_lines=3,
            ),
            ft.Row(
                [
                    ft.OutlinedButton(t._("Cancel"), on_click=state.close, disabled=state.sending),
                    ft.FilledButton(
                        t._("Send thank-you"), icon=ft.Icons.SEND, on_click=state.send, disabled=state.sending
                    ),
                ],
                alignment=ft.MainAxisAlignment.END,
            ),
        ],
        spacing=10,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
