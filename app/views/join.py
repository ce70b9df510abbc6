"""Join Starboard: name, email, password, an optional referral code and birthday; then the emailed 6-digit code.
Outside the signed-in shell, like sign-in. A new member goes to the first-run tour, then Home."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.components.layout import SectionCard
from app.components.welcome import Heading, OutsideShell
from app.i18n import Translator
from app.state.join import JoinForm
from app.views.account_forms import (
    code_step,
    form_email,
    form_field,
    form_foot,
    submit_button,
    use_account_form,
    use_password_reveal,
)
from app.views.paths import SIGN_IN_PATH, TOUR_PATH, code_in_route


@ft.component
def JoinScreen() -> ft.Control:
    session, form, t = use_account_form(lambda s: s.join)
    page = ft.context.page
    password = use_password_reveal(t)

    async def load() -> None:
        await form.load_program()

    def go_on_when_joined() -> None:
        if session.auth == "signed_in":
            page.navigate(TOUR_PATH if session.tour_pending else session.return_to)

    def take_claim_from_link() -> None:
        form.came_with_claim(code_in_route(page.route, "claim"))  # a gift's text message: /join?claim=CODE

    ft.use_effect(load, [])
    ft.use_effect(take_claim_from_link, [])
    ft.use_effect(go_on_when_joined, [session.auth])

    if form.step == "code":
        body = _code_step(t, form)
    else:
        bonus = form.welcome_bonus
        subtitle = (
            t._("Join and get {stars} to start, then earn Stars on every visit.", stars=t.stars(bonus))
            if bonus
            else t._("Earn Stars on every visit and spend them on rewards.")
        )
        body = [Heading(t._("Join Starboard"), subtitle), *_details(t, form, password)]
        if form.claim_code:
            body.insert(1, _gift_waiting(t, form.claim_code))
    back = t._("I already have an account")
    return OutsideShell([*body, *form_foot(t, form, back, lambda: page.navigate(SIGN_IN_PATH))])


def _details(t: Translator, form: JoinForm, password: tuple[bool, ft.Control]) -> list[ft.Control]:
    shown, reveal = password
    password_field: dict[str, Any] = {
        "password": not shown,
        "helper": t._("At least 8 characters"),
        "suffix_icon": reveal,
        "autofill_hints": ft.AutofillHint.NEW_PASSWORD,
    }
    birthday_field: dict[str, Any] = {"keyboard_type": ft.KeyboardType.DATETIME, "on_submit": form.submit_details}
    fields: list[tuple[str, str, ft.IconData, dict[str, Any]]] = [
        ("name", t._("Name"), ft.Icons.PERSON_OUTLINE, {"autofill_hints": ft.AutofillHint.NAME}),
        ("password", t._("Password"), ft.Icons.LOCK_OUTLINE, password_field),
        ("referral_code", t._("Referral code (optional)"), ft.Icons.CARD_GIFTCARD_OUTLINED, {}),
        ("birthday", t._("Birthday (optional, YYYY-MM-DD)"), ft.Icons.CAKE_OUTLINED, birthday_field),
    ]
    controls = [form_field(form, name, label, prefix_icon=icon, **more) for name, label, icon, more in fields]
    controls.insert(1, form_email(t, form))
    return [*controls, submit_button(t._("Join Starboard"), t._("Sending..."), form.submit_details, form.busy)]


def _code_step(t: Translator, form: JoinForm) -> list[ft.Control]:
    return code_step(
        t,
        form,
        t._("Check your email"),
        submit_button(t._("Confirm and join"), t._("Confirming..."), form.submit_code, form.busy),
        ft.Row(
            [
                ft.TextButton(t._("Send a new code"), on_click=form.send_again, disabled=form.busy),
                ft.TextButton(t._("Change details"), on_click=form.change_details, disabled=form.busy),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
        on_submit=form.submit_code,
    )


def _gift_waiting(t: Translator, code: str) -> ft.Control:
    return SectionCard(
        ft.Row(
            [
                ft.Icon(ft.Icons.CARD_GIFTCARD, color=ft.Colors.PRIMARY),
                ft.Text(
                    t._("Someone sent you Stars. Join, and they are yours right after (claim code {code}).", code=code),
                    expand=True,
                ),
            ],
            spacing=12,
        )
    )
