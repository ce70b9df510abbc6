"""Claim a gift: the Stars a member sent to someone who was not a member yet ("Gift someone new").

The text message links to `/join?claim=CODE`: joining keeps the code, the tour comes first, then this screen opens
with the code filled in (`/claim?code=CODE`) and one tap claims it. A member may also type the code. Whether the
gift can be claimed (already claimed, gone back, joined before it was sent) is the API's to say, next to the field.
"""

from __future__ import annotations

import flet as ft

from app.components.context import use_i18n, use_screen
from app.components.forms import FormCard, SubmitButton
from app.components.layout import ScreenBody, SectionCard
from app.components.text_input import TextInput
from app.state.newcomer_gift import ClaimForm
from app.views.paths import code_in_route


@ft.component
def ClaimGiftScreen() -> ft.Control:
    form = use_screen(ClaimForm)
    t = use_i18n()
    page = ft.context.page

    def take_code_from_link() -> None:
        form.came_with(code_in_route(page.route, "code"))

    ft.use_effect(take_code_from_link, [])

    claimed = form.claimed
    if claimed is not None:
        lines: list[ft.Control] = [
            ft.Icon(ft.Icons.CARD_GIFTCARD, size=40, color=ft.Colors.PRIMARY),
            ft.Text(
                t._("{name}'s gift is yours: {stars}.", name=claimed.from_name, stars=t.stars(claimed.stars)),
                size=20,
                weight=ft.FontWeight.W_600,
            ),
        ]
        if claimed.message:
            # Translators: the giver's own note, in quotation marks.
            lines.append(ft.Text(t._("\u201c{message}\u201d", message=claimed.message), italic=True))
        lines += [
            ft.Text(t._("Your balance is now {stars}.", stars=t.stars(claimed.balance_after))),
            ft.FilledButton(t._("See my Stars"), on_click=lambda: page.navigate("/")),
        ]
        return ScreenBody([SectionCard(ft.Column(lines, spacing=10))])

    return ScreenBody(
        [
            ft.Text(
                t._(
                    "Someone sent you Stars before you joined. Enter the claim code from their message, and the "
                    "Stars are yours."
                ),
            ),
            FormCard(
                [
                    TextInput(
                        form.code,
                        form.texts_revision,
                        form.set_code,
                        label=t._("Claim code"),
                        error=form.error,
                        capitalization=ft.TextCapitalization.CHARACTERS,
                        on_submit=form.claim,
                    ),
                    SubmitButton(
                        t._("Claim my gift"), t._("Claiming..."), ft.Icons.CARD_GIFTCARD, form.claim, form.claiming
                    ),
                ]
            ),
        ]
    )
