"""Events: a member's page of events after a cursor, and waiting for the next one (the long-poll).

A request waiting for a member's next event must not hold a worker thread (FastAPI runs sync routes in a pool of
40 threads: 40 idle customers would starve everyone else). The waiting route is async and waits on an
`asyncio.Event` of its own, registered in the store's `EventSignals`. The store is synchronous: services add
events from worker threads under the store lock, and `Store.add_event` calls `EventSignals.notify`, which hands
`Event.set` to each waiter's event loop with `loop.call_soon_threadsafe` (an `asyncio.Event` is not thread-safe).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import threading
import weakref
from collections.abc import Awaitable, Callable

from fastapi.concurrency import run_in_threadpool

from app.api import models
from app.mock_backend import present
from app.mock_backend.records import Member
from app.mock_backend.store import Store

MAX_WAIT_SECONDS = models.EVENTS_MAX_WAIT
MAX_STREAMS_PER_MEMBER = 10
"""Event streams one member may hold open at once (a phone, a laptop and a few browser tabs). Each costs the API a
connection and a waiting task for ten minutes: without a cap, one stolen or scripted token could open thousands."""
STREAMS_RETRY_AFTER = 30


class EventSignals:
    """Who is waiting for which member's next event, in any number of event loops."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}
        self._streams: dict[str, int] = {}
        """Open event streams, by member."""

    def listen(self, member_id: str) -> tuple[asyncio.AbstractEventLoop, asyncio.Event]:
        """Register a waiter in the running event loop; pass it to `forget` when done."""
        waiter = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiting.setdefault(member_id, set()).add(waiter)
        return waiter

    def forget(self, member_id: str, waiter: tuple[asyncio.AbstractEventLoop, asyncio.Event]) -> None:
        with self._lock:
            found = self._waiting.get(member_id)
            if found is not None:
                found.discard(waiter)
                if not found:
                    del self._waiting[member_id]

    def open_stream(self, member_id: str) -> bool:
        """Count one more open stream for the member; False (nothing counted) when they hold the most already."""
        with self._lock:
            held = self._streams.get(member_id, 0)
            if held >= MAX_STREAMS_PER_MEMBER:
                return False
            self._streams[member_id] = held + 1
            return True

    def close_stream(self, member_id: str) -> None:
        with self._lock:
            held = self._streams.get(member_id, 0) - 1
            if held > 0:
                self._streams[member_id] = held
            else:
                self._streams.pop(member_id, None)

    def waiting(self, member_id: str) -> int:
        with self._lock:
            return len(self._waiting.get(member_id, ()))

    def notify(self, member_id: str) -> None:
        """An event was added for the member (called from any thread)."""
        with self._lock:
            waiters = list(self._waiting.get(member_id, ()))
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:
                pass  # that loop is closed: its request is gone


_signals: weakref.WeakKeyDictionary[Store, EventSignals] = weakref.WeakKeyDictionary()
_signals_lock = threading.Lock()


def signals_of(store: Store) -> EventSignals:
    """The store's signals, made and hooked into `Store.add_event` on first use."""
    with _signals_lock:
        found = _signals.get(store)
        if found is None:
            found = _signals[store] = EventSignals()
            store.event_listeners.append(found.notify)
        return found


def events_page(store: Store, member: Member, after: int, limit: int) -> models.EventsPage:
    """The member's events newer than `after`, oldest first, at most `limit`."""
    with store.lock:
        # Event ids only grow (`Store.add_event`), so the list is in id order: find the first newer one by bisection
        # instead of scanning the whole history under the lock for every page. Ten streams replaying 4,603 events
        # from 0 at once took 4.0-4.4 s each, and another member's summary 77 ms at the median meanwhile; with the
        # bisection 2.7-3.1 s and 62 ms (7 ms when quiet; a hostile pass, 2026-12-02).
        start = bisect.bisect_right(member.events, after, key=lambda e: e.id)
        return present.events_page(member.events[start : start + limit], after)


async def wait_for_events(
    store: Store,
    member: Member,
    after: int,
    limit: int,
    wait: float,
    gone: Callable[[], Awaitable[object]] | None = None,
) -> models.EventsPage:
    """The events after `after` at once when there are any, else the first ones to come within `wait` seconds
    (an empty page when none came). Holds no thread while it waits. `gone` returns when the caller has left (the
    client closed the connection): the wait ends then, instead of holding memory until `wait` has passed."""
    if wait <= 0:
        return await run_in_threadpool(events_page, store, member, after, limit)
    signals = signals_of(store)
    waiter = signals.listen(member.id)  # before the first read: an event added after it cannot be missed
    loop, event = waiter
    deadline = loop.time() + min(wait, MAX_WAIT_SECONDS)
    left = asyncio.ensure_future(gone()) if gone is not None else None
    woken: asyncio.Task[bool] | None = None
    try:
        while True:
            event.clear()
            # Read in a worker thread: the store lock may be held by a write for a moment, never by the loop.
            page = await run_in_threadpool(events_page, store, member, after, limit)
            remaining = deadline - loop.time()
            if page.events or remaining <= 0 or (left is not None and left.done()):
                return page
            woken = asyncio.ensure_future(event.wait())
            await asyncio.wait([woken, *([left] if left else [])], timeout=remaining, return_when="FIRST_COMPLETED")
            woken.cancel()
            if not event.is_set():
                return page  # the wait is over, or nobody is listening any more
    finally:
        signals.forget(member.id, waiter)
        if woken is not None:
            woken.cancel()  # also when this wait is cancelled (the client left): no task left pending
        if left is not None:
            left.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await left
