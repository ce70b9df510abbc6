"""Home: the member's summary (balance, tier, next reward, expiring Stars, challenges, badges, offers).

One API round trip (`client.summary()`, revalidated with its ETag by the client) loads the whole screen.
A visit within `FRESH_FOR_SECONDS` of the last load shows what is there without asking again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.api.models import Summary
from app.state.base import ScreenState


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


class HomeState(ScreenState):
    shows = frozenset({"stars", "challenges", "badges", "profile", "offers", "goal"})

    summary: Summary | None = None

    async def refresh(self) -> bool:
        """Load now (the Refresh and Retry buttons, and live updates after Stars moved)."""
        return await self._load(self._ctx.client.summary, self._apply)

    def _apply(self, summary: Summary) -> None:
        self.summary = summary
        self._ctx.member_seen(summary.name)
        self._ctx.set_balance(summary.balance)
