"""`Session`: the store of one browser session, the root every screen's state hangs from.

It owns the member's `LoyaltyClient`, who is signed in, the `Member` every screen shows (name and balance), the
theme mode, the notices (one-line messages shown in a SnackBar), the live updates, and the screen states.

Screen states are made on first use, one per class: `session.screen(RewardsState)`. The session does not list
them: each declares the data it shows as tags (`shows = frozenset({"stars"})`), and `invalidate("stars")` reaches
every screen showing Stars. A new screen needs no line here (see docs/app-structure.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from dataclasses import dataclass
from typing import Literal, TypeVar

import flet as ft

from app.api.client import LoyaltyClient
from app.api.models import Event
from app.i18n import Language, Translator
from app.state import intents
from app.state.auth import SignInForm
from app.state.base import LOAD_ASKED_AT, Clock, ScreenState, attempt
from app.state.gift import GiftState
from app.state.home import HomeState
from app.state.join import JoinForm
from app.state.language import Speech
from app.state.live import LiveUpdates
from app.state.reset import ResetForm
from app.state.rewards import RewardsState
from app.state.storage import DeviceStore, MemoryDeviceStore, PendingIntent, PendingRedeem, ThemeMode

log = logging.getLogger("starboard.state")

S = TypeVar("S", bound=ScreenState)
AuthStatus = Literal["restoring", "signed_out", "signed_in"]

_notice_ids = itertools.count(1)


BALANCE_SOURCE: type[ScreenState] = HomeState
"""The screen whose one load (the summary) carries the member's name and balance: loading the balance loads it."""

WIDE_FROM = 840
"""Material's "expanded" width class: from here a navigation rail suits better than a bottom bar."""


@dataclass(frozen=True)
class Notice:
    """A one-line message for the customer. `id` grows, so a view shows each notice once."""

    id: int
    text: str


class Notices(ft.Observable):
    """The one-line messages for the customer, a SnackBar each. Its own observable: a notice re-renders the root,
    which shows it, and nothing that reads the session."""

    def __init__(self) -> None:
        self.current: Notice | None = None


class Window(ft.Observable):
    """The browser window's width class. Its own observable: only the screens laid out by it re-render when it
    changes, not everything that reads the session."""

    def __init__(self) -> None:
        self.wide = False
        """At least `WIDE_FROM` px wide: navigation moves from the bottom bar to a rail on the left."""


class Member(ft.Observable):
    """The signed-in member as every screen shows them: their name and their spendable Stars, as last reported by
    any answer of the API (summary, redemption, gift, card, ...). The top bar reads it; screens report to it through
    their context (`set_balance`, `member_seen`) and never write to each other."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.balance: int | None = None
        self.inbox_unread: int | None = None
        """Unread inbox items (the top bar's count): from the summary, then from the inbox once it is loaded."""

    def forget(self) -> None:
        self.name = None
        self.balance = None
        self.inbox_unread = None


class _Context:
    """The `ScreenContext` a session gives its screen states: the client, the device, the member, notices and
    invalidation by tag. Nothing else of the session is reachable from a screen state."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._balance_changed_at = float("-inf")
        """When an action's answer (not a load's) last set the balance (`time.monotonic()`)."""

    @property
    def client(self) -> LoyaltyClient:
        return self._session.client

    @property
    def device(self) -> DeviceStore:
        return self._session.device

    @property
    def t(self) -> Translator:
        return self._session.speech.t

    def set_balance(self, balance: int) -> None:
        asked_at = LOAD_ASKED_AT.get()
        if asked_at is None:  # an action's answer: the balance right after it
            self._balance_changed_at = time.monotonic()
        elif asked_at < self._balance_changed_at:
            return  # a load asked before that answer: its balance is older than the one shown
        self._session.member.balance = balance

    def member_seen(self, name: str) -> None:
        self._session.member.name = name

    def set_inbox_unread(self, unread: int) -> None:
        self._session.member.inbox_unread = unread

    def notify_customer(self, text: str) -> None:
        self._session.notify_customer(text)

    def invalidate(self, *tags: str, but: ScreenState | None = None) -> None:
        self._session.invalidate(*tags, but=but)

    async def happened(self, events: list[Event]) -> None:
        await self._session.events_arrived(events)

    def request_sent(self, key: str) -> None:
        self._session.live.own.sent(key)

    def request_settled(self, key: str, *, applied: bool) -> None:
        self._session.live.request_settled(key, applied=applied)


class Session(ft.Observable):
    def __init__(
        self,
        client: LoyaltyClient,
        device: DeviceStore | None = None,
        *,
        clock: Clock = time.monotonic,
        poll_interval: float = 2.0,
        demo_tools: bool = False,
        keep_hidden_tabs_for: float = 120.0,
        prefetch_tabs_after: float | None = None,
        prefetch_up_to_sessions: int = 300,
    ) -> None:
        self.client = client
        self._device: DeviceStore = device or MemoryDeviceStore()
        self._clock = clock
        self.auth: AuthStatus = "restoring"
        self.member = Member()
        self.theme_mode: ThemeMode = "system"
        self.speech = Speech()
        """The language this session speaks (`use_i18n()` in components, `context.t` in screen states)."""
        self.window = Window()
        self.demo_tools = demo_tools
        """The embedded mock backend is in use: Profile offers "Simulate a visit" (from `Settings.demo_tools`)."""
        self.keep_hidden_tabs_for = keep_hidden_tabs_for
        """Seconds a tab the customer left stays built (`Settings.keep_hidden_tabs_seconds`; the shell)."""
        self.prefetch_tabs_after = prefetch_tabs_after
        """Seconds after the first screen has loaded before the shell loads and builds the other tabs hidden
        (`Settings.prefetch_tabs_seconds`); None: each loads on its first visit (the default here, for tests)."""
        self.prefetch_up_to_sessions = prefetch_up_to_sessions
        """... only while the app process holds at most this many sessions (`Settings.prefetch_up_to_sessions`)."""
        self.language_chosen = False
        """A language is kept on the device (the browser's, from the first visit, or one chosen in Profile)."""
        self.notices = Notices()
        self.return_to = "/"
        """Where to go after signing in: the URL a signed-out visitor asked for."""
        self._signed_out_by_choice = False
        self.signin = SignInForm(self)
        self.join = JoinForm(self)
        self.password_reset = ResetForm(self)
        self.tour_pending = False
        """A member who just joined sees the first-run tour once (the join screen goes there)."""
        self.live = LiveUpdates(self, poll_interval)
        self._context = _Context(self)
        self._screens: dict[type[ScreenState], ScreenState] = {}  # private: adding one must not re-render anything
        self._showing: ScreenState | None = None
        self._preloading: asyncio.Task[None] | None = None
        self._finishing: asyncio.Task[None] | None = None  # private: a public attribute would re-render the app
        client.on_tokens_changed = self._device.save_tokens
        client.on_session_expired = self._on_session_expired

    @property
    def device(self) -> DeviceStore:
        return self._device

    @property
    def notice(self) -> Notice | None:
        """The latest notice for the customer (`notices`, observed by the root)."""
        return self.notices.current

    @property
    def wide(self) -> bool:
        """A window at least `WIDE_FROM` px wide (`window`, observed by the screens laid out by it)."""
        return self.window.wide

    def screen(self, kind: type[S]) -> S:
        """The state of one screen, made on first use (its fields at their declared defaults)."""
        found = self._screens.get(kind)
        if found is None:
            found = self._screens[kind] = kind(self._context, self._clock)
        return found  # type: ignore[return-value]  # the dict maps each class to an instance of it

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Restore the theme, the language and a saved session from the device (no network for the tokens).

        Both reads go to the browser and back; they are sent together so that the app waits for one round trip.
        """
        theme, language, tokens, pending = await asyncio.gather(
            self._device.load_theme(),
            self._device.load_language(),
            self._device.load_tokens(),
            self._device.load_intents(),
        )
        if theme is not None:
            self.theme_mode = theme
        if language is not None:
            self._speak(language)
            self.language_chosen = True
        if tokens is None:
            self.auth = "signed_out"
            return
        await self.client.restore(tokens)
        await self._signed_in()
        if pending:
            self._finishing = asyncio.create_task(self.finish_pending(pending), name="starboard-finish-intents")

    @property
    def finishing(self) -> asyncio.Task[None] | None:
        """Finishing the money-like actions a previous app process left unanswered (app/state/intents.py)."""
        return self._finishing

    async def finish_pending(self, pending: list[PendingIntent]) -> None:
        """Send again, each with its own key, the redemptions and gifts whose answer the app never got (the app
        server holding the session died meanwhile): applied once, and their outcome shown."""
        for intent in pending:
            if isinstance(intent, PendingRedeem):
                await self.screen(RewardsState).finish_redeem(intent)
            else:
                await self.screen(GiftState).finish_gift(intent)

    async def close(self) -> None:
        """The browser session is gone: stop background work and release the connection."""
        if self._finishing is not None:
            self._finishing.cancel()
        await self.live.stop()
        await self.client.aclose()

    # ------------------------------------------------------------------ auth

    async def sign_in(self, email: str, password: str) -> str | None:
        """Sign in; returns None on success or one sentence saying why not."""
        outcome = await attempt(self.client.sign_in(email.strip(), password), self.speech.t)
        if not outcome.ok:
            return outcome.error
        await intents.forget_all(self._device)  # a fresh sign-in: nothing left pending belongs to this member
        await self._signed_in()
        return None

    async def start_demo(self) -> str | None:
        """"Try the demo": a demo member of one's own; returns None on success or one sentence saying why not."""
        outcome = await attempt(self.client.start_demo(), self.speech.t)
        if not outcome.ok:
            return outcome.error
        await self._signed_in()
        return None

    async def joined(self, then: str = "/") -> None:
        """A new member confirmed their email (the client holds their tokens): signed in, the tour comes first, then
        `then` (Home, or the gift they were sent: `/claim?code=...`)."""
        self.tour_pending = True
        self.return_to = then
        await self._signed_in()

    def tour_seen(self) -> str:
        """The tour is done: where to go now (Home, or where joining was headed)."""
        self.tour_pending = False
        target, self.return_to = self.return_to, "/"
        return target

    def password_changed(self, email: str) -> None:
        """A new password was chosen: sign-in starts from that email, and says so."""
        self.signin.email = email
        self.signin.texts_set()
        self.notify_customer(self.speech.t._("Your password has changed. Sign in with the new one."))

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
        await self._device.save_card(None)  # the next member on this device must not see this card
        await self._device.save_codes(None)  # nor these reward codes
        await intents.forget_all(self._device)  # nor send this member's unanswered actions
        self._forget_member()
        self._signed_out_by_choice = True
        self.auth = "signed_out"

    async def _on_session_expired(self) -> None:
        # Called by the client from inside a request: stop polling without awaiting our own task.
        self.live.cancel()
        self._forget_member()
        self.auth = "signed_out"
        self.notify_customer(self.speech.t._("Your session has ended. Please sign in again."))
        await intents.forget_all(self._device)

    def _forget_member(self) -> None:
        self._showing = None
        self.live.cursor = None  # the next member's first poll catches up again instead of announcing old news
        self.member.forget()
        for screen in self._screens.values():
            if screen.members_data:
                screen.reset()
        self.signin.reset()
        self.join.reset()
        self.password_reset.reset()
        self.tour_pending = False

    # ------------------------------------------------------------------ shared state

    def invalidate(self, *tags: str, but: ScreenState | None = None) -> None:
        """Data changed (Stars moved, a challenge was joined, a badge earned): every screen that shows one of
        `tags` loads again on its next visit, except `but` (the screen that made the change and shows it already)."""
        changed = set(tags)
        for screen in self._screens.values():
            if screen is not but and changed & screen.shows:
                screen.invalidate()

    async def ensure_balance(self) -> None:
        """Know the member's balance and name (the top bar shows them on every screen)."""
        await self.screen(BALANCE_SOURCE).ensure_loaded()

    async def refresh_balance(self) -> None:
        """Stars moved elsewhere (a gift arrived): ask again now, whichever screen is shown."""
        await self.screen(BALANCE_SOURCE).refresh()

    async def preload_balance(self, max_wait: float) -> None:
        """Start loading the balance and wait for it at most `max_wait` seconds; the load goes on after that.

        Called before the first render of a signed-in session: every screen's top bar shows the balance, so when it
        arrives quickly the first frame already shows it instead of a spinner.
        """
        self._preloading = asyncio.create_task(self.ensure_balance())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._preloading), max_wait)

    async def show(self, screen: ScreenState | None) -> None:
        """The customer opened `screen` (the shell calls this on every navigation): load it unless it is fresh."""
        self._showing = screen
        if screen is not None:
            await screen.ensure_loaded()

    async def reconnected(self) -> None:
        """The browser came back to this session (a reload, or the network after a gap): what it shows may be old.
        Every screen loads again on its next visit, the one on show and the top bar's balance now; live updates
        resume."""
        for screen in self._screens.values():
            screen.invalidate()
        if self.auth != "signed_in":
            return
        self.live.start()
        await self.refresh_shown()
        await self.ensure_balance()

    async def refresh_shown(self) -> None:
        """Reload the screen the customer is looking at if it is out of date (the others load on their next visit)."""
        screen = self._showing
        if screen is not None and screen.status == "ready" and not screen.is_fresh():
            await screen.refresh_keeping_place()

    async def recover(self) -> None:
        """The API answered again (a live poll succeeded): load again what failed for lack of it, the screen on
        show and the top bar's balance, with no Retry tap."""
        shown = self._showing
        balance = self._screens.get(BALANCE_SOURCE)
        for screen in dict.fromkeys(s for s in (shown, balance) if s is not None):
            if screen.recovers_by_itself:
                await screen.refresh()

    async def events_arrived(self, events: list[Event]) -> None:
        """Live updates: tell every screen state (a new badge is celebrated by the badges' state)."""
        for screen in list(self._screens.values()):
            await screen.events_arrived(events)

    def set_window_width(self, width: float | None) -> None:
        """The browser window's width (on start and on every resize); only crossing `WIDE_FROM` re-renders."""
        if width:
            self.window.wide = width >= WIDE_FROM

    def notify_customer(self, text: str) -> None:
        self.notices.current = Notice(next(_notice_ids), text)

    async def set_language(self, language: Language, *, save: bool = True) -> None:
        """Speak `language` from now on: every screen re-renders in it at once; texts from the API (reward names,
        rules) load again in it. `save` keeps the choice on the device (the member chose it in Profile)."""
        if language != self.speech.language:
            self._speak(language)
            for screen in self._screens.values():
                screen.invalidate()
            await self.refresh_shown()
        if save:
            self.language_chosen = True
            await self._device.save_language(language)

    def _speak(self, language: Language) -> None:
        """Speak `language`, and ask the API to answer in it (its texts: reward names, rules, refusals)."""
        self.speech.speak(language)
        self.client.set_language(language)

    async def set_theme_mode(self, mode: ThemeMode) -> None:
        self.theme_mode = mode
        await self._device.save_theme(mode)

    async def toggle_dark_mode(self) -> None:
        await self.set_theme_mode("light" if self.theme_mode == "dark" else "dark")
