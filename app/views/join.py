"""Join Starboard: name, email, password, an optional referral code and birthday; then the emailed 6-digit code.
Outside the signed-in shell, like sign-in. A new member goes to the first-run tour, then Home."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.components.context import use_i18n, use_observed, use_session
from app.components.welcome import Heading, OutsideShell
from app.i18n import Translator
from app.state.join import JoinForm
from app.views.account_forms import code_step, form_email, form_field, form_foot, password_reveal, submit_button
from app.views.paths import SIGN_IN_PATH, TOUR_PATH


@ft.component
def JoinScreen() -> ft.Control:
    session = use_session()
    form = use_observed(session.join)
    t = use_i18n()
    page = ft.context.page
    show_password, set_show_password = ft.use_state(False)

    async def load() -> None:
        await form.load_program()

    def go_on_when_joined() -> None:
        if session.auth == "signed_in":
            page.navigate(TOUR_PATH if session.tour_pending else session.return_to)

    ft.use_effect(load, [])
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
        body = [Heading(t._("Join Starboard"), subtitle), *_details(t, form, show_password, set_show_password)]
    back = t._("I already have an account")
    return OutsideShell([*body, *form_foot(t, form, back, lambda: page.navigate(SIGN_IN_PATH))])


def _details(
    t: Translator, form: JoinForm, show_password: bool, set_show_password: Callable[[bool], None]
) -> list[ft.Control]:
    return [
        form_field(form, "name", t._("Name"), autofill_hints=ft.AutofillHint.NAME, prefix_icon=ft.Icons.PERSON_OUTLINE),
        form_email(t, form),
        form_field(
            form,
            "password",
            t._("Password"),
            password=not show_password,
            helper=t._("At least 8 characters"),
            suffix_icon=password_reveal(t, show_password, set_show_password),
            autofill_hints=ft.AutofillHint.NEW_PASSWORD,
            prefix_icon=ft.Icons.LOCK_OUTLINE,
        ),
        form_field(
            form, "referral_code", t._("Referral code (optional)"), prefix_icon=ft.Icons.CARD_GIFTCARD_OUTLINED
        ),
        form_field(
            form,
            "birthday",
            t._("Birthday (optional, YYYY-MM-DD)"),
            keyboard_type=ft.KeyboardType.DATETIME,
            prefix_icon=ft.Icons.CAKE_OUTLINED,
            on_submit=form.submit_details,
        ),
        submit_button(t._("Join Starboard"), t._("Sending..."), form.submit_details, form.busy),
    ]


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
