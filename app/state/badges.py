"""Badges: earned and locked badges with their progress, a badge's detail, and the celebration of a new one.

When the live updates report `badge_earned` events while the app is open (`events_arrived`), the badges are loaded
again and each new badge is celebrated in a dialog.
"""

from __future__ import annotations

from app.api.models import Badge, Event
from app.state.base import ScreenState
from app.state.sharing import SharesToEarn

_EVENT_PREFIX = "Badge: "


def badge_label(badge: Badge) -> str:
    """The accessible name of a badge: `First sip, earned` or `Regular, locked, 4 of 10`."""
    if badge.earned_at is not None:
        return f"{badge.name}, earned"
    return f"{badge.name}, locked, {badge.progress} of {badge.target}"


class BadgesState(ScreenState, SharesToEarn):
    shows = frozenset({"badges", "stars"})  # a visit counts towards badges

    badges: list[Badge] = []
    selected: Badge | None = None
    """The badge whose detail is open."""
    celebrating: Badge | None = None
    """A badge earned while the app is open, shown in the celebration dialog."""
    _queue: list[Badge] = []

    async def refresh(self) -> bool:
        """Load now; True when the badges shown are the API's current ones."""
        return await self._load(self._ctx.client.badges, self._apply)

    def _apply(self, badges: list[Badge]) -> None:
        self.badges = badges

    @property
    def earned(self) -> list[Badge]:
        return [b for b in self.badges if b.earned_at is not None]

    @property
    def locked(self) -> list[Badge]:
        return [b for b in self.badges if b.earned_at is None]

    def open_detail(self, badge: Badge) -> None:
        self.selected = badge

    def close_detail(self) -> None:
        self.selected = None

    # ------------------------------------------------------------------ celebration

    async def events_arrived(self, events: list[Event]) -> None:
        """New `badge_earned` events arrived: load the badges again and celebrate each new one."""
        events = [e for e in events if e.kind == "badge_earned"]
        if not events:
            return
        had_badges = self.status == "ready"
        before = {b.id for b in self.earned}
        self.invalidate()
        loaded = await self.refresh()
        new = [b for b in self.earned if b.id not in before] if had_badges and loaded else []
        if not new:
            # No list to compare with (never loaded, or the load failed): celebrate what the events name.
            known = {b.name: b for b in self.badges}
            for event in events:
                name = event.title.removeprefix(_EVENT_PREFIX)
                new.append(known.get(name) or _badge_from_event(name, event))
        self._queue += new
        if self.celebrating is None:
            self._next()

    def close_celebration(self) -> None:
        self._next()

    def _next(self) -> None:
        self.celebrating = self._queue.pop(0) if self._queue else None


def _badge_from_event(name: str, event: Event) -> Badge:
    return Badge(
        id=f"event-{event.id}",
        name=name,
        description=event.body,
        criteria="",
        icon="military_tech",
        target=1,
        progress=1,
        earned_at=event.created_at,
    )
