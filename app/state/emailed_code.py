"""What joining and resetting a password share: a form that asks the API to email a 6-digit code, then sends the
code back (`JoinForm`, `ResetForm`).

Both keep the customer's texts, one error per field (`field_errors`) or one under the form (`error`), the API's
sentence about the code it sent (`sent`) and, with the demo tools on (the embedded mock), the email it "sent"
(`emails`), so a visitor can go on without an inbox.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

import flet as ft

from app.api import models as m
from app.i18n import Translator
from app.state.base import FormTexts, Outcome, attempt

if TYPE_CHECKING:
    from app.state.session import Session

T = TypeVar("T")


class CodeSent(Protocol):
    """The API's answer to "email me a code": its sentence about the code it sent."""

    @property
    def detail(self) -> str: ...


class EmailedCodeForm(FormTexts, ft.Observable):
    fields: ClassVar[tuple[str, ...]] = ()
    """The form's text fields: the API's refusal naming one of them is shown on that field."""

    step: str = "code"
    """Which step the form shows; each form names its own (`"code"` is the emailed-code step)."""
    email: str = ""
    code: str = ""
    busy: bool = False
    error: str | None = None
    """Why the last submit failed, when no single field is to blame."""
    field_errors: dict[str, str] = {}
    sent: str | None = None
    """The API's sentence about the code it sent."""
    emails: list[m.OutboxMessage] = []
    """Demo tools only: what the API "emailed" to this address."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._set_defaults()

    @property
    def t(self) -> Translator:
        """The session's language, read at each use (a change of language reaches the next message)."""
        return self._session.speech.t

    def set_field(self, name: str, value: str) -> None:
        """The customer typed in one of `fields`: its error goes, and so does the form's."""
        setattr(self, name, value)
        if name in self.field_errors:
            self.field_errors = {k: v for k, v in self.field_errors.items() if k != name}
        self.error = None

    def check_email(self, errors: dict[str, str]) -> None:
        if "@" not in self.email.strip():
            errors["email"] = self.t._("Enter your email address.")

    def check_code(self, errors: dict[str, str]) -> None:
        if not self.code.strip():
            errors["code"] = self.t._("Enter the 6-digit code from the email.")

    def check_password(self, errors: dict[str, str], field: str, password: str) -> None:
        if len(password) < 8:
            errors[field] = self.t._("Use at least 8 characters.")

    def checked(self, errors: dict[str, str]) -> bool:
        """Show the errors the form found in what was typed (each next to its field); True when there are none."""
        self.field_errors = errors
        return not errors

    async def send_for_code(self, call: Awaitable[CodeSent]) -> None:
        """Ask the API to email a code; when it has, the form goes to the code step (an empty code field, the API's
        sentence about the code and, with the demo tools on, the email it "sent")."""
        outcome = await self.busy_while(call)
        if outcome.value is None:
            self.blame(outcome)
            return
        self.sent = outcome.value.detail
        self.step = "code"
        self.code = ""
        self.texts_set()
        await self.show_emails()

    async def show_emails(self) -> None:
        """Demo tools only: show the email the API "sent" to this address (its code)."""
        if not self._session.demo_tools:
            return
        outcome = await attempt(self._session.client.demo_outbox(self.email.strip()), self.t)
        self.emails = outcome.value[:1] if outcome.value else []

    async def busy_while(self, call: Awaitable[T]) -> Outcome[T]:
        """Run one call to the API with the form busy (its buttons disabled)."""
        self.busy = True
        self.error = None
        try:
            return await attempt(call, self.t)
        finally:
            self.busy = False

    def blame(self, outcome: Outcome[Any]) -> None:
        """Put the API's sentence next to the field it named, or under the form."""
        field = outcome.field
        if field in self.fields:
            self.field_errors = {field: outcome.error or ""}
        else:
            self.error = outcome.error
