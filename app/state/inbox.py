"""Inbox: what the member is told about (gifts with their message, asks and thank-yous, expiring Stars, challenges
ending, new offers, tier changes, badges), the unread count the top bar shows, read marks and the preferences.

The top bar's unread count comes with Home's summary (`Summary.inbox_unread`), so the first screen asks for no inbox;
the inbox itself loads when the member opens it, or when something it shows changed (`keep_count_current`).

Live: the inbox listens to the live updates' events (`events_arrived`), however they are delivered, and loads again
when one of them says it put an item in the inbox (`Event.inbox`), so a new item and the unread count appear without
a reload.
"""

from __future__ import annotations

from app.api.models import Event, Inbox, InboxItem, InboxKind, InboxPreference
from app.state.base import ScreenState


class InboxState(ScreenState):
    shows = frozenset({"inbox", "offers"})  # an activated offer leaves the inbox's "new offer" items

    inbox: Inbox | None = None
    marking: bool = False
    action_error: str | None = None
    saving_kind: str | None = None
    """The preference being saved (its switch waits)."""
    preference_error: str | None = None

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.inbox, self._apply)

    def _apply(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self._ctx.set_inbox_unread(inbox.unread)

    async def keep_count_current(self) -> None:
        """The top bar's count, on sign-in and on every navigation. Until the inbox is first loaded the summary's count
        stands, and nothing is asked; once something the inbox shows changed (an activated offer leaves its "new
        offer" item), or once it was loaded, it loads again when out of date."""
        if self.status == "idle" and not self._stale:
            return
        await self.ensure_loaded()

    @property
    def unread(self) -> int:
        return self.inbox.unread if self.inbox is not None else 0

    @property
    def items(self) -> list[InboxItem]:
        return self.inbox.items if self.inbox is not None else []

    @property
    def preferences(self) -> list[InboxPreference]:
        return self.inbox.preferences if self.inbox is not None else []

    async def events_arrived(self, events: list[Event]) -> None:
        """Something happened while the app was open: the inbox (and the top bar's unread count) loads again when one
        of the events put an item in it (`Event.inbox`), whether or not it was opened before."""
        if any(e.inbox for e in events):
            self.invalidate()
            await self.refresh()

    async def open_item(self, item: InboxItem) -> None:
        """The member opened an item: it is read from now on (the view then shows the screen it is about)."""
        if item.read or self.marking:
            return
        inbox = await self._act("marking", "action_error", self._ctx.client.mark_inbox_read([item.id]))
        if inbox is not None:
            self._apply(inbox)

    async def mark_all_read(self) -> None:
        if self.marking or self.unread == 0:
            return
        inbox = await self._act("marking", "action_error", self._ctx.client.mark_inbox_all_read())
        if inbox is not None:
            self._apply(inbox)

    async def set_preference(self, kind: InboxKind, enabled: bool) -> None:
        """Turn one kind of item on or off (the API refuses to turn off account and security notices)."""
        if self.saving_kind is not None:
            return
        self.saving_kind = kind
        try:
            inbox = await self._act("marking", "preference_error", self._ctx.client.set_inbox_preference(kind, enabled))
        finally:
            self.saving_kind = None
        if inbox is not None:
            self._apply(inbox)
