"""Offers: Double Star Day, a bonus on a visit, one picked for the member; "Activate" puts an offer on the member's
next qualifying visit (once). What each offer does and its status come from the API."""

from __future__ import annotations

import functools

import flet as ft

from app.api.models import Offer
from app.components.card_lines import FailedOn, ItemAction, StatusLine
from app.components.context import use_i18n, use_screen
from app.components.feedback import when_loaded
from app.components.layout import SectionCard
from app.components.pill import Pill
from app.i18n import Translator
from app.state import OffersState
from app.state.home import offer_ends


@ft.component
def OffersScreen() -> ft.Control:
    state = use_screen(OffersState)
    t = use_i18n()
    loading, failed = t._("Loading offers"), t._("Offers could not load")
    return when_loaded(state, loading, failed, lambda: _content(state, t))


def _content(state: OffersState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.Text(
            t._("Activate an offer and it applies to your next visit that qualifies, once."),
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    ]
    if not state.offers:
        controls.append(SectionCard(ft.Text(t._("No offers right now. Check back soon."))))
    controls += [OfferCard(o, state, key=o.id) for o in state.offers]
    return controls


@ft.component
def OfferCard(offer: Offer, state: OffersState) -> ft.Control:
    t = use_i18n()
    header: list[ft.Control] = [
        ft.Icon(
            ft.Icons.LOCAL_OFFER_OUTLINED if not offer.personal else ft.Icons.AUTO_AWESOME, color=ft.Colors.PRIMARY
        ),
        ft.Text(offer.title, weight=ft.FontWeight.W_600, size=16, expand=True),
    ]
    if offer.multiplier > 1:
        # Translators: an offer that multiplies the Stars of a visit, "x2 Stars"; {times} is a number.
        header.append(Pill(t._("x{times} Stars", times=offer.multiplier), ft.Icons.STARS_ROUNDED))
    elif offer.bonus_stars:
        header.append(Pill(t.signed_stars(offer.bonus_stars), ft.Icons.STARS_ROUNDED))
    rows: list[ft.Control] = [
        ft.Row(header, spacing=10),
        ft.Text(offer.description, size=13),
        ft.Row(
            [
                ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Text(offer_ends(offer.ends_at, t), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                *([Pill(t._("For you"), ft.Icons.PERSON_OUTLINE)] if offer.personal else []),
            ],
            spacing=6,
        ),
    ]
    rows += FailedOn(offer.id, state.activate_error)
    status = _status_line(offer, t)
    if status is not None:
        rows.append(status)
    else:
        # Translators: {offer} is an offer's title.
        activate = t._("Activate {offer}", offer=offer.title)
        on_activate = functools.partial(state.activate, offer)
        rows.append(ItemAction(activate, t._("Activating..."), ft.Icons.BOLT, on_activate, offer.id, state.activating))
    return SectionCard(ft.Column(rows, spacing=10), padding=14)


def _status_line(offer: Offer, t: Translator) -> ft.Control | None:
    if offer.status == "activated":
        return StatusLine(ft.Icons.CHECK_CIRCLE, t._("Activated: it applies to your next qualifying visit"))
    if offer.status == "used":
        return StatusLine(ft.Icons.TASK_ALT, t._("Used on a visit"))
    return None
