"""The moment the backend tests stand at, on a clock that moves only when a test moves it."""

from datetime import UTC, datetime

from app.mock_backend import FrozenClock

T0 = datetime(2025, 6, 18, 10, 0, tzinfo=UTC)
"""A Wednesday: Double Star Day in the demo seed."""


def frozen_clock() -> FrozenClock:
    """A clock standing at `T0`."""
    return FrozenClock(T0)
