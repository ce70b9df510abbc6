"""The cards of the Home screen, one component each. They only display what `Summary` says."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.api.models import Badge, Challenge, ExpiringSoon, NextReward, Offer, TierProgress
from app.components.buttons import IconAction
from app.components.context import use_session
from app.components.icons import icon_named
from app.components.layout import SectionCard, SectionHeader
from app.components.stars import StarsProgress, stars
from app.state import RewardsState
from app.state.home import offer_ends

# Each tier colour must read on both the light and the dark card (a dark grey Reserve vanished in dark mode).
TIER_COLORS = {"Green": ft.Colors.GREEN_700, "Gold": ft.Colors.AMBER_700, "Reserve": ft.Colors.INDIGO_400}
"""Accents only (icons, progress bars): amber on white is too faint for text; tier names use the text colour."""


def _muted(text: str, size: int = 13) -> ft.Text:
    return ft.Text(text, size=size, color=ft.Colors.ON_SURFACE_VARIANT)


@ft.component
def BalanceCard(
    name: str,
    balance: int,
    next_reward: NextReward | None,
    refreshing: bool,
    on_refresh: Callable[[], Awaitable[None]],
) -> ft.Control:
    first_name = name.split()[0] if name.strip() else name
    # A new key per value makes the switcher animate from the old balance to the new one.
    amount = ft.AnimatedSwitcher(
        content=ft.Text(
            f"{balance:,} Stars",
            key=f"balance-{balance}",
            size=40,
            weight=ft.FontWeight.BOLD,
            color=ft.Colors.ON_PRIMARY_CONTAINER,
        ),
        duration=400,
        reverse_duration=200,
        transition=ft.AnimatedSwitcherTransition.SCALE,
        switch_in_curve=ft.AnimationCurve.EASE_OUT_BACK,
    )
    refresh = IconAction(
        ft.Icons.REFRESH, "Refresh", on_refresh, disabled=refreshing, color=ft.Colors.ON_PRIMARY_CONTAINER
    )
    rows: list[ft.Control] = [
        ft.Row(
            [ft.Text(f"Hi, {first_name}", size=16, color=ft.Colors.ON_PRIMARY_CONTAINER), refresh],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
        amount,
    ]
    if next_reward is not None:
        target = next_reward.reward_name or f"a {next_reward.cost}-Star reward"
        caption = (
            f"You can redeem {target} now"
            if next_reward.stars_missing <= 0
            else f"{next_reward.stars_missing:,} Stars to {target}"
        )
        # Its accessible name says what the bar means: "189 of 200 Stars to Breakfast sandwich".
        have = max(next_reward.cost - next_reward.stars_missing, 0)
        name = f"{have:,} of {next_reward.cost:,} Stars to {target}"
        rows.append(StarsProgress(next_reward.progress, name, caption))
    if refreshing:
        rows.append(_muted("Updating..."))
    return ft.Container(
        content=ft.Column(rows, spacing=8),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=24,
        padding=20,
    )


@ft.component
def ExpiryWarning(expiring: ExpiringSoon) -> ft.Control:
    session = use_session()
    page = ft.context.page
    days = "today" if expiring.days_left <= 0 else f"in {expiring.days_left} days"
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.HOURGLASS_BOTTOM_ROUNDED, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(
                    f"{stars(expiring.stars)} expire {days}",
                    weight=ft.FontWeight.W_600,
                    color=ft.Colors.ON_TERTIARY_CONTAINER,
                    expand=True,
                ),
            ]
        ),
        ft.Text(
            f"On {expiring.on:%d %b %Y}. Spend them before then so they don't go to waste.",
            color=ft.Colors.ON_TERTIARY_CONTAINER,
        ),
    ]
    suggested = expiring.suggested_reward
    if suggested is not None:

        def go_redeem() -> None:
            session.screen(RewardsState).suggest(suggested.id)
            page.navigate("/rewards")

        rows.append(ft.FilledTonalButton(f"Use them on {suggested.name}", icon=ft.Icons.REDEEM, on_click=go_redeem))
    return SectionCard(ft.Column(rows, spacing=8), bgcolor=ft.Colors.TERTIARY_CONTAINER)


@ft.component
def TierCard(tier: TierProgress) -> ft.Control:
    color = TIER_COLORS.get(tier.tier, ft.Colors.PRIMARY)
    window = f"{tier.window_months} months"  # the status window, as the API states it
    if tier.next_tier is not None:
        to_next = f"{tier.stars_to_next_tier:,} qualifying Stars to {tier.next_tier}"
        bar_name = (
            f"{tier.qualifying_stars:,} of {tier.next_tier_threshold:,} qualifying Stars to {tier.next_tier}"
            if tier.next_tier_threshold is not None
            else f"{tier.tier} tier: {to_next}"
        )
    else:
        to_next = "You are at the top tier"
        bar_name = f"{tier.tier} tier: {to_next}"
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WORKSPACE_PREMIUM, color=color, size=32),
                        ft.Column(
                            [
                                ft.Text(
                                    tier.tier, size=22, weight=ft.FontWeight.BOLD
                                ),  # text in the theme colour: readable
                                _muted(f"{tier.qualifying_stars:,} qualifying Stars in the last {window}"),
                            ],
                            spacing=0,
                            expand=True,
                        ),
                    ]
                ),
                StarsProgress(tier.progress, bar_name, to_next, color=color),
                *(
                    [
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.EVENT_OUTLINED, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                                _muted(
                                    f"{tier.days_left_in_status} days left in status "
                                    f"(until {tier.status_until:%d %b %Y})"
                                ),
                            ],
                            spacing=6,
                        )
                    ]
                    if tier.status_expires
                    else []
                ),
                ft.Text(tier.keep_message, size=13),
            ],
            spacing=10,
        )
    )


@ft.component
def ChallengesSection(challenges: list[Challenge]) -> ft.Control:
    page = ft.context.page
    rows: list[ft.Control] = [
        SectionHeader("Active challenges", ft.TextButton("See all", on_click=lambda: page.navigate("/challenges")))
    ]
    joined = [c for c in challenges if c.status == "joined"]
    open_ones = [c for c in challenges if c.status == "open"]
    if not joined:
        rows.append(_muted("You have not joined a challenge yet."))
    for c in joined[:3]:
        done = min(c.progress, c.target)
        rows.append(
            SectionCard(
                ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Text(c.title, weight=ft.FontWeight.W_600, expand=True),
                                ft.Text(
                                    f"+{c.reward_stars} Stars", color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600
                                ),
                            ]
                        ),
                        StarsProgress(
                            done / c.target if c.target else 0.0,
                            f"{c.title}: {done} of {c.target} done",
                            f"{done} of {c.target}",
                        ),
                    ],
                    spacing=8,
                ),
                padding=14,
            )
        )
    if open_ones:
        names = ", ".join(c.title for c in open_ones[:3]) + (" and more" if len(open_ones) > 3 else "")
        rows.append(
            SectionCard(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.FLAG_OUTLINED, color=ft.Colors.PRIMARY),
                        ft.Text(f"Open to join: {names}", size=13, expand=True),
                        ft.TextButton("See them", on_click=lambda: page.navigate("/challenges")),
                    ],
                    spacing=10,
                ),
                padding=14,
            )
        )
    return ft.Column(rows, spacing=8)


@ft.component
def NewestBadge(badge: Badge, earned: int, total: int) -> ft.Control:
    page = ft.context.page
    return ft.Column(
        [
            SectionHeader("Newest badge", ft.TextButton("All badges", on_click=lambda: page.navigate("/badges"))),
            SectionCard(
                ft.Row(
                    [
                        ft.Semantics(
                            label=f"Badge: {badge.name}",
                            image=True,
                            container=True,
                            exclude_semantics=True,
                            content=ft.Container(
                                content=ft.Icon(
                                    icon_named(badge.icon, ft.Icons.MILITARY_TECH),
                                    size=32,
                                    color=ft.Colors.ON_SECONDARY_CONTAINER,
                                ),
                                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                                border_radius=28,
                                padding=12,
                            ),
                        ),
                        ft.Column(
                            [
                                ft.Text(badge.name, weight=ft.FontWeight.W_600),
                                _muted(badge.description),
                                _muted(f"{earned} of {total} badges earned", size=12),
                            ],
                            spacing=2,
                            expand=True,
                        ),
                    ],
                    spacing=14,
                ),
                padding=14,
            ),
        ],
        spacing=8,
    )


@ft.component
def OffersSection(offers: list[Offer]) -> ft.Control:
    rows: list[ft.Control] = [SectionHeader("Offers")]
    for offer in offers:
        rows.append(
            SectionCard(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.LOCAL_OFFER_OUTLINED, color=ft.Colors.PRIMARY),
                        ft.Column(
                            [
                                ft.Text(offer.title, weight=ft.FontWeight.W_600),
                                _muted(offer.description),
                                _muted(offer_ends(offer.ends_at), size=12),
                            ],
                            spacing=2,
                            expand=True,
                        ),
                    ],
                    spacing=14,
                ),
                padding=14,
            )
        )
    return ft.Column(rows, spacing=8)


@ft.component
def MoreLinks() -> ft.Control:
    """A button for every screen of the registry with a `link_icon` (the screens that are not tabs)."""
    from app.views.routes import SCREENS  # at render time: the registry imports every screen, Home included

    page = ft.context.page

    def go(path: str) -> Callable[[], None]:
        return lambda: page.navigate(path)

    from app.views.home_actions import ON_TOP  # shown at the top of Home instead

    links = [s for s in SCREENS if s.link_icon is not None and s.path not in ON_TOP]
    return ft.Column(
        [
            SectionHeader("More"),
            ft.Row(
                [ft.FilledTonalButton(s.title, icon=s.link_icon, on_click=go(s.path)) for s in links],
                wrap=True,
                spacing=8,
                run_spacing=8,
            ),
        ],
        spacing=8,
    )
