"""Home: the balance, progress to the next reward, tier status, expiring Stars, challenges, the newest badge,
current offers, and the way to every other screen. Loaded in one round trip (`client.summary()`)."""

from __future__ import annotations

import flet as ft

from app.components.feedback import ErrorState, InlineError, Loading
from app.components.layout import ScreenBody
from app.components.store import use_observed, use_session
from app.views.home_sections import (
    BalanceCard,
    ChallengesSection,
    ExpiryWarning,
    MoreLinks,
    NewestBadge,
    OffersSection,
    TierCard,
)


@ft.component
def HomeScreen() -> ft.Control:
    session = use_session()
    home = use_observed(session.home)

    summary = home.summary
    if summary is None:
        if home.status == "error" and home.error:
            return ErrorState(home.error, on_retry=home.refresh, title="Home could not load")
        return Loading("Loading your Stars")

    balance = session.balance if session.balance is not None else summary.balance
    controls: list[ft.Control] = []
    if home.error:
        controls.append(InlineError(home.error, on_retry=home.refresh))
    controls.append(BalanceCard(summary.name, balance, summary.next_reward, home.refreshing, home.refresh))
    if summary.expiring is not None:
        controls.append(ExpiryWarning(summary.expiring))
    controls.append(TierCard(summary.tier))
    if summary.challenges:
        controls.append(ChallengesSection(summary.challenges))
    if summary.newest_badge is not None:
        controls.append(NewestBadge(summary.newest_badge, summary.badges_earned, summary.badges_total))
    if summary.offers:
        controls.append(OffersSection(summary.offers))
    controls.append(MoreLinks())
    return ScreenBody(controls)
