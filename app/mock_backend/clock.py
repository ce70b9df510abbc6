"""Clocks: the store never calls ``datetime.now`` itself, so tests can move time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real current time, in UTC."""
    return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when told to (for tests and for deterministic demos)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("use an aware datetime")
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward by ``delta`` and return the new time."""
        self.current += delta
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment


class MovableClock:
    """The real time plus an offset that only grows: a served demo backend whose time tests can move forward."""

    def __init__(self, base: Clock = utc_now) -> None:
        self.base = base
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return self.base() + self.offset

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward by ``delta`` and return the new time."""
        self.offset += delta
        return self()
