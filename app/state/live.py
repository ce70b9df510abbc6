"""Live updates while the app is open: poll `client.events(after=cursor)` every couple of seconds.

One background task per signed-in browser session, started on sign-in and cancelled on sign-out, session expiry
and disconnect. The first poll only sets the cursor (what happened before this session is not news); later events
become notices ("Grace sent you 25 Stars: Coffee's on me") and invalidate the data they change, by tag (`EVENT_TAGS`):
the screens showing it load again, the one on screen right away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from app.api.errors import LoyaltyError, SessionExpired
from app.api.models import Event

if TYPE_CHECKING:
    from app.state.session import Session

log = logging.getLogger("starboard.state")

# Events the customer did not cause from this screen: worth a notice. (A redemption or a simulated visit already
# says so where it happened; an achievement the API marks `celebrate` gets a moment of its own instead, see
# `CelebrationState`, so no notice covers the result that caused it.)
_NEWS = {
    "gift_received",
    "challenge_completed",
    "tier_changed",
    "stars_expired",
    "friend_request_received",
    "friend_request_accepted",
    "ask_received",
    "ask_answered",
    "thanks_received",
}
# Events after which the balance (and what depends on it) must be loaded again. The member's own gifts and
# redemptions are among them: another of their devices that is open learns of them the same way.
_MOVES_STARS = {
    "gift_received",
    "gift_sent",
    "stars_earned",
    "reward_redeemed",
    "stars_expired",
    "challenge_completed",
}
EVENT_TAGS: dict[str, frozenset[str]] = {
    "challenge_completed": frozenset({"stars", "challenges"}),
    "badge_earned": frozenset({"badges"}),
    "tier_changed": frozenset({"profile"}),
    "pool_invited": frozenset({"pools"}),
    "pool_redeemed": frozenset({"pools"}),
    "newcomer_gift_claimed": frozenset({"newcomer_gifts"}),
    "newcomer_gift_returned": frozenset({"newcomer_gifts"}),
    "gift_sent": frozenset({"stars", "friends"}),
    "reward_redeemed": frozenset({"stars", "rewards"}),
    "reward_used": frozenset({"rewards"}),
    # the Friends screen: requests, asks and thank-yous of the other members
    "gift_received": frozenset({"friends"}),
    "friend_request_received": frozenset({"friends"}),
    "friend_request_accepted": frozenset({"friends"}),
    "ask_received": frozenset({"friends"}),
    "ask_answered": frozenset({"friends"}),
    "thanks_received": frozenset({"friends"}),
}
"""The data an event changes, beyond the Stars (see `ScreenState.shows`)."""


def tags_of(events: list[Event]) -> set[str]:
    """Every tag the events invalidate."""
    tags: set[str] = set()
    for event in events:
        tags |= EVENT_TAGS.get(event.kind, frozenset())
        if event.kind in _MOVES_STARS or event.stars:
            tags.add("stars")
    return tags


def notice_text(event: Event) -> str:
    """The sentence shown for an event: its title, then its body when there is one."""
    body = event.body.strip()
    return f"{event.title}: {body}" if body else event.title


class LiveUpdates:
    def __init__(self, session: Session, interval: float) -> None:
        self._session = session
        self.interval = interval
        self.cursor: int | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if self.running:
            return
        self._task = asyncio.create_task(self._run(), name="starboard-live-updates")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.cursor = None

    async def _run(self) -> None:
        while True:
            try:
                await self.poll_once()
                await self._session.recover()  # the API answers: what failed without it loads again
            except SessionExpired:
                return
            except LoyaltyError:
                pass  # offline for a moment: the next poll tries again
            except Exception:
                log.exception("live updates: unexpected error")
            await asyncio.sleep(self.interval)

    async def _catch_up(self) -> int:
        """The cursor after everything that already happened (the API pages events, oldest first)."""
        cursor = 0
        while True:
            page = await self._session.client.events(after=cursor)
            if not page.events or page.cursor == cursor:
                return cursor
            cursor = page.cursor

    async def poll_once(self) -> list[Event]:
        """Fetch what happened since the cursor and react to it; returns the new events."""
        if self.cursor is None:
            self.cursor = await self._catch_up()
            return []
        page = await self._session.client.events(after=self.cursor)
        self.cursor = page.cursor
        for event in page.events:
            if event.kind in _NEWS and not event.celebrate:
                self._session.notify_customer(notice_text(event))
        tags = tags_of(page.events)
        self._session.invalidate(*tags)
        if page.events:
            await self._session.events_arrived(page.events)  # e.g. a new badge is celebrated
        if "stars" in tags:
            await self._session.refresh_balance()
        if tags:
            await self._session.refresh_shown()  # e.g. the challenge that just completed, on the Challenges screen
        return page.events
