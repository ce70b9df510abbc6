"""Activity: the ledger, newest first, one page at a time, filtered by kind (All, Earned, Spent, Gifts, Expired).

Pages come from `client.activity(cursor=..., kind=...)`; the screen asks for the next page as the list nears its
end. Entries are kept once each (by id), whatever the paging does.
"""

from __future__ import annotations

from app.api.models import ActivityEntry, ActivityFilter, ActivityPage
from app.i18n import Translator
from app.state.base import ScreenState, attempt

PAGE_SIZE = 20
FILTERS: tuple[ActivityFilter | None, ...] = (None, "earned", "spent", "gifts", "expired")
"""The filter tabs, in order (None: every entry)."""


def filter_label(kind: ActivityFilter | None, t: Translator) -> str:
    """A filter tab's label in the member's language: `All`, `Earned`, ... / `Todo`, `Ganadas`, ..."""
    labels = {
        None: t.p_("activity filter", "All"),
        "earned": t.p_("activity filter", "Earned"),
        "spent": t.p_("activity filter", "Spent"),
        "gifts": t.p_("activity filter", "Gifts"),
        "expired": t.p_("activity filter", "Expired"),
    }
    return labels[kind]


class ActivityState(ScreenState):
    shows = frozenset({"stars"})

    page_size: int = PAGE_SIZE
    kind: ActivityFilter | None = None
    entries: list[ActivityEntry] = []
    next_cursor: str | None = None
    loading_more: bool = False
    more_error: str | None = None
    expiry_months: int | None = None
    """How long Stars live, as the API states it with every page."""

    def _clear(self) -> None:
        self.entries = []
        self.next_cursor = None
        self.loading_more = False
        self.more_error = None

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    async def refresh(self) -> bool:
        """Load the first page again (of the current filter)."""
        return await self._load(self._first_page, self._apply_first)

    async def refresh_keeping_place(self) -> None:
        """New entries arrived while the list is shown: put them on top and keep the pages already scrolled."""
        kind, epoch = self.kind, self._epoch
        outcome = await attempt(self._first_page(), self.t)
        if not self._still_current(epoch) or kind != self.kind or self.status != "ready":
            return  # signed out or the filter changed meanwhile
        if not outcome.ok or outcome.value is None:
            return  # offline for a moment: what is shown stays
        page = outcome.value
        known = {e.id for e in self.entries}
        if not known.intersection(e.id for e in page.items):
            self._apply_first(page)  # more new entries than a page: start again from the newest
        else:
            fresh = [e for e in page.items if e.id not in known]
            if fresh:
                self.entries = fresh + self.entries
        self._mark_fresh()

    async def _first_page(self) -> ActivityPage:
        return await self._ctx.client.activity(limit=self.page_size, kind=self.kind)

    def _apply_first(self, page: ActivityPage) -> None:
        self._clear()
        self._append(page)

    async def set_filter(self, kind: ActivityFilter | None) -> None:
        """Switch the filter chip: start again from the newest entry of that kind."""
        if kind == self.kind and self.status == "ready":
            return
        self.kind = kind
        self._clear()
        self.status = "idle"
        await self.refresh()

    async def load_more(self) -> None:
        """Load the next page (the list neared its end, or "Load more" was tapped). One at a time."""
        cursor, kind = self.next_cursor, self.kind
        if cursor is None or self.loading_more or self.status != "ready":
            return
        self.loading_more = True
        self.more_error = None
        try:
            outcome = await attempt(self._ctx.client.activity(cursor=cursor, limit=self.page_size, kind=kind), self.t)
        finally:
            self.loading_more = False
        if kind != self.kind or cursor != self.next_cursor:
            return  # the filter changed while this page was on its way
        if not outcome.ok or outcome.value is None:
            self.more_error = outcome.error
            return
        self._append(outcome.value)

    def _append(self, page: ActivityPage) -> None:
        seen = {e.id for e in self.entries}
        self.entries = self.entries + [e for e in page.items if e.id not in seen]
        self.next_cursor = page.next_cursor
        self.expiry_months = page.expiry_months
