"""What every screen's state shares: loading/error bookkeeping and the one place errors become sentences.

State classes subclass `ft.Observable`: assigning a public attribute notifies the components that use the object,
so a component re-renders when the state it reads changes. The classes are plain Python otherwise, and the tests
drive them without any page.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Protocol, TypeVar

import flet as ft
import pydantic

from app.api.errors import ApiStatusError, LoyaltyError, NetworkError, ServerError, user_message
from app.api.models import Event
from app.i18n import Translator

if TYPE_CHECKING:
    from app.api.client import LoyaltyClient
    from app.state.storage import DeviceStore

log = logging.getLogger("starboard.state")

T = TypeVar("T")
Status = Literal["idle", "loading", "ready", "error"]
Clock = Callable[[], float]

LOAD_ASKED_AT: ContextVar[float | None] = ContextVar("starboard_load_asked_at", default=None)
"""While a load's answer is applied: when the load was asked (`time.monotonic()`). A balance in it is the balance as of
then, so `ScreenContext.set_balance` ignores it when an action's answer (a redemption, a gift) changed the balance
after the load was asked: a tab built ahead while the customer redeemed put the old balance back in the top bar."""


@contextlib.contextmanager
def load_answer(asked_at: float) -> Iterator[None]:
    """Apply a load's answer inside this: a balance it carries is as of `asked_at` (`LOAD_ASKED_AT`)."""
    applying = LOAD_ASKED_AT.set(asked_at)
    try:
        yield
    finally:
        LOAD_ASKED_AT.reset(applying)


FRESH_FOR_SECONDS = 30.0
"""A screen visited again within this window shows what it has instead of loading again."""
SLOW_AFTER_SECONDS = 3.0
"""A load taking longer than this is slow: the screen says it is still trying (the request goes on)."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of one call to the API: a value, or a sentence for the customer (and the error behind it)."""

    value: T | None = None
    error: str | None = None
    exc: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def field(self) -> str | None:
        """The request field the API (or the contract, before sending) blamed, when it named one."""
        if isinstance(self.exc, pydantic.ValidationError):
            errors = self.exc.errors()
            return str(errors[0]["loc"][0]) if errors and errors[0]["loc"] else None
        return self.exc.field if isinstance(self.exc, ApiStatusError) else None

    @property
    def retryable(self) -> bool:
        """Whether trying the same request again may succeed (connection trouble, server failure)."""
        return isinstance(self.exc, NetworkError | ServerError)


async def attempt(call: Awaitable[T], t: Translator | None = None) -> Outcome[T]:
    """Await one API call and turn any failure into one human sentence (in `t`'s language; English when None).
    The only `except` of the state layer.

    `LoyaltyError`s become `user_message(exc, t)`. A request the client refused to build (pydantic validation, e.g. an
    email too short to be one) and any unexpected bug become a calm sentence too: a view never sees an exception.
    """
    try:
        return Outcome(value=await call)
    except LoyaltyError as exc:
        return Outcome(error=user_message(exc, t), exc=exc)
    except pydantic.ValidationError as exc:
        return Outcome(error=_refused_request(exc, t), exc=exc)
    except Exception as exc:  # a bug must not take the screen down with it
        log.exception("unexpected error in a state action")
        return Outcome(error=user_message(exc, t), exc=exc)


def _refused_request(exc: pydantic.ValidationError, t: Translator | None = None) -> str:
    # The contract's own sentences (a control character in a message, a date that is not YYYY-MM-DD) are written
    # for customers; pydantic's generic ones are not.
    errors = exc.errors()
    if errors and errors[0]["type"] == "value_error":
        return str(errors[0]["msg"]).removeprefix("Value error, ")
    return (t or Translator("en"))._("Please check what you entered and try again.")


def refused_text(kind: Any, text: str) -> str | None:
    """Why the contract's named text type ``kind`` (e.g. `MessageText`) refuses ``text``, or None.

    Only the contract's own reasons (control characters, text-direction overrides, ...) are returned; lengths are
    the forms' own checks, with the limits the API states.
    """
    try:
        pydantic.TypeAdapter(kind).validate_python(text)
    except pydantic.ValidationError as exc:
        errors = exc.errors()
        if errors and errors[0]["type"] == "value_error":
            return str(errors[0]["msg"]).removeprefix("Value error, ")
    return None


_DECLARED: dict[type, dict[str, Any]] = {}


def declared_defaults(cls: type) -> dict[str, Any]:
    """The attributes `cls` (and its bases) declare with a default at class level: `name: type = default`.

    These are a state object's whole memory: `ScreenState.reset()` sets each one back to (a copy of) its default,
    so a field added to a state class is forgotten on sign-out without anyone writing it into a `reset()`.
    """
    found = _DECLARED.get(cls)
    if found is None:
        found = _DECLARED[cls] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if name in vars(klass) and not str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                    found[name] = vars(klass)[name]
    return found


class FormTexts:
    """Forms whose text fields use `app/components/text_input.py`: `texts_revision` changes only when the app sets
    the texts itself (cleared, filled), never while the customer types.

    It is also where a form's memory is declared: the fields written `name: type = default` at class level are set
    to (a copy of) their defaults on creation and on `reset()` (sign-out), so a field added to a form is forgotten on
    sign-out without anyone listing it in a `reset()`.
    """

    texts_revision = 0

    def texts_set(self) -> None:
        """The app set this form's texts itself: its fields show them anew."""
        self.texts_revision += 1

    def _set_defaults(self) -> None:
        for name, default in declared_defaults(type(self)).items():
            setattr(self, name, copy.copy(default))

    def reset(self) -> None:
        """Forget everything (sign-out): every declared field back to its default; the fields show them anew."""
        self._set_defaults()
        self.texts_set()


class ScreenContext(Protocol):
    """What a screen's state may use of the session around it, and nothing more.

    A screen state never reaches its siblings: it says what changed (`invalidate` a tag, `set_balance`) and the
    session tells every screen that shows that data.
    """

    @property
    def client(self) -> LoyaltyClient: ...

    @property
    def device(self) -> DeviceStore: ...

    @property
    def t(self) -> Translator:
        """The session's language: texts (`t._`, `t.n_`), numbers, dates and money as the member reads them."""

    def set_balance(self, balance: int) -> None:
        """An answer carried the member's balance: every screen shows this number (unless it is a load's answer,
        asked before an action's answer changed the balance: `LOAD_ASKED_AT`)."""

    def member_seen(self, name: str) -> None:
        """An answer carried the member's name."""

    def set_inbox_unread(self, unread: int) -> None:
        """An answer carried how many inbox items are unread: the top bar shows this number."""

    def notify_customer(self, text: str) -> None:
        """A one-line message for the customer (a SnackBar)."""

    def invalidate(self, *tags: str, but: ScreenState | None = None) -> None:
        """Data changed: every screen that shows one of `tags` loads again on its next visit (except `but`, the
        screen that made the change and already shows it)."""

    async def happened(self, events: list[Event]) -> None:
        """An answer said what an action caused (a visit completed a challenge): tell every screen state at once,
        as the live updates would a moment later (a celebration is shown once, whichever comes first)."""

    def request_sent(self, key: str) -> None:
        """A money-like request with this Idempotency-Key is on its way: the live update that records it
        (`Event.idempotency_key`) is this screen's to apply, from the request's answer."""

    def request_settled(self, key: str, *, applied: bool) -> None:
        """The request with this key is over: its answer was `applied` here, or it was refused or given up (then
        what its live update changed loads again, as for any other device's)."""


class ScreenState(FormTexts, ft.Observable):
    """Loading, error and freshness of one screen's data.

    A subclass declares what its screen shows as `shows` (tags such as `{"stars"}`, `{"badges"}`): when that data
    changes anywhere, the session invalidates it. It declares its fields with their defaults at class level; sign-out
    sets them all back (`reset`). It gets a `ScreenContext`, not the session.

    `status` is `idle` before the first load, `loading` while a load runs, `ready` once data is there, `error` when
    the last load failed and there is no data to show (the view then shows the error with a Retry button).
    `refreshing` is true while a reload runs over data already shown.
    """

    shows: ClassVar[frozenset[str]] = frozenset()
    """The data this screen shows; `ScreenContext.invalidate(tag)` marks it stale when one of them changes."""
    fresh_for: ClassVar[float] = FRESH_FOR_SECONDS
    slow_after: float = SLOW_AFTER_SECONDS
    members_data: ClassVar[bool] = True
    """False for data that is the same for every member (the program's rules): a sign-out keeps it."""

    shows_refreshing: ClassVar[bool] = False
    """True for a screen that shows a reload in progress (Home's bar, the card's offline notice): starting and ending
    a reload re-render it. Any other screen keeps what it shows and re-renders only when the answer changed
    something, so a revisit that finds the same data costs no render (and no diff of the whole screen)."""

    status: Status = "idle"
    error: str | None = None
    slow: bool = False
    """A load has been running for longer than `slow_after`: the screen says it is still trying (what was shown
    stays shown)."""
    _error_retryable: bool = False
    _refreshing: bool = False
    _loaded_at: float | None = None
    _stale: bool = False

    def __init__(self, ctx: ScreenContext, clock: Clock = time.monotonic) -> None:
        self._ctx = ctx
        self._clock = clock
        self._epoch = 0
        """Counts resets: an answer that arrives after a sign-out belongs to the member who left, and is dropped."""
        self._set_defaults()

    @property
    def t(self) -> Translator:
        """The session's language (`self.t._("...")`, `self.t.stars(n)`): read at each use, so a change of language
        reaches the next text at once."""
        return self._ctx.t

    @property
    def refreshing(self) -> bool:
        """A reload runs over data already shown."""
        return self._refreshing

    def _set_refreshing(self, value: bool) -> None:
        if value != self._refreshing:
            self._refreshing = value  # private: observers are not told...
            if self.shows_refreshing:
                self._notify("refreshing")  # ...unless the screen shows it

    def reset(self) -> None:
        """Forget everything (sign-out): every declared field back to its default; answers still on their way are
        dropped when they arrive."""
        self._epoch += 1
        super().reset()

    async def refresh(self) -> bool:
        """Load now (the Refresh and Retry buttons); True when what is shown is the API's current data."""
        raise NotImplementedError

    async def ensure_loaded(self) -> None:
        """Load unless what is there is fresh (a revisit within the freshness window makes no request)."""
        if not self.is_fresh():
            await self.refresh()

    async def refresh_keeping_place(self) -> None:
        """Reload what is on screen after something changed elsewhere (a gift arrived, a challenge completed).

        Screens whose reload would lose the customer's place (a scrolled list) override this.
        """
        await self.refresh()

    async def events_arrived(self, events: list[Event]) -> None:
        """Live updates: these events happened while the app was open. Most screens need nothing more than the
        invalidation of their tags; a screen that reacts to an event (a celebration) overrides this."""

    def is_fresh(self, max_age: float | None = None) -> bool:
        return (
            self.status == "ready"
            and not self._stale
            and self._loaded_at is not None
            and self._clock() - self._loaded_at < (self.fresh_for if max_age is None else max_age)
        )

    def _mark_fresh(self) -> None:
        """What is shown was just loaded: fresh for the freshness window."""
        self._loaded_at = self._clock()
        self._stale = False

    def invalidate(self) -> None:
        """Mark the data out of date: the next visit loads again (what is shown stays until then)."""
        self._stale = True

    @property
    def recovers_by_itself(self) -> bool:
        """The last load failed for a reason that passes (no connection, a server failure): the session loads it
        again by itself as soon as the API answers (`Session.recover`), no Retry tap needed."""
        return self.error is not None and self._error_retryable and self.status in ("error", "ready")

    async def _watch_slow(self) -> None:
        await asyncio.sleep(self.slow_after)
        self.slow = True

    def _still_current(self, epoch: int) -> bool:
        """No sign-out happened since `epoch` was read: an answer may still be shown."""
        return epoch == self._epoch

    async def _run(self, busy: str, call: Awaitable[T]) -> Outcome[T] | None:
        """Run one action of this screen (a write) while the flag named `busy` is true. Returns its outcome, or
        None when the member signed out meanwhile: an answer for the member who left is dropped."""
        setattr(self, busy, True)
        epoch = self._epoch
        try:
            outcome = await attempt(call, self.t)
        finally:
            if self._still_current(epoch):  # else the next member's form, already reset, is not ours to touch
                setattr(self, busy, False)
        return outcome if self._still_current(epoch) else None

    async def _act(self, busy: str, error: str, call: Awaitable[T]) -> T | None:
        """`_run`, with the field named `error` holding the sentence when it fails. Returns the API's answer, or
        None (failed, or signed out meanwhile)."""
        setattr(self, error, None)
        outcome = await self._run(busy, call)
        if outcome is None:
            return None
        if not outcome.ok or outcome.value is None:
            setattr(self, error, outcome.error)
            return None
        return outcome.value

    async def _load(self, call: Callable[[], Awaitable[T]], apply: Callable[[T], None]) -> bool:
        """Run one load: `apply` the value on success, keep `error` for the view on failure.

        One load at a time per screen: a second call while one runs (double tap on Refresh) does nothing.
        """
        if self.status == "loading" or self.refreshing:
            return False
        had_data = self.status == "ready"
        if had_data:
            self._set_refreshing(True)
        else:
            self.status = "loading"
        self.error = None
        epoch = self._epoch
        asked_at = time.monotonic()
        watch = asyncio.create_task(self._watch_slow())
        try:
            outcome = await attempt(call(), self.t)
        except BaseException:  # cancelled: leave no spinner behind
            if self._still_current(epoch):
                self._set_refreshing(False)
                if not had_data:
                    self.status = "idle"
            raise
        finally:
            watch.cancel()
            if self.slow:
                self.slow = False
        if not self._still_current(epoch):
            return False  # signed out meanwhile: the next member does not see this
        self._set_refreshing(False)
        self._error_retryable = outcome.retryable
        if outcome.ok:
            with load_answer(asked_at):
                apply(outcome.value)  # type: ignore[arg-type]
            self._mark_fresh()
            self.status = "ready"
            return True
        self.error = outcome.error
        # A failed reload keeps the data on screen (with the error shown above it); a failed first load has nothing.
        self.status = "ready" if had_data else "error"
        return False
