"""Joining Starboard: the details form, then the 6-digit code the API emailed; and the welcome bonus it promises.

The API answers a sign-up the same way whether or not the email already has an account (the mailbox's owner is
told), so this form never says "that email is taken". With the demo tools on (the embedded mock), the email the
API "sent" is shown in the form ("Demo: the email we sent"), so a visitor can finish joining without an inbox.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from urllib.parse import quote

from app.api import models as m
from app.state.base import attempt
from app.state.emailed_code import EmailedCodeForm

JoinStep = Literal["details", "code"]


class JoinForm(EmailedCodeForm):
    fields: ClassVar[tuple[str, ...]] = ("name", "email", "password", "referral_code", "birthday", "code")

    step: JoinStep = "details"
    name: str = ""
    password: str = ""
    referral_code: str = ""
    birthday: str = ""
    """As typed: YYYY-MM-DD, or empty (optional)."""
    welcome_bonus: int | None = None
    claim_code: str = ""
    """The code of a gift waiting for this newcomer (the text message's link, `/join?claim=CODE`): claimed next."""

    async def load_program(self) -> None:
        """The welcome bonus the form promises comes from the program (`GET /v1/program`)."""
        if self.welcome_bonus is None:
            outcome = await attempt(self._session.client.program(), self.t)
            if outcome.value is not None:
                self.welcome_bonus = outcome.value.welcome_bonus

    async def submit_details(self) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = self.t._("Enter your name.")
        self.check_email(errors)
        self.check_password(errors, "password", self.password)
        birthday = self._birthday(errors)
        if not self.checked(errors):
            return
        body = m.SignupRequest(
            email=self.email.strip(),
            password=self.password,
            name=self.name.strip(),
            referral_code=self.referral_code.strip() or None,
            birthday=birthday,
        )
        await self.send_for_code(self._session.client.sign_up(body))

    async def submit_code(self) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        self.check_code(errors)
        if not self.checked(errors):
            return
        outcome = await self.busy_while(self._session.client.verify_sign_up(self.email.strip(), self.code.strip()))
        if outcome.value is None:
            self.blame(outcome)
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

    def _birthday(self, errors: dict[str, str]) -> date | None:
        text = self.birthday.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            errors["birthday"] = self.t._("Enter the date as YYYY-MM-DD, or leave it empty.")
            return None
