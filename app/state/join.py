"""Joining Starboard: the details form, then the 6-digit code the API emailed; and the welcome bonus it promises.

The API answers a sign-up the same way whether or not the email already has an account (the mailbox's owner is
told), so this form never says "that email is taken". With the demo tools on (the embedded mock), the email the
API "sent" is shown in the form ("Demo: the email we sent"), so a visitor can finish joining without an inbox.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import quote

import flet as ft

from app.api import models as m
from app.state.base import FormTexts, Outcome, attempt

if TYPE_CHECKING:
    from app.state.session import Session

T = TypeVar("T")

JoinStep = Literal["details", "code"]


class JoinForm(FormTexts, ft.Observable):
    step: JoinStep = "details"
    name: str = ""
    email: str = ""
    password: str = ""
    referral_code: str = ""
    birthday: str = ""
    """As typed: YYYY-MM-DD, or empty (optional)."""
    code: str = ""
    busy: bool = False
    error: str | None = None
    """Why the last submit failed, when no single field is to blame."""
    field_errors: dict[str, str] = {}
    sent: str | None = None
    """The API's sentence about the code it sent."""
    emails: list[m.OutboxMessage] = []
    """Demo tools only: what the API "emailed" to this address."""
    welcome_bonus: int | None = None
    claim_code: str = ""
    """The code of a gift waiting for this newcomer (the text message's link, `/join?claim=CODE`): claimed next."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._set_defaults()

    async def load_program(self) -> None:
        """The welcome bonus the form promises comes from the program (`GET /v1/program`)."""
        if self.welcome_bonus is None:
            outcome = await attempt(self._session.client.program())
            if outcome.value is not None:
                self.welcome_bonus = outcome.value.welcome_bonus

    def set_field(self, name: str, value: str) -> None:
        """The customer typed in a field (`name`, `email`, `password`, `referral_code`, `birthday`, `code`)."""
        setattr(self, name, value)
        if name in self.field_errors:
            self.field_errors = {k: v for k, v in self.field_errors.items() if k != name}
        self.error = None

    async def submit_details(self) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = "Enter your name."
        if "@" not in self.email.strip():
            errors["email"] = "Enter your email address."
        if len(self.password) < 8:
            errors["password"] = "Use at least 8 characters."
        birthday = self._birthday(errors)
        self.field_errors = errors
        if errors:
            return
        body = m.SignupRequest(
            email=self.email.strip(),
            password=self.password,
            name=self.name.strip(),
            referral_code=self.referral_code.strip() or None,
            birthday=birthday,
        )
        outcome = await self._busy(self._session.client.sign_up(body))
        if outcome.value is None:
            self._blame(outcome)
            return
        self.sent = outcome.value.detail
        self.step = "code"
        self.code = ""
        self.texts_set()
        await self._show_emails()

    async def submit_code(self) -> None:
        if self.busy:
            return
        if not self.code.strip():
            self.field_errors = {"code": "Enter the 6-digit code from the email."}
            return
        outcome = await self._busy(self._session.client.verify_sign_up(self.email.strip(), self.code.strip()))
        if outcome.value is None:
            self._blame(outcome)
            return
        claim = self.claim_code
        await self._session.joined(f"/claim?code={quote(claim)}" if claim else "/")  # app/views/paths.py: CLAIM_PATH
        self.reset()

    def came_with_claim(self, code: str) -> None:
        """Joining was opened from a gift's link: after joining, the gift's screen opens with this code."""
        if code:
            self.claim_code = code

    async def send_again(self) -> None:
        """Ask for a new code (the details are kept)."""
        self.step = "details"
        await self.submit_details()

    def change_details(self) -> None:
        self.step = "details"
        self.error = None
        self.field_errors = {}

    async def _show_emails(self) -> None:
        if not self._session.demo_tools:
            return
        outcome = await attempt(self._session.client.demo_outbox(self.email.strip()))
        self.emails = outcome.value[:1] if outcome.value else []

    def _birthday(self, errors: dict[str, str]) -> date | None:
        text = self.birthday.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            errors["birthday"] = "Enter the date as YYYY-MM-DD, or leave it empty."
            return None

    async def _busy(self, call: Awaitable[T]) -> Outcome[T]:
        self.busy = True
        self.error = None
        try:
            return await attempt(call)
        finally:
            self.busy = False

    def _blame(self, outcome: Outcome[Any]) -> None:
        """Put the API's sentence next to the field it named, or under the form."""
        field = outcome.field
        if field in ("name", "email", "password", "referral_code", "birthday", "code"):
            self.field_errors = {field: outcome.error or ""}
        else:
            self.error = outcome.error
