"""Forgot password: the email, then the emailed code and a new password; then sign-in, with the email filled in.
Outside the signed-in shell, like sign-in."""

from __future__ import annotations

import flet as ft

from app.components.context import use_observed, use_session
from app.components.feedback import InlineError
from app.components.welcome import DemoEmailCard, Field, Heading, OutsideShell
from app.state.reset import ResetForm
from app.views.paths import SIGN_IN_PATH


@ft.component
def ResetPasswordScreen() -> ft.Control:
    session = use_session()
    form = use_observed(session.password_reset)
    page = ft.context.page

    def back_to_sign_in_when_done() -> None:
        if form.step == "done":
            form.reset()
            page.navigate(SIGN_IN_PATH)

    ft.use_effect(back_to_sign_in_when_done, [form.step])

    body = _code_step(form) if form.step == "code" else _email_step(form)
    return OutsideShell(
        [
            *body,
            *([InlineError(form.error)] if form.error else []),
            ft.ProgressBar(semantics_label="Working") if form.busy else ft.Container(height=4),
            ft.TextButton("Back to sign in", on_click=lambda: page.navigate(SIGN_IN_PATH), disabled=form.busy),
        ]
    )


def _email_step(form: ResetForm) -> list[ft.Control]:
    return [
        Heading("Reset your password", "Enter your email and we will send you a 6-digit code."),
        Field(
            "Email",
            form.email,
            form.texts_revision,
            lambda v: form.set_field("email", v),
            form.field_errors.get("email"),
            disabled=form.busy,
            keyboard_type=ft.KeyboardType.EMAIL,
            autofill_hints=ft.AutofillHint.EMAIL,
            prefix_icon=ft.Icons.MAIL_OUTLINE,
            on_submit=form.submit_email,
        ),
        ft.FilledButton(
            "Sending..." if form.busy else "Send code", on_click=form.submit_email, disabled=form.busy, height=48
        ),
    ]


def _code_step(form: ResetForm) -> list[ft.Control]:
    return [
        Heading("Choose a new password", form.sent),
        DemoEmailCard(form.emails),
        Field(
            "6-digit code",
            form.code,
            form.texts_revision,
            lambda v: form.set_field("code", v),
            form.field_errors.get("code"),
            disabled=form.busy,
            keyboard_type=ft.KeyboardType.NUMBER,
            autofill_hints=ft.AutofillHint.ONE_TIME_CODE,
            prefix_icon=ft.Icons.PIN_OUTLINED,
        ),
        Field(
            "New password",
            form.new_password,
            form.texts_revision,
            lambda v: form.set_field("new_password", v),
            form.field_errors.get("new_password"),
            disabled=form.busy,
            password=True,
            helper="At least 8 characters",
            autofill_hints=ft.AutofillHint.NEW_PASSWORD,
            prefix_icon=ft.Icons.LOCK_OUTLINE,
            on_submit=form.submit_code,
        ),
        ft.FilledButton(
            "Saving..." if form.busy else "Change password", on_click=form.submit_code, disabled=form.busy, height=48
        ),
        ft.TextButton("Use another email", on_click=form.change_email, disabled=form.busy),
    ]
