"""The sign-in form: what the customer typed, whether a sign-in is running, and why the last one failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flet as ft

from app.state.base import FormTexts

if TYPE_CHECKING:
    from app.state.session import Session

DEMO_EMAIL = "ada@example.com"
"""The demo story's member: "Try the demo" gives each visitor a copy of her; signing in as her still works."""
DEMO_PASSWORD = "starboard-demo"


class SignInForm(FormTexts, ft.Observable):
    password: str = ""
    busy: bool = False
    error: str | None = None

    def __init__(self, session: Session) -> None:
        self._session = session
        self.email = ""
        """Not declared with a default: a sign-out keeps it, so the next sign-in on this device starts from it."""
        self._set_defaults()

    def set_email(self, value: str) -> None:
        self.email = value
        self.error = None

    def set_password(self, value: str) -> None:
        self.password = value
        self.error = None

    async def submit(self) -> None:
        if self.busy:
            return  # a double tap signs in once
        if not self.email.strip() or not self.password:
            self.error = self._session.speech.t._("Enter your email and password.")
            return
        await self._run(self.email, self.password)

    async def try_demo(self) -> None:
        """A demo member of this browser's own (a copy of the demo story): visitors never share an account."""
        if self.busy:
            return
        self.busy = True
        self.error = None
        try:
            self.error = await self._session.start_demo()
        finally:
            self.busy = False

    async def _run(self, email: str, password: str) -> None:
        self.busy = True
        self.error = None
        try:
            self.error = await self._session.sign_in(email, password)
        finally:
            self.busy = False
        if self.error is None:
            self.password = ""
            self.texts_set()
