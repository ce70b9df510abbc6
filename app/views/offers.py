"""Offers: Double Star Day, a bonus on a visit, one picked for the member; "Activate" puts an offer on the member's
next qualifying visit (once). What each offer does and its status come from the API."""

from __future__ import annotations

import flet as ft

from app.api.models import Offer
from app.components.context import use_screen
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard
from app.components.pill import Pill
from app.state import OffersState
from app.state.home import offer_ends

STATUS_LINES = {
    "activated": (ft.Icons.CHECK_CIRCLE, "Activated: it applies to your next qualifying visit"),
    "used": (ft.Icons.TASK_ALT, "Used on a visit"),
}


@ft.component
def OffersScreen() -> ft.Control:
    state = use_screen(OffersState)
    return when_loaded(state, "Loading offers", "Offers could not load", lambda: _content(state))


def _content(state: OffersState) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.Text(
            "Activate an offer and it applies to your next visit that qualifies, once.",
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    ]
    if not state.offers:
        controls.append(SectionCard(ft.Text("No offers right now. Check back soon.")))
    controls += [OfferCard(o, state, key=o.id) for o in state.offers]
    return controls


@ft.component
def OfferCard(offer: Offer, state: OffersState) -> ft.Control:
    header: list[ft.Control] = [
        ft.Icon(
            ft.Icons.LOCAL_OFFER_OUTLINED if not offer.personal else ft.Icons.AUTO_AWESOME, color=ft.Colors.PRIMARY
        ),
        ft.Text(offer.title, weight=ft.FontWeight.W_600, size=16, expand=True),
    ]
    if offer.multiplier > 1:
        header.append(Pill(f"x{offer.multiplier:g} Stars", ft.Icons.STARS_ROUNDED))
    elif offer.bonus_stars:
        header.append(Pill(f"+{offer.bonus_stars} Stars", ft.Icons.STARS_ROUNDED))
    rows: list[ft.Control] = [
        ft.Row(header, spacing=10),
        ft.Text(offer.description, size=13),
        ft.Row(
            [
                ft.Icon(ft.Icons.SCHEDULE, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Text(offer_ends(offer.ends_at), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                *([Pill("For you", ft.Icons.PERSON_OUTLINE)] if offer.personal else []),
            ],
            spacing=6,
        ),
    ]
    failed = state.activate_error
    if failed is not None and failed[0] == offer.id:
        rows.append(InlineError(failed[1]))
    if offer.status in STATUS_LINES:
        icon, text = STATUS_LINES[offer.status]
        rows.append(
            ft.Row(
                [
                    ft.Icon(icon, size=18, color=ft.Colors.PRIMARY),
                    ft.Text(text, size=13, color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600, expand=True),
                ],
                spacing=6,
            )
        )
    else:
        busy = state.activating == offer.id

        async def activate() -> None:
            await state.activate(offer)

        rows.append(
            ft.FilledButton(
                "Activating..." if busy else f"Activate {offer.title}",
                icon=ft.Icons.BOLT,
                on_click=activate,
                disabled=state.activating is not None,
                width=float("inf"),
            )
        )
    return SectionCard(ft.Column(rows, spacing=10), padding=14)
