"""Badges: earned and locked badges with their progress and a badge's detail.

When the live updates report `badge_earned` events while the app is open (`events_arrived`), the badges are loaded
again; the new badge's moment is `app.state.celebration.CelebrationState`'s.
"""

from __future__ import annotations

from app.api.models import Badge, Event
from app.i18n import Translator
from app.state.base import ScreenState
from app.state.sharing import SharesToEarn


def badge_label(badge: Badge, t: Translator) -> str:
    """The accessible name of a badge: `First sip, earned` or `Regular, locked, 4 of 10`."""
    if badge.earned_at is not None:
        # Translators: a badge's accessible name; {badge} is its name.
        return t._("{badge}, earned", badge=badge.name)
    # Translators: a locked badge's accessible name; {badge} is its name, {progress} of {target} its progress.
    return t._(
        "{badge}, locked, {progress} of {target}", badge=badge.name, progress=badge.progress, target=badge.target
    )


class BadgesState(ScreenState, SharesToEarn):
    shows = frozenset({"badges", "stars"})  # a visit counts towards badges

    badges: list[Badge] = []
    selected: Badge | None = None
    """The badge whose detail is open."""

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

    # ------------------------------------------------------------------ live updates

    async def events_arrived(self, events: list[Event]) -> None:
        """A badge was earned while the app is open: show it earned (the moment itself is `CelebrationState`'s)."""
        if any(e.kind == "badge_earned" for e in events) and self.status == "ready":
            self.invalidate()
            await self.refresh()
