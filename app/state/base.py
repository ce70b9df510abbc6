"""What every screen's state shares: loading/error bookkeeping and the one place errors become sentences.

State classes subclass `ft.Observable`: assigning a public attribute notifies the components that use the object,
so a component re-renders when the state it reads changes. The classes are plain Python otherwise, and the tests
drive them without any page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

import flet as ft
import pydantic

from app.api.errors import ApiStatusError, LoyaltyError, NetworkError, ServerError, user_message

log = logging.getLogger("starboard.state")

T = TypeVar("T")
Status = Literal["idle", "loading", "ready", "error"]
Clock = Callable[[], float]

FRESH_FOR_SECONDS = 30.0
"""A screen visited again within this window shows what it has instead of loading again."""


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
        """The request field the API blamed, when it named one."""
        return self.exc.field if isinstance(self.exc, ApiStatusError) else None

    @property
    def retryable(self) -> bool:
        """Whether trying the same request again may succeed (connection trouble, server failure)."""
        return isinstance(self.exc, NetworkError | ServerError)


async def attempt(call: Awaitable[T]) -> Outcome[T]:
    """Await one API call and turn any failure into one human sentence. The only `except` of the state layer.

    `LoyaltyError`s become `user_message(exc)`. A request the client refused to build (pydantic validation, e.g. an
    email too short to be one) and any unexpected bug become a calm sentence too: a view never sees an exception.
    """
    try:
        return Outcome(value=await call)
    except LoyaltyError as exc:
        return Outcome(error=user_message(exc), exc=exc)
    except pydantic.ValidationError as exc:
        return Outcome(error="Please check what you entered and try again.", exc=exc)
    except Exception as exc:  # a bug must not take the screen down with it
        log.exception("unexpected error in a state action")
        return Outcome(error=user_message(exc), exc=exc)


class FormTexts:
    """Forms whose text fields use `app/components/text_input.py`: `texts_revision` changes only when the app sets
    the texts itself (cleared, filled), never while the customer types."""

    texts_revision = 0

    def texts_set(self) -> None:
        """The app set this form's texts itself: its fields show them anew."""
        self.texts_revision += 1


class ScreenState(FormTexts, ft.Observable):
    """Loading, error and freshness of one screen's data.

    `status` is `idle` before the first load, `loading` while a load runs, `ready` once data is there, `error` when
    the last load failed and there is no data to show (the view then shows the error with a Retry button).
    `refreshing` is true while a reload runs over data already shown.
    """

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self.status: Status = "idle"
        self.error: str | None = None
        self.refreshing = False
        self._loaded_at: float | None = None
        self._stale = False

    async def refresh(self) -> None:
        raise NotImplementedError

    async def ensure_loaded(self) -> None:
        """Load unless what is there is fresh (a revisit within the freshness window makes no request)."""
        if not self.is_fresh():
            await self.refresh()

    async def refresh_in_place(self) -> None:
        """Reload what is on screen after something changed elsewhere (a gift arrived, a challenge completed).

        Screens whose reload would lose the customer's place (a scrolled list) override this.
        """
        await self.refresh()

    def is_fresh(self, max_age: float = FRESH_FOR_SECONDS) -> bool:
        return (
            self.status == "ready"
            and not self._stale
            and self._loaded_at is not None
            and self._clock() - self._loaded_at < max_age
        )

    def _mark_fresh(self) -> None:
        """What is shown was just loaded: fresh for the freshness window."""
        self._loaded_at = self._clock()
        self._stale = False

    def invalidate(self) -> None:
        """Mark the data out of date: the next visit loads again (what is shown stays until then)."""
        self._stale = True

    def reset(self) -> None:
        """Forget everything (sign-out)."""
        self.texts_set()
        self.status = "idle"
        self.error = None
        self.refreshing = False
        self._loaded_at = None
        self._stale = False

    async def _load(self, call: Callable[[], Awaitable[T]], apply: Callable[[T], None]) -> bool:
        """Run one load: `apply` the value on success, keep `error` for the view on failure.

        One load at a time per screen: a second call while one runs (double tap on Refresh) does nothing.
        """
        if self.status == "loading" or self.refreshing:
            return False
        had_data = self.status == "ready"
        if had_data:
            self.refreshing = True
        else:
            self.status = "loading"
        self.error = None
        try:
            outcome = await attempt(call())
        except BaseException:  # cancelled: leave no spinner behind
            self.refreshing = False
            if not had_data:
                self.status = "idle"
            raise
        self.refreshing = False
        if outcome.ok:
            apply(outcome.value)  # type: ignore[arg-type]
            self._mark_fresh()
            self.status = "ready"
            return True
        self.error = outcome.error
        # A failed reload keeps the data on screen (with the error shown above it); a failed first load has nothing.
        self.status = "ready" if had_data else "error"
        return False
