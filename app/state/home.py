"""Home: the member's summary (balance, tier, next reward, expiring Stars, challenges, badges, offers).

One API round trip (`client.summary()`, revalidated with its ETag by the client) loads the whole screen.
A visit within `FRESH_FOR_SECONDS` of the last load shows what is there without asking again.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.api.models import Summary
from app.state.base import Clock, ScreenState


def offer_ends(ends_at: datetime, now: datetime | None = None) -> str:
    """How long an offer still runs, in words: `Ends in 5 hours`, `Ends within the hour`, `Until Fri 27 Nov`."""
    now = now or datetime.now(UTC)
    seconds = (ends_at - now).total_seconds()
    if seconds <= 0:
        return "Ended"
    if seconds < 3600:
        return "Ends within the hour"
    if seconds < 24 * 3600:
        hours = int(seconds // 3600)
        return f"Ends in {hours} hour" if hours == 1 else f"Ends in {hours} hours"
    return f"Until {ends_at.astimezone():%a %d %b}"


if TYPE_CHECKING:
    from app.state.session import Session


class HomeState(ScreenState):
    def __init__(self, session: Session, clock: Clock) -> None:
        super().__init__(clock)
        self._session = session
        self.summary: Summary | None = None
        self._preloading: asyncio.Task[None] | None = None

    def reset(self) -> None:
        super().reset()
        self.summary = None

    async def preload(self, max_wait: float) -> None:
        """Start loading and wait for it at most `max_wait` seconds; the load goes on in the background after that.

        Called before the first render of a signed-in session: every screen's top bar shows the balance from the
        summary, so when it arrives quickly the first frame already shows it instead of a spinner.
        """
        self._preloading = asyncio.create_task(self.ensure_loaded())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._preloading), max_wait)

    async def refresh(self) -> None:
        """Load now (the Refresh and Retry buttons, and live updates after Stars moved)."""
        await self._load(self._session.client.summary, self._apply)

    def _apply(self, summary: Summary) -> None:
        self.summary = summary
        self._session.member_name = summary.name
        self._session.set_balance(summary.balance)
