"""Offers to activate: which offers a member sees, activating one, and which activated offers a visit uses.

An offer applies only once the member has activated it, to the next qualifying visit (inside the offer's window,
spending at least its `min_spend`), and only once. Offers picked for one member come from their own visits.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from app.api.models import Offer, OfferStatus
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import local_date, zone
from app.mock_backend.texts import Money, Stars, Texts, pick, text

OFFER_TEXTS: dict[str, tuple[Texts, Texts]] = {
    "double-star-day": (
        Texts(en="Double Star Day", es="Día de Estrellas dobles"),
        Texts(en="Every purchase earns twice the Stars today.", es="Hoy cada compra te da el doble de Estrellas."),
    ),
    "afternoon-boost": (
        Texts(en="Afternoon boost", es="Impulso de tarde"),
        Texts(
            en="1.5x Stars on purchases next week, all day.",
            es="1,5 veces más Estrellas en tus compras la semana que viene, todo el día.",
        ),
    ),
    "breakfast-bonus": (
        Texts(en="Breakfast bonus", es="Extra de desayuno"),
        Texts(
            en="20 bonus Stars on a visit of $8 or more, for three days.",
            es="20 Estrellas extra en una visita de 8 $ o más, durante tres días.",
        ),
    ),
}
"""The program's offers' titles and descriptions, by offer id (the store keeps the English; ``localized`` answers
in the reader's language)."""
PICKED_FOR_YOU = Texts(en="Picked for you", es="Elegida para ti")
WELCOME_BACK = Texts(en="Welcome back", es="Te echábamos de menos")

PERSONAL_BONUS = 30
"""Bonus Stars of the offer picked from a regular's visits."""
WELCOME_BACK_BONUS = 15
"""Bonus Stars of the offer for a member with few recent visits."""
HISTORY_DAYS = 90
"""How far back the visits that pick a personal offer go."""
REGULAR_VISITS = 3
"""Visits in `HISTORY_DAYS` from which a member is a regular (their typical spend picks the offer)."""


def offer_status(offer_id: str, activated: Mapping[str, datetime], used: Mapping[str, datetime]) -> OfferStatus:
    """Where one member is with an offer."""
    if offer_id in used:
        return "used"
    return "activated" if offer_id in activated else "available"


def visible_offers(
    offers: Sequence[Offer], activated: Mapping[str, datetime], used: Mapping[str, datetime], at: datetime
) -> list[Offer]:
    """The offers a member sees at ``at``, with their status: expired offers disappear."""
    shown = [localized(o) for o in offers if o.ends_at > at]
    return [o.model_copy(update={"status": offer_status(o.id, activated, used)}) for o in shown]


def check_activate(
    offer: Offer | None, activated: Mapping[str, datetime], used: Mapping[str, datetime], at: datetime
) -> Offer:
    """The offer to activate, or why not.

    Activating an offer already activated is a no-op (a double tap), not an error.

    Raises:
        Refusal: ``unknown_offer`` (404) when there is no such offer; ``offer_not_available`` (409) when it has
            ended or was already used.
    """
    if offer is None:
        raise Refusal("unknown_offer", "There is no such offer.", "offer_id", 404)
    if offer.ends_at <= at:
        raise Refusal("offer_not_available", "This offer has ended.", "offer_id", 409)
    if offer.id in used:
        raise Refusal("offer_not_available", "You have already used this offer.", "offer_id", 409)
    return offer


@dataclass(frozen=True)
class VisitOffers:
    """What activated offers do to one visit."""

    applied: tuple[Offer, ...]
    multiplier: float
    bonus_stars: int


def offers_for_visit(
    offers: Sequence[Offer],
    activated: Mapping[str, datetime],
    used: Mapping[str, datetime],
    amount: float,
    at: datetime,
) -> VisitOffers:
    """The activated, unused offers that a visit of ``amount`` at ``at`` qualifies for, and their effect.

    Every qualifying offer applies (the largest multiplier, the sum of the bonuses); each is then used up.
    """
    applied = tuple(
        o
        for o in offers
        if o.id in activated and o.id not in used and o.starts_at <= at < o.ends_at and amount >= o.min_spend
    )
    return VisitOffers(
        applied=applied,
        multiplier=max((o.multiplier for o in applied), default=1.0),
        bonus_stars=sum(o.bonus_stars for o in applied),
    )


def _week(at: datetime, time_zone: str) -> tuple[datetime, datetime]:
    """The member's week around ``at``: Monday 00:00 to the next Monday 00:00, local time."""
    today = local_date(at, time_zone)
    monday = today - timedelta(days=today.weekday())
    start = datetime.combine(monday, time(), zone(time_zone))
    end = datetime.combine(monday + timedelta(days=7), time(), zone(time_zone))
    return start, end


def personal_offer(visits: Sequence[tuple[datetime, float]], at: datetime, time_zone: str) -> Offer:
    """This week's offer picked for one member from their visits.

    A regular (at least `REGULAR_VISITS` visits in the last `HISTORY_DAYS` days) gets `PERSONAL_BONUS` Stars on a
    visit a little above their typical spend (the median, plus a quarter, in whole units); anyone else
    `WELCOME_BACK_BONUS` Stars on any visit. It runs for the member's week and has a new id every week.
    """
    start, end = _week(at, time_zone)
    year, week, _ = start.date().isocalendar()
    recent = [amount for when, amount in visits if at - timedelta(days=HISTORY_DAYS) <= when <= at]
    common = {"starts_at": start, "ends_at": end, "multiplier": 1.0, "personal": True}
    if len(recent) >= REGULAR_VISITS:
        spend = math.ceil(statistics.median(recent) * 1.25)
        return Offer(
            id=f"for-you-{year}-w{week:02d}",
            title=pick(PICKED_FOR_YOU),
            description=text("offer_for_you", stars=Stars(PERSONAL_BONUS), spend=Money(spend)),
            bonus_stars=PERSONAL_BONUS,
            min_spend=float(spend),
            **common,
        )
    return Offer(
        id=f"welcome-back-{year}-w{week:02d}",
        title=pick(WELCOME_BACK),
        description=text("offer_welcome_back", stars=Stars(WELCOME_BACK_BONUS)),
        bonus_stars=WELCOME_BACK_BONUS,
        **common,
    )


def localized(offer: Offer) -> Offer:
    """A program offer with its title and description in the reader's language (a personal one already is)."""
    said = OFFER_TEXTS.get(offer.id)
    if said is None:
        return offer
    return offer.model_copy(update={"title": pick(said[0]), "description": pick(said[1])})


def title_texts(offer: Offer) -> Texts:
    """An offer's title in every language (for sentences stored about it)."""
    if offer.id in OFFER_TEXTS:
        return OFFER_TEXTS[offer.id][0]
    return PICKED_FOR_YOU if offer.id.startswith("for-you-") else WELCOME_BACK
