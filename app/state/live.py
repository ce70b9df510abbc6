"""Live updates while the app is open: the API pushes the member's events over a stream that stays open.

`client.event_stream(after=cursor)` (server-sent events) brings each event as it happens; the API ends a stream
after ten minutes (or when the access token expires) and the app opens the next one from its cursor at once. An
idle app costs the API one request in ten minutes, and its process only reads a keep-alive line every 25 s (a
long-poll answered every 40 s cost 2.5 ms of CPU a round trip: 6% of a core for 1,000 idle sessions). Against an
API without the stream (a 404 or 405) the app falls back to a long-poll, `client.events(after=cursor, wait=WAIT)`,
always outstanding. After an error the loop pauses (`interval`, doubling up to `MAX_PAUSE`) and tries again.

One background task per signed-in browser session, started on sign-in and cancelled on sign-out, session expiry
and disconnect. The first call only sets the cursor (what happened before this session is not news); later events
become notices ("Grace sent you 25 Stars: Coffee's on me") and invalidate the data they change, by tag (`EVENT_TAGS`):
the screens showing it load again, the one on screen right away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from typing import TYPE_CHECKING

from app.api.errors import ApiStatusError, LoyaltyError, SessionExpired
from app.api.models import EVENTS_MAX_WAIT, Event, EventsPage
from app.i18n import Translator

if TYPE_CHECKING:
    from app.state.session import Session

log = logging.getLogger("starboard.state")

WAIT = float(EVENTS_MAX_WAIT)
"""How long each long-poll may wait for news (the most the API allows), when the API has no event stream."""
NO_STREAM = frozenset({404, 405})
"""The API's answers to the event stream that mean it has none: the app long-polls instead."""
MAX_PAUSE = 30.0
"""The longest pause between tries while the API fails."""

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


class OwnRequests:
    """The money-like requests this session sent (a redemption, a gift), by Idempotency-Key, so that the live
    update recording each (`Event.idempotency_key`) is not applied a second time.

    The session applies such a request's answer itself (the new balance, the catalog or the allowance loaded
    again). The event that records the request says the same to the member's other open devices, and here it would
    load all of it again: after a gift, the seven sections of the Gift screen and the summary, 13 requests and a
    render of the screen for nothing. The event often arrives before the answer is applied (the API pushes it as
    the write commits); until then what it changed is held back (`sent`), and dropped once the answer is applied
    (`settled`). A request that ends without its answer applied (failed on its way, given up, refused) hands back
    what its event changed, to load as for any other device's event.
    """

    KEEP = 32
    """Keys of applied answers remembered for an event still on its way (a session sends a few a minute)."""

    def __init__(self) -> None:
        self._waiting: dict[str, set[str]] = {}  # key -> the tags of its event, when that came first
        self._applied: deque[str] = deque(maxlen=self.KEEP)

    def sent(self, key: str) -> None:
        self._waiting.setdefault(key, set())

    def settled(self, key: str, *, applied: bool) -> set[str]:
        """The request is over; returns what its event changed when that must load after all (not applied)."""
        held = self._waiting.pop(key, set())
        if applied:
            self._applied.append(key)
            return set()
        return held

    def recorded(self, event: Event) -> bool:
        """Whether `event` records a request of this session whose answer is applied here, or is on its way."""
        key = event.idempotency_key
        if key is None:
            return False
        if key in self._waiting:
            self._waiting[key] |= tags_of([event])
            return True
        return key in self._applied

    def forget(self) -> None:
        self._waiting.clear()
        self._applied.clear()


def notice_text(event: Event, t: Translator) -> str:
    """The sentence shown for an event: its title, then its body when there is one (both are the API's texts)."""
    body = event.body.strip()
    # Translators: a notice; {title} and {body} are the API's texts ("Grace sent you 25 Stars: Coffee's on me").
    return t._("{title}: {body}", title=event.title, body=body) if body else event.title


class LiveUpdates:
    def __init__(self, session: Session, interval: float, wait: float = WAIT) -> None:
        self._session = session
        self.interval = interval
        """The first pause after a failed call (doubled at each failure in a row, up to `MAX_PAUSE`), and the
        least time between two calls that came back empty at once (an API that does not wait)."""
        self.wait = wait
        self.streaming = True
        """Whether events come by the API's stream; False once the API has answered that it has none."""
        self.cursor: int | None = None
        self.own = OwnRequests()
        self._task: asyncio.Task[None] | None = None
        self._reloads: set[asyncio.Task[None]] = set()  # strong references until done
        self._failures = 0

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
        self.own.forget()
        for reload in self._reloads:
            reload.cancel()  # signed out: nothing of that member loads now

    def pause_after(self, failures: int) -> float:
        """The pause before trying again after `failures` failed calls in a row (with jitter, so that the apps of
        a whole crowd do not come back at the same instant after an outage)."""
        capped = min(self.interval * 2 ** (failures - 1), MAX_PAUSE)
        return capped * (0.5 + random.random() / 2)

    async def _run(self) -> None:
        self._failures = 0
        while True:
            started, catching_up = time.monotonic(), self.cursor is None
            try:
                if self.streaming and not catching_up:
                    events = await self.follow_stream()
                else:
                    events = await self.poll_once(self.wait)
                    await self._session.recover()  # the API answers: what failed without it loads again
            except SessionExpired:
                return
            except ApiStatusError as e:
                if self.streaming and e.status in NO_STREAM:
                    log.info("live updates: the API has no event stream; long-polling instead")
                    self.streaming = False
                    continue
                self._failures += 1
            except LoyaltyError:
                self._failures += 1  # offline for a moment: try again after a pause
            except Exception:
                log.exception("live updates: unexpected error")
                self._failures += 1
            else:
                self._failures = 0
                quick = time.monotonic() - started < min(self.wait / 2, self.interval)
                if not events and quick and not catching_up:
                    await asyncio.sleep(self.interval)  # the API answered at once with nothing: do not spin
            if self._failures:
                await asyncio.sleep(self.pause_after(self._failures))

    async def _catch_up(self) -> int:
        """The cursor after everything that already happened (the API pages events, oldest first)."""
        cursor = 0
        while True:
            page = await self._session.client.events(after=cursor)
            if not page.events or page.cursor == cursor:
                return cursor
            cursor = page.cursor

    async def follow_stream(self) -> list[Event]:
        """Open the API's event stream from the cursor and react to each page as it comes, until the API ends the
        stream; returns the events received."""
        assert self.cursor is not None
        received: list[Event] = []
        async with self._session.client.event_stream(after=self.cursor) as pages:
            self._failures = 0  # the API answers: a stream cut later starts the pauses afresh
            await self._session.recover()
            async for page in pages:
                await self._react(page)
                received += page.events
        return received

    async def poll_once(self, wait: float = 0) -> list[Event]:
        """Fetch what happened since the cursor (waiting up to `wait` seconds for it) and react to it; returns the
        new events. The first call only sets the cursor, at once."""
        if self.cursor is None:
            self.cursor = await self._catch_up()
            return []
        page = await self._session.client.events(after=self.cursor, wait=wait)
        await self._react(page)
        return page.events

    async def _react(self, page: EventsPage) -> None:
        """Move the cursor past the page, tell the customer what is news and load again what the events changed
        (but not what this session's own requests changed: it applies their answers, see `OwnRequests`)."""
        self.cursor = page.cursor
        others = [e for e in page.events if not self.own.recorded(e)]
        for event in others:
            if event.kind in _NEWS and not event.celebrate:
                self._session.notify_customer(notice_text(event, self._session.speech.t))
        tags = tags_of(others)
        self._session.invalidate(*tags)
        if page.events:
            await self._session.events_arrived(page.events)  # e.g. a new badge is celebrated, the inbox loads
        await self._reload(tags)

    async def _reload(self, tags: set[str]) -> None:
        if "stars" in tags:
            await self._session.refresh_balance()
        if tags:
            await self._session.refresh_shown()  # e.g. the challenge that just completed, on the Challenges screen

    def request_settled(self, key: str, *, applied: bool) -> None:
        """A request of this session is over (`OwnRequests.settled`); what its event changed loads now when its
        answer was not applied."""
        held = self.own.settled(key, applied=applied)
        if not held:
            return
        self._session.invalidate(*held)
        task = asyncio.get_running_loop().create_task(self._reload(held))
        self._reloads.add(task)
        task.add_done_callback(self._reloads.discard)
