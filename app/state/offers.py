"""Offers to activate: Double Star Day, a bonus on a visit, one picked for the member. An activated offer applies
to the next qualifying visit, once (the API decides; "Simulate a visit" in Profile shows it)."""

from __future__ import annotations

from app.api.models import Offer
from app.state.base import ScreenState


class OffersState(ScreenState):
    shows = frozenset({"offers", "stars"})  # a visit uses an activated offer

    offers: list[Offer] = []
    activating: str | None = None
    """The id of the offer being activated (its button waits)."""
    activate_error: tuple[str, str] | None = None
    """(offer id, sentence) of the last activation that failed, shown on that offer."""
    _busy: bool = False

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.offers, self._apply)

    def _apply(self, offers: list[Offer]) -> None:
        self.offers = offers

    async def activate(self, offer: Offer) -> None:
        """Activate an offer for the next qualifying visit (a double tap sends one request)."""
        if self.activating is not None or offer.status != "available":
            return
        self.activating = offer.id
        self.activate_error = None
        try:
            outcome = await self._run("_busy", self._ctx.client.activate_offer(offer.id))
        finally:
            self.activating = None
        if outcome is None:
            return
        if not outcome.ok or outcome.value is None:
            self.activate_error = (offer.id, outcome.error or self.t._("Could not activate. Please try again."))
            return
        activated = outcome.value
        self.offers = [activated if o.id == activated.id else o for o in self.offers]
        self._ctx.invalidate("offers", but=self)  # Home shows the offers; the inbox's "new offer" item goes
        # Translators: {offer} is an offer's title.
        self._ctx.notify_customer(self.t._("{offer} is on for your next visit.", offer=activated.title))
