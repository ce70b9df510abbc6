"""The member card: member number, name, tier, the in-store QR code and the balance, usable offline.

Every card the API returns is kept on the device. When the API cannot be reached, the screen shows the kept card
(its QR code still scans in store) with the balance as of when it was kept, an offline notice and Retry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.api.models import MemberCard
from app.state.base import Clock, ScreenState, attempt
from app.state.storage import DeviceStore

if TYPE_CHECKING:
    from app.state.session import Session


class CardState(ScreenState):
    def __init__(self, session: Session, clock: Clock, device: DeviceStore) -> None:
        super().__init__(clock)
        self._session = session
        self._device = device
        self.card: MemberCard | None = None
        self.offline = False
        """True when `card` is the copy kept on the device because the API could not be reached."""

    def reset(self) -> None:
        super().reset()
        self.card = None
        self.offline = False

    async def forget(self) -> None:
        """Sign-out: the next member on this device must not see this card."""
        self.reset()
        await self._device.save_card(None)

    async def ensure_loaded(self) -> None:
        """Always ask again when the card is opened: at the counter, the balance must be the current one."""
        await self.refresh()

    async def refresh(self) -> None:
        """Ask the API for the card; if it cannot be reached, fall back to the card kept on the device."""
        if self.status == "loading" or self.refreshing:
            return
        if self.card is None:
            self.status = "loading"
        else:
            self.refreshing = True
        self.error = None
        try:
            outcome = await attempt(self._session.client.card())
        finally:
            self.refreshing = False
        if outcome.ok and outcome.value is not None:
            card = outcome.value
            self.card = card
            self.offline = False
            self._loaded_at = self._clock()
            self._stale = False
            self.status = "ready"
            self._session.set_balance(card.balance)
            await self._device.save_card(card)
            return
        self.error = outcome.error
        kept = self.card if self.card is not None else await self._device.load_card()
        if kept is not None and outcome.retryable:
            self.card = kept
            self.offline = True
            self.status = "ready"
            return
        self.status = "ready" if self.card is not None else "error"
