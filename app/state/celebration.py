"""Celebrations: a challenge finished, a badge earned, a higher tier reached get a moment of their own.

The API marks those events (`Event.celebrate`); they reach this state from the live updates (on any device) and
from the answer of the action that caused them (a visit's `PurchaseResult.events`), whichever comes first: each
event is celebrated once (by its id). The moment is shown in the shell above the screen, never over it, so the
result that caused it (the visit's "Balance now ...") stays readable; one moment at a time, the next after "Nice!".
"""

from __future__ import annotations

from typing import Literal

from app.api.models import Event
from app.state.base import ScreenState

MomentKind = Literal["challenge", "badge", "tier"]
_KINDS: dict[str, MomentKind] = {"challenge_completed": "challenge", "badge_earned": "badge", "tier_changed": "tier"}


class CelebrationState(ScreenState):
    """Not a screen of its own: the queue of moments the shell shows over every screen."""

    current: Event | None = None
    """The moment shown now."""
    queued: list[Event] = []
    """Moments after the current one. A field the shown celebration observes ("2 more to celebrate"): when it was
    private, a moment queued behind the one shown changed nothing on screen until the next render."""
    _seen: set[int] = set()

    async def refresh(self) -> bool:
        return True  # nothing to load: moments arrive with events

    async def events_arrived(self, events: list[Event]) -> None:
        """Events happened (live updates, or the answer of an action): queue the ones worth celebrating."""
        for event in events:
            if event.celebrate and event.id not in self._seen:
                self._seen.add(event.id)
                self.queued = [*self.queued, event]
        if self.current is None:
            self._next()

    @staticmethod
    def kind_of(event: Event) -> MomentKind:
        return _KINDS.get(event.kind, "badge")

    def dismiss(self, moment_id: int | None = None) -> None:
        """ "Nice!": the next moment, if any. With `moment_id`, only when that moment is the one shown: a second tap
        on a button already answered (a double tap, a tap that arrives late) leaves the next moment for the customer
        to see."""
        if moment_id is not None and (self.current is None or self.current.id != moment_id):
            return
        self._next()

    @property
    def waiting(self) -> int:
        """Moments queued after the current one."""
        return len(self.queued)

    def _next(self) -> None:
        if self.queued:
            self.current, *rest = self.queued
            self.queued = rest
        else:
            self.current = None
