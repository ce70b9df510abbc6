"""The pieces the account screens share (sign-in, joining, password reset): the email and password fields, the
field bound to one of a form's texts, the emailed-code step, and the foot of a form outside the shell.

Joining and resetting a password end the same way: the API emails a 6-digit code, the form shows the API's sentence
about it, the demo email (demo tools only) and the code field (`code_step`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import flet as ft

from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed, use_session
from app.components.feedback import InlineError
from app.components.welcome import DemoEmailCard, Field, Heading
from app.i18n import Translator
from app.state import Session
from app.state.emailed_code import EmailedCodeForm

Action = Callable[[], Awaitable[Any] | None]
F = TypeVar("F", bound=ft.Observable)


def use_account_form(form_of: Callable[[Session], F]) -> tuple[Session, F, Translator]:
    """What an account screen reads first: the session, its form (`form_of(session)`, observed) and the language."""
    session = use_observed(use_session())  # its auth: the screen goes on once signed in
    return session, use_observed(form_of(session)), use_i18n()


def email_field(
    t: Translator,
    value: str,
    revision: int,
    on_change: Callable[[str], None],
    *,
    error: str | None = None,
    disabled: bool,
    on_submit: Action | None = None,
) -> ft.Control:
    return Field(
        t._("Email"),
        value,
        revision,
        on_change,
        error,
        disabled=disabled,
        keyboard_type=ft.KeyboardType.EMAIL,
        autofill_hints=ft.AutofillHint.EMAIL,
        prefix_icon=ft.Icons.MAIL_OUTLINE,
        on_submit=on_submit,
    )


def form_email(t: Translator, form: EmailedCodeForm, on_submit: Action | None = None) -> ft.Control:
    """`form`'s email field."""

    def set_email(value: str) -> None:
        form.set_field("email", value)

    error, busy = form.field_errors.get("email"), form.busy
    return email_field(t, form.email, form.texts_revision, set_email, error=error, disabled=busy, on_submit=on_submit)


def use_password_reveal(t: Translator) -> tuple[bool, ft.Control]:
    """Whether the password is shown, and the eye button that shows or hides it: our own, since the built-in one
    has no accessible name."""
    shown, set_shown = ft.use_state(False)
    button = IconAction(
        ft.Icons.VISIBILITY_OFF_OUTLINED if shown else ft.Icons.VISIBILITY_OUTLINED,
        t._("Hide password") if shown else t._("Show password"),
        on_click=lambda: set_shown(not shown),
    )
    return shown, button


def form_field(form: EmailedCodeForm, name: str, label: str, **kwargs: Any) -> ft.Control:
    """The field of `form`'s text `name`, with its error under it; disabled while the form is busy."""
    return Field(
        label,
        getattr(form, name),
        form.texts_revision,
        lambda v: form.set_field(name, v),
        form.field_errors.get(name),
        disabled=form.busy,
        **kwargs,
    )


def code_step(
    t: Translator, form: EmailedCodeForm, title: str, *more: ft.Control, on_submit: Action | None = None
) -> list[ft.Control]:
    """The emailed-code step: the API's sentence about the code, the demo email, the code field, then `more`."""
    return [
        Heading(title, form.sent),
        DemoEmailCard(form.emails),
        form_field(
            form,
            "code",
            t._("6-digit code"),
            keyboard_type=ft.KeyboardType.NUMBER,
            autofill_hints=ft.AutofillHint.ONE_TIME_CODE,
            prefix_icon=ft.Icons.PIN_OUTLINED,
            on_submit=on_submit,
        ),
        *more,
    ]


def submit_button(label: str, busy_label: str, on_click: Action, busy: bool) -> ft.Control:
    return ft.FilledButton(busy_label if busy else label, on_click=on_click, disabled=busy, height=48)


def form_foot(t: Translator, form: EmailedCodeForm, back: str, on_back: Action) -> list[ft.Control]:
    """Under the form: why the last submit failed (no single field to blame), the busy bar, and the way back."""
    return [
        *([InlineError(form.error)] if form.error else []),
        ft.ProgressBar(semantics_label=t._("Working")) if form.busy else ft.Container(height=4),
        ft.TextButton(back, on_click=on_back, disabled=form.busy),
    ]
