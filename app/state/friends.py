"""The Friends screen's state: one section state per part of the screen, loaded, kept fresh and reset together.

The sections are ordinary screen states (`GiftState`, `FriendCircleState`, `AsksState`, `ThanksState`), each with
its own loading and error, so one part that fails to load does not hide the others. To add a section (a Star Pool,
a leaderboard), add its state class to `SECTIONS` and its component to `app/views/friends.py: SECTIONS`.

Each section gets a context of its own: what it invalidates reaches the other screens through the session, and
its sibling sections here.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar, TypeVar

from app.api.models import Event
from app.i18n import Translator
from app.state.base import Clock, ScreenContext, ScreenState
from app.state.friend_asks import AsksState
from app.state.friend_circle import FriendCircleState
from app.state.friend_thanks import ThanksState
from app.state.gift import GiftState
from app.state.leaderboard import LeaderboardState
from app.state.newcomer_gift import NewcomerGiftState
from app.state.pools import PoolsState

if TYPE_CHECKING:
    from app.api.client import LoyaltyClient
    from app.state.storage import DeviceStore

S = TypeVar("S", bound=ScreenState)


class _SectionContext:
    """A section's `ScreenContext`: the screen's own, except that invalidating reaches the sibling sections."""

    def __init__(self, screen: FriendsState, ctx: ScreenContext) -> None:
        self._screen = screen
        self._ctx = ctx

    @property
    def client(self) -> LoyaltyClient:
        return self._ctx.client

    @property
    def device(self) -> DeviceStore:
        return self._ctx.device

    @property
    def t(self) -> Translator:
        return self._ctx.t

    def set_balance(self, balance: int) -> None:
        self._ctx.set_balance(balance)

    def member_seen(self, name: str) -> None:
        self._ctx.member_seen(name)

    def set_inbox_unread(self, unread: int) -> None:
        self._ctx.set_inbox_unread(unread)

    def notify_customer(self, text: str) -> None:
        self._ctx.notify_customer(text)

    def invalidate(self, *tags: str, but: ScreenState | None = None) -> None:
        self._ctx.invalidate(*tags, but=self._screen)
        self._screen.invalidate_sections(set(tags), but=but)

    async def happened(self, events: list[Event]) -> None:
        await self._ctx.happened(events)

    def request_sent(self, key: str) -> None:
        self._ctx.request_sent(key)

    def request_settled(self, key: str, *, applied: bool) -> None:
        self._ctx.request_settled(key, applied=applied)


class FriendsState(ScreenState):
    SECTIONS: ClassVar[tuple[type[ScreenState], ...]] = (
        GiftState, FriendCircleState, AsksState, ThanksState, PoolsState, LeaderboardState, NewcomerGiftState
    )
    shows = frozenset().union(*(s.shows for s in SECTIONS))

    def __init__(self, ctx: ScreenContext, clock: Clock = time.monotonic) -> None:
        super().__init__(ctx, clock)
        section_ctx = _SectionContext(self, ctx)
        self._sections: dict[type[ScreenState], ScreenState] = {
            kind: kind(section_ctx, clock) for kind in self.SECTIONS
        }

    def section(self, kind: type[S]) -> S:
        """The state of one section of the screen."""
        return self._sections[kind]  # type: ignore[return-value]  # each class maps to an instance of it

    @property
    def sections(self) -> list[ScreenState]:
        return list(self._sections.values())

    async def refresh(self) -> bool:
        if self.status != "ready":
            self.status = "loading"
        results = await asyncio.gather(*(s.refresh() for s in self.sections))
        self._mark_fresh()
        self.status = "ready"  # each section shows its own loading and errors
        return all(results)

    async def ensure_loaded(self) -> None:
        if self.status != "ready":
            await self.refresh()
            return
        await asyncio.gather(*(s.ensure_loaded() for s in self.sections))

    async def refresh_keeping_place(self) -> None:
        await asyncio.gather(*(s.refresh() for s in self.sections if not s.is_fresh()))

    def is_fresh(self, max_age: float | None = None) -> bool:
        return self.status == "ready" and all(s.is_fresh(max_age) for s in self.sections)

    def invalidate(self) -> None:
        super().invalidate()
        for s in self.sections:
            s.invalidate()

    def invalidate_sections(self, tags: set[str], but: ScreenState | None = None) -> None:
        """Data changed in one section: the sibling sections showing it load again."""
        for s in self.sections:
            if s is not but and tags & s.shows:
                s.invalidate()

    def reset(self) -> None:
        super().reset()
        for s in self.sections:
            s.reset()

    async def events_arrived(self, events: list[Event]) -> None:
        for s in self.sections:
            await s.events_arrived(events)
