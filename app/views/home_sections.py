"""The cards of the Home screen, one component each. They only display what `Summary` says."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.api.models import Badge, Challenge, ExpiringSoon, Goal, NextReward, Offer, TierProgress
from app.components.badge_medal import BadgeMedal
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_session
from app.components.layout import SectionCard, SectionHeader
from app.components.motion import PopIn
from app.components.stars import StarsProgress, badges_earned, challenge_progress
from app.i18n import Translator
from app.state import RewardsState
from app.state.home import offer_ends

# Each tier colour must read on both the light and the dark card (a dark grey Reserve vanished in dark mode).
TIER_COLORS = {"Green": ft.Colors.GREEN_700, "Gold": ft.Colors.AMBER_700, "Reserve": ft.Colors.INDIGO_400}
"""Accents only (icons, progress bars): amber on white is too faint for text; tier names use the text colour."""


def _muted(text: str, size: int = 13, expand: bool = False) -> ft.Text:
    return ft.Text(text, size=size, color=ft.Colors.ON_SURFACE_VARIANT, expand=expand)


def _summary_card(leading: ft.Control, title: str, description: str, footnote: str) -> ft.Control:
    """One item Home lists (a badge, an offer): its picture, its name, what it is, and a small line under it."""
    return SectionCard(
        ft.Row(
            [
                leading,
                ft.Column(
                    [ft.Text(title, weight=ft.FontWeight.W_600), _muted(description), _muted(footnote, size=12)],
                    spacing=2,
                    expand=True,
                ),
            ],
            spacing=14,
        ),
        padding=14,
    )


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def BalanceCard(
    name: str,
    balance: int,
    next_reward: NextReward | None,
    refreshing: bool,
    on_refresh: Callable[[], Awaitable[None]],
    t: Translator,
    goal: Goal | None = None,
) -> ft.Control:
    first_name = name.split()[0] if name.strip() else name
    # A new balance grows into place (not the first one shown, nor one that changes while another tab is shown).
    amount = PopIn(
        ft.Text(t.stars(balance), size=40, weight=ft.FontWeight.BOLD, color=ft.Colors.ON_PRIMARY_CONTAINER),
        balance,
        on_screen="/",
    )
    refresh = IconAction(
        ft.Icons.REFRESH, t._("Refresh"), on_refresh, disabled=refreshing, color=ft.Colors.ON_PRIMARY_CONTAINER
    )
    rows: list[ft.Control] = [
        ft.Row(
            [ft.Text(t._("Hi, {name}", name=first_name), size=16, color=ft.Colors.ON_PRIMARY_CONTAINER), refresh],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
        amount,
    ]
    if goal is not None:
        rows.append(GoalProgress(goal))
    elif next_reward is not None:
        rows.append(_next_reward_bar(next_reward, t))
    if refreshing:
        rows.append(_muted(t._("Updating...")))
    return ft.Container(
        content=ft.Column(rows, spacing=8),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=24,
        padding=20,
    )


def _next_reward_bar(next_reward: NextReward, t: Translator) -> ft.Control:
    """The bar toward the next reward; its accessible name says what it means: "189 of 200 Stars to Breakfast
    sandwich" (or to "a 200-Star reward" when the API names none)."""
    have = max(next_reward.cost - next_reward.stars_missing, 0)
    cost, missing, reward = next_reward.cost, next_reward.stars_missing, next_reward.reward_name
    if reward:
        name = t.n_("{have} of {n} Star to {reward}", "{have} of {n} Stars to {reward}", cost, have=have, reward=reward)
        caption = (
            # Translators: {reward} is a reward's name.
            t._("You can redeem {reward} now", reward=reward)
            if missing <= 0
            else t.n_("{n} Star to {reward}", "{n} Stars to {reward}", missing, reward=reward)
        )
    else:
        name = t.n_(
            "{have} of {n} Star to a {n}-Star reward", "{have} of {n} Stars to a {n}-Star reward", cost, have=have
        )
        caption = (
            t.n_("You can redeem a {n}-Star reward now", "You can redeem a {n}-Star reward now", cost)
            if missing <= 0
            else t.n_("{n} Star to a {cost}-Star reward", "{n} Stars to a {cost}-Star reward", missing, cost=cost)
        )
    return StarsProgress(next_reward.progress, name, caption)


@ft.component
def GoalProgress(goal: Goal) -> ft.Control:
    """Home's bar when the member set a goal of their own: it counts toward that reward, and celebrates it."""
    t = use_i18n()
    page = ft.context.page
    name = goal.reward.name
    have = max(goal.reward.cost - goal.stars_missing, 0)
    fg = ft.Colors.ON_PRIMARY_CONTAINER
    if not goal.reached:
        return StarsProgress(
            goal.progress,
            _goal_bar_name(have, goal.reward.cost, name, t),
            t.n_(
                "Your goal: {n} Star to {reward}", "Your goal: {n} Stars to {reward}", goal.stars_missing, reward=name
            ),
        )
    reached = t._("Goal reached! You have the Stars for {reward}.", reward=name)
    # Reached: a celebration in words first (announced to screen readers), then the way to redeem it.
    return ft.Column(
        [
            StarsProgress(1.0, _goal_bar_name(goal.reward.cost, goal.reward.cost, name, t)),
            ft.Semantics(
                live_region=True,
                container=True,
                label=reached,
                exclude_semantics=True,
                content=ft.Row(
                    [
                        ft.Icon(ft.Icons.CELEBRATION_ROUNDED, color=ft.Colors.AMBER_700, size=28),
                        ft.Text(
                            reached,
                            weight=ft.FontWeight.W_700,
                            color=fg,
                            expand=True,
                        ),
                    ],
                    spacing=8,
                ),
            ),
            ft.FilledButton(t._("Get it on Rewards"), icon=ft.Icons.REDEEM, on_click=lambda: page.navigate("/rewards")),
        ],
        spacing=8,
    )


def _goal_bar_name(have: int, cost: int, reward: str, t: Translator) -> str:
    # Translators: a progress bar's accessible name, "Your goal: 209 of 300 Stars to Tumbler".
    return t.n_(
        "Your goal: {have} of {n} Star to {reward}",
        "Your goal: {have} of {n} Stars to {reward}",
        cost,
        have=have,
        reward=reward,
    )


def _expire_line(expiring: ExpiringSoon, t: Translator) -> str:
    """`25 Stars expire in 3 days` / `25 Estrellas caducan en 3 días` (the verb agrees with the Stars)."""
    if expiring.days_left <= 0:
        return t.n_("{n} Star expires today", "{n} Stars expire today", expiring.stars)
    if expiring.days_left == 1:
        return t.n_("{n} Star expires tomorrow", "{n} Stars expire tomorrow", expiring.stars)
    # Translators: {days} is a number of days, always more than one.
    return t.n_(
        "{n} Star expires in {days} days", "{n} Stars expire in {days} days", expiring.stars, days=expiring.days_left
    )


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def ExpiryWarning(expiring: ExpiringSoon, t: Translator) -> ft.Control:
    session = use_session()
    page = ft.context.page
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.HOURGLASS_BOTTOM_ROUNDED, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(
                    _expire_line(expiring, t),
                    weight=ft.FontWeight.W_600,
                    color=ft.Colors.ON_TERTIARY_CONTAINER,
                    expand=True,
                ),
            ]
        ),
        ft.Text(
            # Translators: {date} is already in your language ("19 ago 2027").
            t._("On {date}. Spend them before then so they don't go to waste.", date=t.date(expiring.on)),
            color=ft.Colors.ON_TERTIARY_CONTAINER,
        ),
    ]
    suggested = expiring.suggested_reward
    if suggested is not None:

        def go_redeem() -> None:
            session.screen(RewardsState).suggest(suggested.id)
            page.navigate("/rewards")

        rows.append(
            ft.FilledTonalButton(
                t._("Use them on {reward}", reward=suggested.name), icon=ft.Icons.REDEEM, on_click=go_redeem
            )
        )
    return SectionCard(ft.Column(rows, spacing=8), bgcolor=ft.Colors.TERTIARY_CONTAINER)


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def TierCard(tier: TierProgress, t: Translator) -> ft.Control:
    color = TIER_COLORS.get(tier.tier, ft.Colors.PRIMARY)
    if tier.next_tier is not None:
        # Translators: {tier} is the next tier's name (Green, Gold, Reserve: brand names).
        to_next = t.n_(
            "{n} qualifying Star to {tier}",
            "{n} qualifying Stars to {tier}",
            tier.stars_to_next_tier,
            tier=tier.next_tier,
        )
        bar_name = (
            t.n_(
                "{have} of {n} qualifying Star to {tier}",
                "{have} of {n} qualifying Stars to {tier}",
                tier.next_tier_threshold,
                have=tier.qualifying_stars,
                tier=tier.next_tier,
            )
            if tier.next_tier_threshold is not None
            else t._("{tier} tier: {progress}", tier=tier.tier, progress=to_next)
        )
    else:
        to_next = t._("You are at the top tier")
        bar_name = t._("{tier} tier: {progress}", tier=tier.tier, progress=to_next)
    # Translators: {months} is the status window the API states (12); the plural follows the Stars.
    qualifying = t.n_(
        "{n} qualifying Star in the last {months} months",
        "{n} qualifying Stars in the last {months} months",
        tier.qualifying_stars,
        months=tier.window_months,
    )
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
                                _muted(qualifying),
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
                                    t.n_(
                                        "{n} day left in status (until {date})",
                                        "{n} days left in status (until {date})",
                                        tier.days_left_in_status,
                                        date=t.date(tier.status_until),
                                    ),
                                    expand=True,  # wraps beside its icon: Spanish runs past a phone's width
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


def _linked_header(title: str, link: str, path: str) -> ft.Control:
    """A section's heading with a link to the screen that shows all of it ("See all")."""
    page = ft.context.page
    return SectionHeader(title, ft.TextButton(link, on_click=lambda: page.navigate(path)))


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def ChallengesSection(challenges: list[Challenge], t: Translator) -> ft.Control:
    page = ft.context.page
    rows: list[ft.Control] = [_linked_header(t._("Active challenges"), t._("See all"), "/challenges")]
    joined = [c for c in challenges if c.status == "joined"]
    open_ones = [c for c in challenges if c.status == "open"]
    if not joined:
        rows.append(_muted(t._("You have not joined a challenge yet.")))
    for c in joined[:3]:
        rows.append(
            SectionCard(
                ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Text(c.title, weight=ft.FontWeight.W_600, expand=True),
                                ft.Text(
                                    t.signed_stars(c.reward_stars), color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600
                                ),
                            ]
                        ),
                        challenge_progress(c, t),
                    ],
                    spacing=8,
                ),
                padding=14,
            )
        )
    if open_ones:
        titles = ", ".join(c.title for c in open_ones[:3])
        names = (
            # Translators: {challenges} is a list of challenge titles, separated by commas.
            t._("Open to join: {challenges} and more", challenges=titles)
            if len(open_ones) > 3
            else t._("Open to join: {challenges}", challenges=titles)
        )
        rows.append(
            SectionCard(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.FLAG_OUTLINED, color=ft.Colors.PRIMARY),
                        ft.Text(names, size=13, expand=True),
                        ft.TextButton(t._("See them"), on_click=lambda: page.navigate("/challenges")),
                    ],
                    spacing=10,
                ),
                padding=14,
            )
        )
    return ft.Column(rows, spacing=8)


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def NewestBadge(badge: Badge, earned: int, total: int, t: Translator) -> ft.Control:
    page = ft.context.page
    medal = ft.Semantics(
        # Translators: {badge} is a badge's name.
        label=t._("Badge: {badge}", badge=badge.name),
        image=True,
        container=True,
        exclude_semantics=True,
        content=BadgeMedal(badge, size=64),
    )
    return ft.Column(
        [
            SectionHeader(
                t._("Newest badge"), ft.TextButton(t._("All badges"), on_click=lambda: page.navigate("/badges"))
            ),
            _summary_card(medal, badge.name, badge.description, badges_earned(earned, total, t)),
        ],
        spacing=8,
    )


def offer_status(offer: Offer, t: Translator) -> str:
    labels = {
        "available": t._("Not activated yet"),
        "activated": t._("Activated for your next visit"),
        "used": t.p_("offer", "Used"),
    }
    return labels[offer.status]


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def OffersSection(offers: list[Offer], t: Translator) -> ft.Control:
    rows: list[ft.Control] = [_linked_header(t._("Offers"), t._("Activate offers"), "/offers")]
    for offer in offers:
        icon = ft.Icon(ft.Icons.LOCAL_OFFER_OUTLINED, color=ft.Colors.PRIMARY)
        # Translators: an offer's time left and its status, e.g. "Ends in 5 hours · Not activated yet".
        when = t._("{ends} · {status}", ends=offer_ends(offer.ends_at, t), status=offer_status(offer, t))
        rows.append(_summary_card(icon, offer.title, offer.description, when))
    return ft.Column(rows, spacing=8)


@ft.memo  # Home re-renders as a whole; a card whose data is the same is left as it is
@ft.component
def MoreLinks(t: Translator) -> ft.Control:
    """A button for every screen of the registry with a `link_icon` (the screens that are not tabs)."""
    from app.views.home_actions import ON_TOP, link_button  # ON_TOP: shown at the top of Home instead
    from app.views.routes import SCREENS  # at render time: the registry imports every screen, Home included

    links = [s for s in SCREENS if s.link_icon is not None and s.path not in ON_TOP]
    return ft.Column(
        [
            SectionHeader(t._("More")),
            ft.Row(
                [link_button(s, t) for s in links],
                wrap=True,
                spacing=8,
                run_spacing=8,
            ),
        ],
        spacing=8,
    )
