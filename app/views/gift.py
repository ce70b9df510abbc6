"""Gift (a section of the Friends screen): choose a friend, an amount and a message, review, send. The rules (from
the API) are shown first, and every refusal appears next to its field.
"""

from __future__ import annotations

import flet as ft

from app.api.models import GiftAllowance
from app.components.context import use_i18n
from app.components.feedback import Announced, InlineError
from app.components.layout import Heading, SectionCard
from app.components.text_input import StarsInput, TextInput
from app.i18n import Translator
from app.state import GiftState
from app.views.friends_layout import friend_picker


def content(gift: GiftState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if gift.allowance is not None:
        controls.append(RulesCard(gift.allowance))
    if gift.step == "sent":
        controls.append(_sent(gift, t))
    elif gift.step == "review":
        controls.append(_review(gift, t))
    else:
        controls.append(_form(gift, t))
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
                Heading(t._("How gifting works"), theme_style=None),
                rule(
                    ft.Icons.PEOPLE_OUTLINE,
                    t._(
                        "Gifts go to friends: members who accepted your friend request, or whose request you "
                        "accepted."
                    ),
                ),
                rule(
                    ft.Icons.STARS_OUTLINED,
                    # Translators: {least} is "1 Star", {balance} "189 Stars" (already in your language).
                    t.n_(
                        "From {least} to {n} Star per gift, never more than your balance ({balance}).",
                        "From {least} to {n} Stars per gift, never more than your balance ({balance}).",
                        rules.max_per_gift,
                        least=t.stars(rules.min_per_gift),
                        balance=t.stars(rules.balance),
                    ),
                ),
                rule(
                    ft.Icons.TODAY_OUTLINED,
                    # Translators: {left} is a number of Stars (the plural follows {n}, the daily limit).
                    t.n_(
                        "Up to {n} Star a day: {left} left today.",
                        "Up to {n} Stars a day: {left} left today.",
                        rules.daily_cap,
                        left=rules.remaining_today,
                    ),
                ),
                rule(
                    ft.Icons.CHECK_CIRCLE_OUTLINE,
                    t.n_(
                        "You can send up to {n} Star right now.",
                        "You can send up to {n} Stars right now.",
                        rules.max_now,
                    ),
                ),
                rule(
                    ft.Icons.CHAT_BUBBLE_OUTLINE,
                    t.n_(
                        "An optional message of up to {n} character.",
                        "An optional message of up to {n} characters.",
                        rules.message_max_chars,
                    ),
                ),
            ],
            spacing=8,
        )
    )


def _form(gift: GiftState, t: Translator) -> ft.Control:
    errors = gift.errors
    friend_row: ft.Control
    if gift.friends:
        friend_row = friend_picker(t._("Friend"), t._("none chosen"), gift.friends, gift.friend_id, gift.set_friend)
    else:
        friend_row = ft.Text(
            t._("Add a friend below: once they accept, you can send them Stars."), color=ft.Colors.ON_SURFACE_VARIANT
        )
    limit = gift.allowance.message_max_chars if gift.allowance else None
    max_now = t.n_("Up to {n} right now", "Up to {n} right now", gift.allowance.max_now) if gift.allowance else None
    return SectionCard(
        ft.Column(
            [
                Heading(t._("Send Stars"), weight=None),
                friend_row,
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
                StarsInput(
                    gift.amount_text, gift.texts_revision, gift.set_amount, t._("Amount"),
                    key="amount", error=errors.get("amount"), helper=max_now,
                ),
                TextInput(
                    gift.message, gift.texts_revision, gift.set_message,
                    key="message",
                    label=t._("Message"),
                    multiline=True,
                    min_lines=1,
                    max_lines=3,
                    error=errors.get("message"),
                    error_max_lines=3,
                    # Translators: a character count, "12/140".
                    helper=t._("{used}/{limit}", used=gift.message_length, limit=limit) if limit else t._("Optional"),
                ),
                ft.FilledButton(t._("Review gift"), icon=ft.Icons.ARROW_FORWARD, on_click=gift.review),
            ],
            spacing=14,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
    )


def _review(gift: GiftState, t: Translator) -> ft.Control:
    friend = gift.friend
    amount = gift.amount_to_send
    rows: list[ft.Control] = [
        Heading(t._("Review your gift"), weight=None),
        _fact(t._("To"), friend.name if friend else "?"),
        _fact(t._("Amount"), t.stars(amount) if amount is not None else gift.amount_text.strip()),
        _fact(t._("Message"), gift.message.strip() or t._("(no message)")),
        ft.Text(t._("Stars you gift leave your balance right away."), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if gift.sending:
        rows.append(ft.ProgressBar(semantics_label=t._("Sending gift")))
    if gift.send_error:
        rows.append(InlineError(gift.send_error))
    rows.append(
        ft.Row(
            [
                ft.OutlinedButton(
                    t._("Edit"), icon=ft.Icons.EDIT_OUTLINED, on_click=gift.edit, disabled=gift.sending
                ),
                ft.FilledButton(t._("Send gift"), icon=ft.Icons.SEND, on_click=gift.send, disabled=gift.sending),
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
    if sent:
        text = t._("You sent {stars} to {name}.", stars=t.stars(sent.stars), name=sent.to_name)
    else:
        text = t._("Gift sent.")
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=32),
                        ft.Text(text, size=16, expand=True),
                    ]
                ),
                ft.FilledTonalButton(t._("Send another gift"), on_click=gift.start_over),
            ],
            spacing=12,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
    )
