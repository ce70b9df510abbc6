"""Ask for Stars (a section of the Friends screen): ask a friend for Stars with a note; accept (a gift, after a
confirmation) or decline a friend's ask; see how the member's own asks were answered."""

from __future__ import annotations

import flet as ft

from app.api.models import StarAsk
from app.components.feedback import InlineError
from app.components.layout import SectionCard
from app.components.text_input import StarsInput, TextInput
from app.i18n import Translator
from app.state import AsksState
from app.views.friends_layout import friend_picker, tap


def _outcome(ask: StarAsk, t: Translator) -> str:
    """One of the member's own asks, as it stands."""
    status = {
        "open": t.p_("ask", "waiting for an answer"),
        "accepted": t.p_("ask", "sent"),
        "declined": t.p_("ask", "declined"),
        "expired": t.p_("ask", "expired"),
    }[ask.status]
    # Translators: {status} is how the ask stands: "sent", "declined", "expired" or "waiting for an answer".
    return t._("You asked {name} for {stars}: {status}", name=ask.to_name, stars=t.stars(ask.stars), status=status)


def content(asks: AsksState, t: Translator) -> list[ft.Control]:
    rows: list[ft.Control] = [InlineError(asks.answer_error)] if asks.answer_error else []
    rows += [_incoming(asks, ask, t) for ask in asks.incoming]
    rows += [_outgoing(ask, t) for ask in asks.outgoing]
    rows.append(_form(asks, t))
    return rows


def _outgoing(ask: StarAsk, t: Translator) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.OUTBOX_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Text(_outcome(ask, t), expand=True),
        ],
        spacing=12,
    )


def _incoming(asks: AsksState, ask: StarAsk, t: Translator) -> ft.Control:
    stars = t.stars(ask.stars)
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Text(
                    t._("{name} asks for {stars}", name=ask.from_name, stars=stars),
                    weight=ft.FontWeight.W_600,
                    expand=True,
                ),
            ],
            spacing=12,
        )
    ]
    if ask.note:
        lines.append(ft.Text(ask.note))
    lines.append(
        ft.Text(t._("Open until {date}", date=t.date(ask.expires_at)), size=13, color=ft.Colors.ON_SURFACE_VARIANT)
    )
    if asks.confirming == ask.id:
        lines.append(
            ft.Text(
                t._("Send {stars} to {name}? They leave your balance right away.", stars=stars, name=ask.from_name)
            )
        )
        if asks.answering:
            lines.append(ft.ProgressBar(semantics_label=t._("Sending Stars")))
        buttons = [
            ft.OutlinedButton(t._("Not now"), on_click=asks.back_out, disabled=asks.answering),
            ft.FilledButton(
                t._("Send {stars}", stars=stars), icon=ft.Icons.SEND, on_click=asks.accept, disabled=asks.answering
            ),
        ]
    else:
        buttons = [
            ft.OutlinedButton(t._("Decline"), on_click=tap(asks.decline, ask.id), disabled=asks.answering),
            ft.FilledButton(
                t._("Accept"), icon=ft.Icons.CHECK, on_click=lambda: asks.confirm(ask.id), disabled=asks.answering
            ),
        ]
    lines.append(ft.Row(buttons, alignment=ft.MainAxisAlignment.END))
    return SectionCard(ft.Column(lines, spacing=8), bgcolor=ft.Colors.SECONDARY_CONTAINER, padding=12)


def _form(asks: AsksState, t: Translator) -> ft.Control:
    errors = asks.errors
    controls: list[ft.Control] = [ft.Text(t._("Ask a friend for Stars"), weight=ft.FontWeight.W_600)]
    if not asks.friends:
        controls.append(
            ft.Text(t._("Once a friend accepts your request, you can ask them."), color=ft.Colors.ON_SURFACE_VARIANT)
        )
        return SectionCard(ft.Column(controls, spacing=10), padding=14)
    # Not the gift picker's "none chosen": each picker reads on its own (and the crowd tells them apart).
    controls.append(
        friend_picker(
            t._("Friend to ask"), t._("no friend chosen yet"), asks.friends, asks.friend_id, asks.set_friend
        )
    )
    if errors.get("friend"):
        controls.append(ft.Text(errors["friend"], color=ft.Colors.ERROR, size=12))
    controls += [
        StarsInput(
            asks.amount_text, asks.texts_revision, asks.set_amount, t._("Stars to ask for"), error=errors.get("amount")
        ),
        TextInput(
            asks.note,
            asks.texts_revision,
            asks.set_note,
            label=t._("Note"),
            helper=t._("Optional: what the Stars are for"),
            error=errors.get("note"),
            error_max_lines=3,
        ),
        ft.FilledTonalButton(
            t._("Ask for Stars"), icon=ft.Icons.FRONT_HAND_OUTLINED, on_click=asks.ask, disabled=asks.asking
        ),
    ]
    return SectionCard(ft.Column(controls, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=14)
