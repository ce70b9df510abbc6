"""Forgot password: the email, then the emailed code and a new password; then sign-in, with the email filled in.
Outside the signed-in shell, like sign-in."""

from __future__ import annotations

import flet as ft

from app.components.welcome import Heading, OutsideShell
from app.i18n import Translator
from app.state.reset import ResetForm
from app.views.account_forms import code_step, form_email, form_field, form_foot, submit_button, use_account_form
from app.views.paths import SIGN_IN_PATH


@ft.component
def ResetPasswordScreen() -> ft.Control:
    _, form, t = use_account_form(lambda s: s.password_reset)
    page = ft.context.page

    def back_to_sign_in_when_done() -> None:
        if form.step == "done":
            form.reset()
            page.navigate(SIGN_IN_PATH)

    ft.use_effect(back_to_sign_in_when_done, [form.step])

    body = _code_step(t, form) if form.step == "code" else _email_step(t, form)
    return OutsideShell([*body, *form_foot(t, form, t._("Back to sign in"), lambda: page.navigate(SIGN_IN_PATH))])


def _email_step(t: Translator, form: ResetForm) -> list[ft.Control]:
    return [
        Heading(t._("Reset your password"), t._("Enter your email and we will send you a 6-digit code.")),
        form_email(t, form, on_submit=form.submit_email),
        submit_button(t._("Send code"), t._("Sending..."), form.submit_email, form.busy),
    ]


def _code_step(t: Translator, form: ResetForm) -> list[ft.Control]:
    return code_step(
        t,
        form,
        t._("Choose a new password"),
        form_field(
            form,
            "new_password",
            t._("New password"),
            password=True,
            helper=t._("At least 8 characters"),
            autofill_hints=ft.AutofillHint.NEW_PASSWORD,
            prefix_icon=ft.Icons.LOCK_OUTLINE,
            on_submit=form.submit_code,
        ),
        submit_button(t._("Change password"), t._("Saving..."), form.submit_code, form.busy),
        ft.TextButton(t._("Use another email"), on_click=form.change_email, disabled=form.busy),
    )
