"""Gift someone new (a section of Friends): Stars to a phone number or email, held for them as a claim code; the
code and link to share, the demo outbox's text message, and what became of earlier gifts.

To place it in the Friends screen: `NewcomerGiftState` in `FriendsState.SECTIONS` and
`lambda friends: NewcomerGiftSection(friends.section(NewcomerGiftState))` in `app/views/friends.py: SECTIONS`.
"""

from __future__ import annotations

import flet as ft

from app.api.models import HeldGift
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed
from app.components.forms import FormCard, SubmitButton
from app.components.layout import SectionCard
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state.newcomer_gift import NewcomerGiftState
from app.views.social_sections import section

STATUS = {"held": "waiting to be claimed", "claimed": "claimed", "returned": "came back to you"}


@ft.component
def NewcomerGiftSection(state: NewcomerGiftState) -> ft.Control:
    gift = use_observed(state)
    t = use_i18n()
    refresh = IconAction(ft.Icons.REFRESH, "Reload Gift someone new", gift.refresh)
    return section("Gift someone new", gift, "Loading your gifts", lambda: _content(gift, t), refresh)


def _content(gift: NewcomerGiftState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.Text(
            f"Not a member yet? Send Stars to their phone or email. They join with the code; unclaimed after "
            f"{gift.claim_days} days, the Stars come back to you.",
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        FormCard(
            [
                TextInput(gift.contact, gift.texts_revision, gift.set_contact, label="Phone or email",
                          error=gift.errors.get("contact"), keyboard_type=ft.KeyboardType.EMAIL),
                TextInput(gift.amount_text, gift.texts_revision, gift.set_amount, label="Stars for them",
                          error=gift.errors.get("amount"), keyboard_type=ft.KeyboardType.NUMBER, suffix="Stars"),
                TextInput(gift.message, gift.texts_revision, gift.set_message, label="Note for them",
                          error=gift.errors.get("message"), helper="Optional"),
                SubmitButton("Send to someone new", "Sending...", ft.Icons.SEND, gift.send, gift.sending),
            ],
            error=gift.send_error,
        ),
    ]
    if gift.last is not None:
        controls.append(_share(gift.last, gift, t))
    if gift.sent:
        controls.append(
            SectionCard(
                ft.Column(
                    [
                        ft.Text(
                            f"{t.stars(g.stars)} to {g.contact}: {STATUS[g.status]}"
                            + (f" by {g.claimed_by_name}" if g.claimed_by_name else ""),
                            size=13,
                        )
                        for g in gift.sent[:5]
                    ],
                    spacing=6,
                )
            )
        )
    return controls


def _share(held: HeldGift, gift: NewcomerGiftState, t: Translator) -> ft.Control:
    rows: list[ft.Control] = [
        ft.Text(f"{t.stars(held.stars)} are held for {held.contact}.", weight=ft.FontWeight.W_600),
        ft.Text("Share the code or the link:", size=13),
        ft.Semantics(label=f"Claim code {held.claim_code}", container=True, exclude_semantics=True,
                     content=ft.Text(held.claim_code, size=22, weight=ft.FontWeight.BOLD),
        ),
        ft.Text(held.claim_path, size=13),
        ft.Text(f"Claim by {t.date(held.claim_until.date())}.", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    message = next((m for m in gift.outbox if held.claim_code in m.body), None)
    if message is not None:
        rows += [
            ft.Text("Demo outbox: the text message sent", weight=ft.FontWeight.W_600, size=13),
            ft.Container(
                ft.Text(f"To {message.to}: {message.body}", size=13),
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                border_radius=12,
                padding=10,
            ),
        ]
    return SectionCard(ft.Column(rows, spacing=8), bgcolor=ft.Colors.PRIMARY_CONTAINER)
