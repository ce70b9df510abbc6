"""Offers to activate: the offers one member sees (the program's and one picked for them), and activating one."""

from __future__ import annotations

from datetime import datetime

from app.api.models import Offer
from app.mock_backend.records import Member
from app.mock_backend.rules.offers import check_activate, localized, offer_status, personal_offer, visible_offers
from app.mock_backend.store import Store


def member_offers(store: Store, member: Member, at: datetime) -> list[Offer]:
    """Every offer this member could use at ``at`` or later (expired ones excluded), without status."""
    return [*store.offers, personal_offer(member.history.visits, at, member.time_zone)]


def offers_for(store: Store, member: Member, at: datetime) -> list[Offer]:
    """The offers the member sees, with their status (to activate, activated, used)."""
    with store.lock:
        return visible_offers(member_offers(store, member, at), member.offers_activated, member.offers_used, at)


def activate(store: Store, member: Member, offer_id: str, at: datetime) -> Offer:
    """Activate an offer for the member's next qualifying visit (activating it again changes nothing).

    Raises:
        Refusal: see ``rules.offers.check_activate``.
    """
    with store.lock:
        found = next((o for o in member_offers(store, member, at) if o.id == offer_id), None)
        offer = check_activate(found, member.offers_activated, member.offers_used, at)
        if offer.id not in member.offers_activated:
            member.offers_activated[offer.id] = at
            member.changed_at = at
            store.touch(member)
        status = offer_status(offer.id, member.offers_activated, member.offers_used)
        return localized(offer).model_copy(update={"status": status})
