"""`Session`: the store of one browser session, the root every screen's state hangs from.

It owns the member's `LoyaltyClient`, who is signed in, the balance every screen shows, the theme mode, the
notices (one-line messages shown in a SnackBar), the live updates, and one state object per screen
(`home`, `rewards`, `gift`, ...). A new screen adds its state class here (see docs/app-structure.md).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from dataclasses import dataclass
from typing import Literal

import flet as ft

from app.api.client import LoyaltyClient
from app.state.activity import ActivityState
from app.state.auth import SignInForm
from app.state.badges import BadgesState
from app.state.base import Clock, ScreenState, attempt
from app.state.card import CardState
from app.state.challenges import ChallengesState
from app.state.earn import EarnState
from app.state.gift import GiftState
from app.state.home import HomeState
from app.state.live import LiveUpdates
from app.state.profile import ProfileState
from app.state.program import ProgramState
from app.state.rewards import RewardsState
from app.state.storage import DeviceStore, MemoryDeviceStore, ThemeMode

log = logging.getLogger("starboard.state")

AuthStatus = Literal["restoring", "signed_out", "signed_in"]

_notice_ids = itertools.count(1)


WIDE_FROM = 840
"""Material's "expanded" width class: from here a navigation rail suits better than a bottom bar."""


@dataclass(frozen=True)
class Notice:
    """A one-line message for the customer. `id` grows, so a view shows each notice once."""

    id: int
    text: str


class Session(ft.Observable):
    def __init__(
        self,
        client: LoyaltyClient,
        device: DeviceStore | None = None,
        *,
        clock: Clock = time.monotonic,
        poll_interval: float = 2.0,
    ) -> None:
        self.client = client
        self._device: DeviceStore = device or MemoryDeviceStore()
        self.auth: AuthStatus = "restoring"
        self.member_name: str | None = None
        self.balance: int | None = None
        """The spendable Stars, as last reported by any answer of the API (summary, redemption, gift, ...)."""
        self.theme_mode: ThemeMode = "system"
        self.wide = False
        """A window at least `WIDE_FROM` px wide: navigation moves from the bottom bar to a rail on the left."""
        self.notice: Notice | None = None
        self.return_to = "/"
        """Where to go after signing in: the URL a signed-out visitor asked for."""
        self._signed_out_by_choice = False
        self.signin = SignInForm(self)
        self.home = HomeState(self, clock)
        self.rewards = RewardsState(self, clock)
        self.gift = GiftState(self, clock)
        self.challenges = ChallengesState(self, clock)
        self.badges = BadgesState(self, clock)
        self.activity = ActivityState(self, clock)
        self.card = CardState(self, clock, self._device)
        self.earn = EarnState(self, clock)
        self.program = ProgramState(self, clock)
        self.profile = ProfileState(self, clock)
        self.live = LiveUpdates(self, poll_interval)
        self._showing: ScreenState | None = None  # private: setting it must not re-render anything
        client.on_tokens_changed = self._device.save_tokens
        client.on_session_expired = self._on_session_expired

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Restore the theme and a saved session from the device (no network for the tokens).

        Both reads go to the browser and back; they are sent together so that the app waits for one round trip.
        """
        theme, tokens = await asyncio.gather(self._device.load_theme(), self._device.load_tokens())
        if theme is not None:
            self.theme_mode = theme
        if tokens is None:
            self.auth = "signed_out"
            return
        await self.client.restore(tokens)
        await self._signed_in()

    async def close(self) -> None:
        """The browser session is gone: stop background work and release the connection."""
        await self.live.stop()
        await self.client.aclose()

    # ------------------------------------------------------------------ auth

    async def sign_in(self, email: str, password: str) -> str | None:
        """Sign in; returns None on success or one sentence saying why not."""
        outcome = await attempt(self.client.sign_in(email.strip(), password))
        if not outcome.ok:
            return outcome.error
        await self._signed_in()
        return None

    def remember_return(self, location: str) -> None:
        """A signed-out visit to `location`: come back to it after signing in, unless the member chose to sign
        out (the next member starts on Home, not on the screen the last one left from)."""
        self.return_to = "/" if self._signed_out_by_choice else location

    async def _signed_in(self) -> None:
        self._signed_out_by_choice = False
        self.auth = "signed_in"
        self.live.start()

    async def sign_out(self) -> None:
        await self.live.stop()
        await self.client.sign_out()  # forgets the tokens, which removes them from the device
        await self.card.forget()
        self._forget_member()
        self._signed_out_by_choice = True
        self.auth = "signed_out"

    async def _on_session_expired(self) -> None:
        # Called by the client from inside a request: stop polling without awaiting our own task.
        self.live.cancel()
        self._forget_member()
        self.auth = "signed_out"
        self.notify_customer("Your session has ended. Please sign in again.")

    def _forget_member(self) -> None:
        self._showing = None
        self.live.cursor = None  # the next member's first poll catches up again instead of announcing old news
        self.member_name = None
        self.balance = None
        for screen in (self.home, self.rewards, self.gift, *self._member_screens()):
            screen.reset()
        self.signin.reset()

    # ------------------------------------------------------------------ shared state

    def set_balance(self, balance: int) -> None:
        """Every answer that carries a balance calls this, so every screen shows the same number."""
        self.balance = balance

    def balance_changed(self) -> None:
        """Stars moved (redeemed, gifted, received): screens that show derived numbers load again on next visit."""
        self.home.invalidate()
        self.rewards.invalidate()
        self.gift.invalidate()
        for screen in self._member_screens():
            screen.invalidate()

    async def show(self, screen: ScreenState | None) -> None:
        """The customer opened `screen` (the shell calls this on every navigation): load it unless it is fresh."""
        self._showing = screen
        if screen is not None:
            await screen.ensure_loaded()

    async def refresh_shown(self) -> None:
        """Reload the screen the customer is looking at if it is out of date (the others load on their next visit)."""
        screen = self._showing
        if screen is not None and screen.status == "ready" and not screen.is_fresh():
            await screen.refresh_in_place()

    def _member_screens(self) -> tuple[ScreenState, ...]:
        """The screens whose data belongs to the signed-in member (the program's rules do not)."""
        return (self.challenges, self.badges, self.activity, self.card, self.earn, self.profile)

    def set_window_width(self, width: float | None) -> None:
        """The browser window's width (on start and on every resize); only crossing `WIDE_FROM` re-renders."""
        if width:
            self.wide = width >= WIDE_FROM

    def notify_customer(self, text: str) -> None:
        self.notice = Notice(next(_notice_ids), text)

    async def set_theme_mode(self, mode: ThemeMode) -> None:
        self.theme_mode = mode
        await self._device.save_theme(mode)

    async def toggle_dark_mode(self) -> None:
        await self.set_theme_mode("light" if self.theme_mode == "dark" else "dark")
