"""Home: the balance, progress to the next reward, tier status, expiring Stars, challenges, the newest badge,
current offers, and the way to every other screen. Loaded in one round trip (`client.summary()`)."""

from __future__ import annotations

import flet as ft

from app.api.models import Summary
from app.components.context import use_i18n, use_member, use_screen, use_wide
from app.components.feedback import when_loaded
from app.components.layout import body_for, tiles
from app.i18n import Translator
from app.state import HomeState, Member
from app.views.home_actions import CardAndProfile
from app.views.home_habits import DailyGameCard, StreakCard
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
    home = use_screen(HomeState)
    member = use_member()
    wide = use_wide()
    t = use_i18n()
    loading, failed = t._("Loading your Stars"), t._("Home could not load")
    return when_loaded(home, loading, failed, lambda: _cards(home, member, wide, t), layout=body_for(wide))


def _cards(home: HomeState, member: Member, wide: bool, t: Translator) -> list[ft.Control]:
    summary: Summary | None = home.summary
    if summary is None:
        return []
    balance = member.balance if member.balance is not None else summary.balance
    controls: list[ft.Control] = [
        ft.Column(
            [
                BalanceCard(summary.name, balance, summary.next_reward, home.refreshing, home.refresh, t, summary.goal),
                CardAndProfile(t),
            ],
            spacing=12,
        )
    ]
    if summary.expiring is not None:
        controls.append(ExpiryWarning(summary.expiring, t))
    if summary.streak is not None:
        controls.append(StreakCard(summary.streak, t))
    if summary.daily_game is not None:
        game = summary.daily_game
        controls.append(DailyGameCard(game, home.game_play, home.playing, home.game_error, home.play_game, t))
    controls.append(TierCard(summary.tier, t))
    if summary.challenges:
        controls.append(ChallengesSection(summary.challenges, t))
    if summary.newest_badge is not None:
        controls.append(NewestBadge(summary.newest_badge, summary.badges_earned, summary.badges_total, t))
    if summary.offers:
        controls.append(OffersSection(summary.offers, t))
    controls.append(MoreLinks(t))
    # A wide window puts the cards side by side instead of one phone-wide column.
    return tiles(controls, wide, width=480)
