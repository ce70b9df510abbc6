"""Forgot password: the email, then the emailed code and a new password; then back to sign-in with that email.

The API answers the same whether or not the email has an account. With the demo tools on, the email it "sent" is
shown in the form ("Demo: the email we sent").
"""

from __future__ import annotations

from typing import ClassVar, Literal

from app.state.emailed_code import EmailedCodeForm

ResetStep = Literal["email", "code", "done"]


class ResetForm(EmailedCodeForm):
    fields: ClassVar[tuple[str, ...]] = ("email", "code", "new_password")

    step: ResetStep = "email"
    new_password: str = ""

    def start(self, email: str) -> None:
        """Open the form from sign-in, with the email typed there."""
        self._set_defaults()
        self.email = email.strip()
        self.texts_set()

    async def submit_email(self) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        self.check_email(errors)
        if self.checked(errors):
            await self.send_for_code(self._session.client.request_password_reset(self.email.strip()))

    async def submit_code(self) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        self.check_code(errors)
        self.check_password(errors, "new_password", self.new_password)
        if not self.checked(errors):
            return
        email = self.email.strip()
        call = self._session.client.confirm_password_reset(email, self.code.strip(), self.new_password)
        outcome = await self.busy_while(call)
        if not outcome.ok:
            self.blame(outcome)
            return
        self._session.password_changed(email)
        self.step = "done"

    def change_email(self) -> None:
        self.step = "email"
        self.error = None
        self.field_errors = {}

