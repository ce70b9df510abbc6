"""Gift someone new (a section of Friends): Stars to a phone number or email, held for them as a claim code; the
code and link to share, the demo outbox's text message, and what became of earlier gifts."""

from __future__ import annotations

import flet as ft

from app.api.models import HeldGift
from app.components.forms import FormCard, SubmitButton
from app.components.layout import SectionCard
from app.components.text_input import StarsInput, TextInput
from app.i18n import Translator
from app.state.newcomer_gift import NewcomerGiftState


def _status(g: HeldGift, t: Translator) -> str:
    """What became of one gift held for someone new."""
    stars = t.stars(g.stars)
    if g.claimed_by_name:
        return t._("{stars} to {contact}: claimed by {name}", stars=stars, contact=g.contact, name=g.claimed_by_name)
    status = {
        "held": t.p_("held gift", "waiting to be claimed"),
        "claimed": t.p_("held gift", "claimed"),
        "returned": t.p_("held gift", "came back to you"),
    }[g.status]
    # Translators: {status} is what became of the gift: "waiting to be claimed", "claimed" or "came back to you".
    return t._("{stars} to {contact}: {status}", stars=stars, contact=g.contact, status=status)


def content(gift: NewcomerGiftState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.Text(
            t.n_(
                "Not a member yet? Send Stars to their phone or email. They join with the code; unclaimed after "
                "{n} day, the Stars come back to you.",
                "Not a member yet? Send Stars to their phone or email. They join with the code; unclaimed after "
                "{n} days, the Stars come back to you.",
                gift.claim_days,
            ),
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        FormCard(
            [
                TextInput(gift.contact, gift.texts_revision, gift.set_contact, label=t._("Phone or email"),
                          error=gift.errors.get("contact"), keyboard_type=ft.KeyboardType.EMAIL),
                StarsInput(gift.amount_text, gift.texts_revision, gift.set_amount, t._("Stars for them"),
                           error=gift.errors.get("amount")),
                TextInput(gift.message, gift.texts_revision, gift.set_message, label=t._("Note for them"),
                          error=gift.errors.get("message"), helper=t._("Optional")),
                SubmitButton(t._("Send to someone new"), t._("Sending..."), ft.Icons.SEND, gift.send, gift.sending),
            ],
            error=gift.send_error,
        ),
    ]
    if gift.last is not None:
        controls.append(_share(gift.last, gift, t))
    if gift.sent:
        controls.append(
            SectionCard(ft.Column([ft.Text(_status(g, t), size=13) for g in gift.sent[:5]], spacing=6))
        )
    return controls


def _share(held: HeldGift, gift: NewcomerGiftState, t: Translator) -> ft.Control:
    rows: list[ft.Control] = [
        ft.Text(
            # Translators: {stars} is "25 Stars"; the verb follows its number ("1 Star is held").
            t.n_("{stars} is held for {contact}.", "{stars} are held for {contact}.", held.stars,
                 stars=t.stars(held.stars), contact=held.contact),
            weight=ft.FontWeight.W_600,
        ),
        ft.Text(t._("Share the code or the link:"), size=13),
        ft.Semantics(label=t._("Claim code {code}", code=held.claim_code), container=True, exclude_semantics=True,
                     content=ft.Text(held.claim_code, size=22, weight=ft.FontWeight.BOLD),
        ),
        ft.Text(held.claim_path, size=13),
        ft.Text(t._("Claim by {date}.", date=t.date(held.claim_until)), size=13,
                color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    message = next((m for m in gift.outbox if held.claim_code in m.body), None)
    if message is not None:
        rows += [
            ft.Text(t._("Demo outbox: the text message sent"), weight=ft.FontWeight.W_600, size=13),
            ft.Container(
                ft.Text(t._("To {contact}: {message}", contact=message.to, message=message.body), size=13),
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                border_radius=12,
                padding=10,
            ),
        ]
    return SectionCard(ft.Column(rows, spacing=8), bgcolor=ft.Colors.PRIMARY_CONTAINER)
