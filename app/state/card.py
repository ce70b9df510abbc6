"""The member card: member number, name, tier, the in-store QR code and the balance, usable offline.

Every card the API returns is kept on the device. When the API cannot be reached, the screen shows the kept card
(its QR code still scans in store) with the balance as of when it was kept, an offline notice and Retry.
"""

from __future__ import annotations

import time

from app.api.models import MemberCard
from app.state.base import ScreenState, attempt, load_answer


class CardState(ScreenState):
    shows = frozenset({"stars"})
    shows_refreshing = True

    card: MemberCard | None = None
    offline: bool = False
    """True when `card` is the copy kept on the device because the API could not be reached."""

    async def ensure_loaded(self) -> None:
        """Always ask again when the card is opened: at the counter, the balance must be the current one."""
        await self.refresh()

    async def refresh(self) -> bool:
        """Ask the API for the card; if it cannot be reached, fall back to the card kept on the device."""
        if self.status == "loading" or self.refreshing:
            return False
        if self.card is None:
            self.status = "loading"
        else:
            self._set_refreshing(True)
        self.error = None
        epoch = self._epoch
        asked_at = time.monotonic()
        try:
            outcome = await attempt(self._ctx.client.card(), self.t)
        finally:
            self._set_refreshing(False)
        if not self._still_current(epoch):
            return False  # signed out meanwhile: this card is not the next member's
        device = self._ctx.device
        if outcome.ok and outcome.value is not None:
            card = outcome.value
            self.card = card
            self.offline = False
            self._mark_fresh()
            self.status = "ready"
            with load_answer(asked_at):  # a load: its balance is as of when it was asked
                self._ctx.set_balance(card.balance)
            await device.save_card(card)
            return True
        self.error = outcome.error
        self._error_retryable = outcome.retryable
        kept = self.card if self.card is not None else await device.load_card()
        if kept is not None and outcome.retryable:
            self.card = kept
            self.offline = True
            self.status = "ready"
            return False
        self.status = "ready" if self.card is not None else "error"
        return False
