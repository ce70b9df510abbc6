"""Gift (a section of the Friends screen): choose a friend, an amount and a message, review, send. The rules (from
the API) are shown first, and every refusal appears next to its field.
"""

from __future__ import annotations

import flet as ft

from app.api.models import GiftAllowance
from app.components.context import use_i18n, use_observed
from app.components.feedback import Announced, InlineError
from app.components.layout import Heading, SectionCard, SectionHeader
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state import FriendsState, GiftState
from app.views.friends_layout import section_loaded


@ft.component
def GiftSection(screen: FriendsState) -> ft.Control:
    gift = use_observed(screen.section(GiftState))
    t = use_i18n()
    return section_loaded(gift, "Loading gifting", lambda: [SectionHeader("Send a gift"), *_content(gift, t)])


def _content(gift: GiftState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if gift.allowance is not None:
        controls.append(RulesCard(gift.allowance))
    if gift.step == "sent":
        controls.append(_sent(gift, t))
    elif gift.step == "review":
        controls.append(_review(gift))
    else:
        controls.append(_form(gift))
    return controls


@ft.component
def RulesCard(rules: GiftAllowance) -> ft.Control:
    t = use_i18n()

    def rule(icon: ft.IconData, text: str) -> ft.Control:
        return ft.Row(
            [ft.Icon(icon, size=18, color=ft.Colors.PRIMARY), ft.Text(text, size=13, expand=True)],
            spacing=8,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )

    return SectionCard(
        ft.Column(
            [
                Heading("How gifting works", theme_style=None),
                rule(
                    ft.Icons.PEOPLE_OUTLINE,
                    "Gifts go to friends: members who accepted your friend request, or whose request you accepted.",
                ),
                rule(
                    ft.Icons.STARS_OUTLINED,
                    f"From {t.stars(rules.min_per_gift)} to {rules.max_per_gift:,} Stars per gift, "
                    f"never more than your balance ({t.stars(rules.balance)}).",
                ),
                rule(
                    ft.Icons.TODAY_OUTLINED,
                    f"Up to {rules.daily_cap:,} Stars a day: {rules.remaining_today:,} left today.",
                ),
                rule(ft.Icons.CHECK_CIRCLE_OUTLINE, f"You can send up to {rules.max_now:,} Stars right now."),
                rule(
                    ft.Icons.CHAT_BUBBLE_OUTLINE, f"An optional message of up to {rules.message_max_chars} characters."
                ),
            ],
            spacing=8,
        )
    )


def _form(gift: GiftState) -> ft.Control:
    errors = gift.errors
    friend_picker: ft.Control
    if gift.friends:
        # A Dropdown's label does not reach the accessibility tree in Flet 1.0.5 web (it is a nameless button);
        # a Semantics container gives it its name, "Friend".
        chosen = gift.friend
        friend_picker = ft.Semantics(
            label="Friend",
            # Screen readers hear who is chosen and why the choice was refused (the drop-down's own texts are lost).
            value=chosen.name if chosen else "none chosen",
            container=True,
            expand=True,
            content=ft.Dropdown(
                label="Friend",
                value=gift.friend_id,
                options=[ft.DropdownOption(key=f.id, text=f.name) for f in gift.friends],
                on_select=lambda e: gift.set_friend(e.control.value),
                leading_icon=ft.Icons.PERSON_OUTLINE,
                expand=True,
            ),
        )
    else:
        friend_picker = ft.Text(
            "Add a friend below: once they accept, you can send them Stars.", color=ft.Colors.ON_SURFACE_VARIANT
        )
    limit = gift.allowance.message_max_chars if gift.allowance else None
    return SectionCard(
        ft.Column(
            [
                Heading("Send Stars", weight=None),
                ft.Row([friend_picker]),
                # The drop-down's own error text does not reach screen readers: the refusal is a text of its own.
                # (The fields below carry keys: this line appearing above them must not shift them by position.)
                *(
                    [
                        Announced(
                            ft.Container(
                                ft.Text(errors["friend"], color=ft.Colors.ERROR, size=12),
                                padding=ft.Padding.only(left=16),  # lined up with the other fields' errors
                            )
                        )
                    ]
                    if errors.get("friend")
                    else []
                ),
                TextInput(
                    gift.amount_text,
                    gift.texts_revision,
                    gift.set_amount,
                    key="amount",
                    label="Amount",
                    keyboard_type=ft.KeyboardType.NUMBER,
                    suffix="Stars",
                    error=errors.get("amount"),
                    error_max_lines=3,
                    helper=f"Up to {gift.allowance.max_now:,} right now" if gift.allowance else None,
                ),
                TextInput(
                    gift.message,
                    gift.texts_revision,
                    gift.set_message,
                    key="message",
                    label="Message",
                    multiline=True,
                    min_lines=1,
                    max_lines=3,
                    error=errors.get("message"),
                    error_max_lines=3,
                    helper=f"{gift.message_length}/{limit}" if limit else "Optional",
                ),
                ft.FilledButton("Review gift", icon=ft.Icons.ARROW_FORWARD, on_click=gift.review),
            ],
            spacing=14,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
    )


def _review(gift: GiftState) -> ft.Control:
    friend = gift.friend
    amount = gift.amount_text.strip()
    rows: list[ft.Control] = [
        Heading("Review your gift", weight=None),
        _fact("To", friend.name if friend else "?"),
        _fact("Amount", f"{amount} Stars"),
        _fact("Message", gift.message.strip() or "(no message)"),
        ft.Text("Stars you gift leave your balance right away.", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if gift.sending:
        rows.append(ft.ProgressBar(semantics_label="Sending gift"))
    if gift.send_error:
        rows.append(InlineError(gift.send_error))
    rows.append(
        ft.Row(
            [
                ft.OutlinedButton("Edit", icon=ft.Icons.EDIT_OUTLINED, on_click=gift.edit, disabled=gift.sending),
                ft.FilledButton("Send gift", icon=ft.Icons.SEND, on_click=gift.send, disabled=gift.sending),
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    )
    return SectionCard(ft.Column(rows, spacing=12), bgcolor=ft.Colors.SECONDARY_CONTAINER)


def _fact(name: str, value: str) -> ft.Control:
    return ft.Row(
        [
            ft.Text(name, width=80, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Text(value, weight=ft.FontWeight.W_600, expand=True),
        ]
    )


def _sent(gift: GiftState, t: Translator) -> ft.Control:
    sent = gift.last_gift
    text = f"You sent {t.stars(sent.stars)} to {sent.to_name}." if sent else "Gift sent."
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=32),
                        ft.Text(text, size=16, expand=True),
                    ]
                ),
                ft.FilledTonalButton("Send another gift", on_click=gift.start_over),
            ],
            spacing=12,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
    )
