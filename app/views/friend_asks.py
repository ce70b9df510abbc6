"""Ask for Stars (a section of the Friends screen): ask a friend for Stars with a note; accept (a gift, after a
confirmation) or decline a friend's ask; see how the member's own asks were answered."""

from __future__ import annotations

import flet as ft

from app.api.models import StarAsk
from app.components.context import use_i18n, use_observed
from app.components.feedback import InlineError
from app.components.layout import SectionCard, SectionHeader
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state import AsksState, FriendsState
from app.views.friends_layout import section_loaded, tap

_OUTCOME = {
    "open": "waiting for an answer",
    "accepted": "sent",
    "declined": "declined",
    "expired": "expired",
}


@ft.component
def AsksSection(screen: FriendsState) -> ft.Control:
    asks = use_observed(screen.section(AsksState))
    t = use_i18n()
    return section_loaded(asks, "Loading asks", lambda: _content(asks, t))


def _content(asks: AsksState, t: Translator) -> list[ft.Control]:
    rows: list[ft.Control] = [SectionHeader("Asks")]
    if asks.answer_error:
        rows.append(InlineError(asks.answer_error))
    for ask in asks.incoming:
        rows.append(_incoming(asks, ask, t))
    for ask in asks.outgoing:
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.OUTBOX_OUTLINED, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(f"You asked {ask.to_name} for {t.stars(ask.stars)}: {_OUTCOME[ask.status]}", expand=True),
                ],
                spacing=12,
            )
        )
    rows.append(_form(asks))
    return rows


def _incoming(asks: AsksState, ask: StarAsk, t: Translator) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Text(f"{ask.from_name} asks for {t.stars(ask.stars)}", weight=ft.FontWeight.W_600, expand=True),
            ],
            spacing=12,
        )
    ]
    if ask.note:
        lines.append(ft.Text(ask.note))
    lines.append(ft.Text(f"Open until {t.date(ask.expires_at)}", size=13, color=ft.Colors.ON_SURFACE_VARIANT))
    if asks.confirming == ask.id:
        lines.append(ft.Text(f"Send {t.stars(ask.stars)} to {ask.from_name}? They leave your balance right away."))
        if asks.answering:
            lines.append(ft.ProgressBar(semantics_label="Sending Stars"))
        buttons = [
            ft.OutlinedButton("Not now", on_click=asks.back_out, disabled=asks.answering),
            ft.FilledButton(
                f"Send {t.stars(ask.stars)}", icon=ft.Icons.SEND, on_click=asks.accept, disabled=asks.answering
            ),
        ]
    else:
        buttons = [
            ft.OutlinedButton("Decline", on_click=tap(asks.decline, ask.id), disabled=asks.answering),
            ft.FilledButton(
                "Accept", icon=ft.Icons.CHECK, on_click=lambda: asks.confirm(ask.id), disabled=asks.answering
            ),
        ]
    lines.append(ft.Row(buttons, alignment=ft.MainAxisAlignment.END))
    return SectionCard(ft.Column(lines, spacing=8), bgcolor=ft.Colors.SECONDARY_CONTAINER, padding=12)


def _form(asks: AsksState) -> ft.Control:
    errors = asks.errors
    controls: list[ft.Control] = [ft.Text("Ask a friend for Stars", weight=ft.FontWeight.W_600)]
    if not asks.friends:
        controls.append(
            ft.Text("Once a friend accepts your request, you can ask them.", color=ft.Colors.ON_SURFACE_VARIANT)
        )
        return SectionCard(ft.Column(controls, spacing=10), padding=14)
    chosen = next((f for f in asks.friends if f.id == asks.friend_id), None)
    controls.append(
        ft.Semantics(
            label="Friend to ask",
            value=chosen.name if chosen else "none chosen",
            container=True,
            content=ft.Dropdown(
                label="Friend to ask",
                value=asks.friend_id,
                options=[ft.DropdownOption(key=f.id, text=f.name) for f in asks.friends],
                on_select=lambda e: asks.set_friend(e.control.value),
                leading_icon=ft.Icons.PERSON_OUTLINE,
                expand=True,
            ),
        )
    )
    if errors.get("friend"):
        controls.append(ft.Text(errors["friend"], color=ft.Colors.ERROR, size=12))
    controls += [
        TextInput(
            asks.amount_text,
            asks.texts_revision,
            asks.set_amount,
            label="Stars to ask for",
            keyboard_type=ft.KeyboardType.NUMBER,
            suffix="Stars",
            error=errors.get("amount"),
            error_max_lines=3,
        ),
        TextInput(
            asks.note,
            asks.texts_revision,
            asks.set_note,
            label="Note",
            helper="Optional: what the Stars are for",
            error=errors.get("note"),
            error_max_lines=3,
        ),
        ft.FilledTonalButton(
            "Ask for Stars", icon=ft.Icons.FRONT_HAND_OUTLINED, on_click=asks.ask, disabled=asks.asking
        ),
    ]
    return SectionCard(ft.Column(controls, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), padding=14)
