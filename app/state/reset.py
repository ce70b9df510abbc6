"""Forgot password: the email, then the emailed code and a new password; then back to sign-in with that email.

The API answers the same whether or not the email has an account. With the demo tools on, the email it "sent" is
shown in the form ("Demo: the email we sent").
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import flet as ft

from app.api import models as m
from app.state.base import FormTexts, Outcome, attempt

if TYPE_CHECKING:
    from app.state.session import Session

T = TypeVar("T")

ResetStep = Literal["email", "code", "done"]


class ResetForm(FormTexts, ft.Observable):
    step: ResetStep = "email"
    email: str = ""
    code: str = ""
    new_password: str = ""
    busy: bool = False
    error: str | None = None
    field_errors: dict[str, str] = {}
    sent: str | None = None
    emails: list[m.OutboxMessage] = []

    def __init__(self, session: Session) -> None:
        self._session = session
        self._set_defaults()

    def set_field(self, name: str, value: str) -> None:
        """The customer typed in a field (`email`, `code`, `new_password`)."""
        setattr(self, name, value)
        if name in self.field_errors:
            self.field_errors = {k: v for k, v in self.field_errors.items() if k != name}
        self.error = None

    def start(self, email: str) -> None:
        """Open the form from sign-in, with the email typed there."""
        self._set_defaults()
        self.email = email.strip()
        self.texts_set()

    async def submit_email(self) -> None:
        if self.busy:
            return
        if "@" not in self.email.strip():
            self.field_errors = {"email": "Enter your email address."}
            return
        outcome = await self._busy(self._session.client.request_password_reset(self.email.strip()))
        if outcome.value is None:
            self._blame(outcome)
            return
        self.sent = outcome.value.detail
        self.step = "code"
        self.texts_set()
        if self._session.demo_tools:
            emails = await attempt(self._session.client.demo_outbox(self.email.strip()))
            self.emails = emails.value[:1] if emails.value else []

    async def submit_code(self) -> None:
        if self.busy:
            return
        errors = {}
        if not self.code.strip():
            errors["code"] = "Enter the 6-digit code from the email."
        if len(self.new_password) < 8:
            errors["new_password"] = "Use at least 8 characters."
        self.field_errors = errors
        if errors:
            return
        email = self.email.strip()
        call = self._session.client.confirm_password_reset(email, self.code.strip(), self.new_password)
        outcome = await self._busy(call)
        if not outcome.ok:
            self._blame(outcome)
            return
        self._session.password_changed(email)
        self.step = "done"

    def change_email(self) -> None:
        self.step = "email"
        self.error = None
        self.field_errors = {}

    async def _busy(self, call: Awaitable[T]) -> Outcome[T]:
        self.busy = True
        self.error = None
        try:
            return await attempt(call)
        finally:
            self.busy = False

    def _blame(self, outcome: Outcome[Any]) -> None:
        field = outcome.field
        if field in ("email", "code", "new_password"):
            self.field_errors = {field: outcome.error or ""}
        else:
            self.error = outcome.error
