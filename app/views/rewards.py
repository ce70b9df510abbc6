"""Rewards: the catalog grouped by cost, the redeem confirmation, the code and QR code, and "My rewards"."""

from __future__ import annotations

import functools
from collections.abc import Callable

import flet as ft

from app.api.models import Redemption, RedemptionStatus, Reward
from app.components.buttons import IconAction
from app.components.context import Unobserved, use_i18n, use_member, use_screen, use_session, use_wide
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard, SectionHeader, body_for, tiles
from app.components.qr import QrImage
from app.components.reward_tile import RewardTile
from app.i18n import Translator
from app.state import RewardsState


@ft.component
def RewardsScreen() -> ft.Control:
    rewards = use_screen(RewardsState)
    member = use_member()
    session = use_session()
    t = use_i18n()

    ft.use_dialog(_dialog(rewards, member.balance, session.demo_tools, t))
    # The catalog and the codes render only when what they show changed: not when the dialog opens, sends or
    # closes, nor when the balance (the dialog's line) moves (6-7 ms for each render of the whole screen).
    shows = (
        rewards.status,
        rewards.error,
        rewards.slow,
        rewards.recovers_by_itself,
        rewards.tab,
        rewards.goal_error,
        rewards.rewards,
        rewards.suggested_id,
        rewards.saved_at,
        rewards.redemptions,
    )
    return RewardsBody(Unobserved(rewards), shows)


@ft.memo
@ft.component
def RewardsBody(state: Unobserved[RewardsState], shows: tuple[object, ...]) -> ft.Control:
    """What `RewardsScreen` shows under its dialog; `shows` is what it reads of the state (its memo key)."""
    rewards = state.value
    wide = use_wide()
    t = use_i18n()
    return when_loaded(
        rewards,
        t._("Loading rewards"),
        t._("Rewards could not load"),
        lambda: _content(rewards, wide, t),
        show_reload_error=False,
        layout=body_for(wide),
    )


def _content(rewards: RewardsState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.SegmentedButton(
            segments=[
                ft.Segment(value="catalog", label=t._("Catalog"), icon=ft.Icons.STOREFRONT_OUTLINED),
                ft.Segment(value="mine", label=t._("My rewards"), icon=ft.Icons.CONFIRMATION_NUMBER_OUTLINED),
            ],
            selected=[rewards.tab],
            on_change=lambda e: rewards.set_tab("mine" if "mine" in e.control.selected else "catalog"),
        )
    ]
    if rewards.error:  # under the tabs, which stay usable
        controls.append(InlineError(rewards.error, on_retry=rewards.refresh))
    if rewards.goal_error:
        controls.append(InlineError(rewards.goal_error))
    return controls + (_catalog(rewards, wide, t) if rewards.tab == "catalog" else _mine(rewards, wide, t))


def _catalog(rewards: RewardsState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    suggested = rewards.suggested
    if suggested is not None:
        controls.append(SectionHeader(t._("Use your expiring Stars")))
        controls.append(
            RewardTile(
                suggested,
                rewards.ask_to_redeem,
                t,
                highlight=True,
                on_goal=rewards.set_goal,
                on_clear_goal=rewards.clear_goal,
                key=f"suggested-{suggested.id}",
            )
        )
    groups = [
        # The suggested reward is shown once, at the top: one "Redeem <name>" button per reward.
        (cost, [r for r in group if suggested is None or r.id != suggested.id])
        for cost, group in rewards.by_cost()
    ]

    def tile(r: Reward) -> ft.Control:
        return RewardTile(
            r, rewards.ask_to_redeem, t, on_goal=rewards.set_goal, on_clear_goal=rewards.clear_goal, key=r.id
        )

    if wide:  # one grid, cheapest first (each tile shows its cost): groups of two left most of the window empty
        every = [tile(r) for _, group in groups for r in group]
        if every:
            controls.append(SectionHeader(t._("All rewards, cheapest first")))
            controls += tiles(every, wide)
    else:
        for cost, shown in groups:
            if shown:
                controls.append(SectionHeader(t.n_("{n}-Star rewards", "{n}-Star rewards", cost)))
                controls += [tile(r) for r in shown]
    if not rewards.rewards:
        text = (
            t._("The catalog needs a connection. Your codes are under My rewards.")
            if rewards.saved_at is not None
            else t._("No rewards are available right now.")
        )
        controls.append(ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT))
    return controls


_GROUPS: tuple[RedemptionStatus, ...] = ("ready", "used", "expired")


def _group_title(status: RedemptionStatus, t: Translator) -> str:
    titles: dict[RedemptionStatus, str] = {
        "ready": t._("Ready to use"),
        "used": t.p_("reward code", "Used"),
        "expired": t.p_("reward code", "Expired"),
    }
    return titles[status]


def _mine(rewards: RewardsState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if rewards.saved_at is not None:
        controls.append(
            SectionCard(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CLOUD_OFF_ROUNDED, color=ft.Colors.ON_SURFACE_VARIANT),
                        ft.Text(
                            # Translators: {moment} is a date and time, already in your language.
                            t._(
                                "Saved on this device, as of {moment}. Ready codes still work at the counter.",
                                moment=t.date_time(rewards.saved_at),
                            ),
                            expand=True,
                        ),
                    ]
                ),
                padding=12,
            )
        )
    if not rewards.redemptions:
        return controls + [
            SectionCard(
                ft.Text(
                    t._("You have not redeemed a reward yet. Your codes will be kept here."),
                    color=ft.Colors.ON_SURFACE_VARIANT,
                )
            )
        ]
    for status in _GROUPS:
        codes = rewards.codes(status)
        if codes:
            controls.append(SectionHeader(_group_title(status, t)))
            controls += tiles([_redemption_row(rewards.open_redemption, r, t, key=r.id) for r in codes], wide)
    return controls


@ft.component
def _redemption_row(on_open: Callable[[Redemption], None], r: Redemption, t: Translator) -> ft.Control:
    ready = r.status == "ready"
    # Translators: {date} is already in your language ("19 ago 2027").
    if r.status == "used":
        when = t._("Used {date}", date=t.date(r.used_at)) if r.used_at else t.p_("reward code", "Used")
    elif r.status == "expired":
        when = t._("Expired {date}", date=t.date(r.expires_at)) if r.expires_at else t.p_("reward code", "Expired")
    else:
        when = t._("Use by {date}", date=t.date(r.expires_at)) if r.expires_at else t._("Ready to use")
    icon = ft.Icons.CONFIRMATION_NUMBER_OUTLINED if ready else ft.Icons.CHECK_CIRCLE_OUTLINE
    if r.status == "expired":
        icon = ft.Icons.TIMER_OFF_OUTLINED
    muted = ft.Colors.ON_SURFACE_VARIANT
    card = SectionCard(
        ft.Row(
            [
                ft.Icon(icon, color=ft.Colors.PRIMARY if ready else muted),
                ft.Column(
                    [
                        ft.Text(r.reward_name, weight=ft.FontWeight.W_600, color=None if ready else muted),
                        # Translators: a reward code to show at the counter; {code} is the code itself.
                        ft.Text(t._("Code {code}", code=r.code), color=None if ready else muted),
                        # Translators: e.g. "Use by 19 Aug 2027 · 200 Stars"; both parts are already in your language.
                        ft.Text(t._("{when} · {stars}", when=when, stars=t.stars(r.stars)), size=12, color=muted),
                    ],
                    spacing=2,
                    expand=True,
                ),
                IconAction(
                    ft.Icons.QR_CODE_2 if ready else ft.Icons.INFO_OUTLINE,
                    t._("Show QR code for {reward}", reward=r.reward_name)
                    if ready
                    else t._("Details of {reward}: {when}", reward=r.reward_name, when=when),
                    on_click=lambda: on_open(r),
                ),
            ]
        ),
        padding=12,
    )
    # A used or expired code is greyed: it reads as history, not as something to show at the counter.
    return card if ready else ft.Container(content=card, opacity=0.7)


def _dialog(rewards: RewardsState, balance: int | None, demo_tools: bool, t: Translator) -> ft.AlertDialog | None:
    done = rewards.last_redemption
    if done is not None:
        return _code_dialog(rewards, done, demo_tools, t)
    reward = rewards.confirming
    if reward is None:
        return None
    uses = (
        # Translators: {stars} is "200 Stars", already in your language; {balance} the member's balance, a number.
        t._("This uses {stars} of your {balance}.", stars=t.stars(reward.cost), balance=balance)
        if balance is not None
        else t._("This uses {stars}.", stars=t.stars(reward.cost))
    )
    lines: list[ft.Control] = [ft.Text(uses)]
    if rewards.redeeming:
        lines.append(ft.ProgressBar(semantics_label=t._("Redeeming")))
    if rewards.redeem_error:
        lines.append(InlineError(rewards.redeem_error))
    actions: list[ft.Control] = [
        ft.TextButton(t._("Cancel"), on_click=rewards.cancel_redeem, disabled=rewards.redeeming)
    ]
    if rewards.redeem_error is None or rewards.can_retry:
        actions.append(ft.FilledButton(t._("Confirm"), on_click=rewards.confirm_redeem, disabled=rewards.redeeming))
    return ft.AlertDialog(
        modal=True,
        semantics_label=t._("Redeem {reward}?", reward=reward.name),
        title=ft.Text(t._("Redeem {reward}?", reward=reward.name)),
        content=ft.Column(lines, tight=True, spacing=12),
        actions=actions,
        on_dismiss=rewards.cancel_redeem,
    )


def _code_dialog(rewards: RewardsState, done: Redemption, demo_tools: bool, t: Translator) -> ft.AlertDialog:
    """A code to show at the counter; a used or expired one says so instead of inviting the member to use it."""
    muted = ft.Colors.ON_SURFACE_VARIANT
    if done.status == "ready":
        title = t._("Enjoy your {reward}!", reward=done.reward_name)
        lines: list[ft.Control] = [
            ft.Text(t._("Show this code at the counter."), text_align=ft.TextAlign.CENTER),
            QrImage(done.qr_payload, t._("Redemption QR code")),
            ft.Text(t._("Code {code}", code=done.code), size=20, weight=ft.FontWeight.BOLD),
        ]
        if done.expires_at is not None:
            lines.append(ft.Text(t._("Use it by {date}.", date=t.date(done.expires_at)), size=13, color=muted))
        icon = ft.Icon(ft.Icons.CELEBRATION_ROUNDED, color=ft.Colors.PRIMARY, size=36)
    else:
        used = done.status == "used"
        title = (
            t._("{reward}: used", reward=done.reward_name)
            if used
            else t._("{reward}: expired", reward=done.reward_name)
        )
        if used:
            said = (
                t._("This code was used on {date}.", date=t.date(done.used_at))
                if done.used_at
                else t._("This code was used.")
            )
        else:
            said = (
                t._("This code expired on {date}.", date=t.date(done.expires_at))
                if done.expires_at
                else t._("This code expired.")
            )
        lines = [
            ft.Text(said, text_align=ft.TextAlign.CENTER),
            ft.Text(t._("Code {code}", code=done.code), size=20, weight=ft.FontWeight.BOLD, color=muted),
        ]
        icon = ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE if used else ft.Icons.TIMER_OFF_OUTLINED, color=muted, size=36)
    lines.append(
        ft.Text(
            t._("Balance now: {stars}", stars=t.stars(done.balance_after))
            if rewards.just_redeemed
            else t._("Redeemed {date} for {stars}", date=t.date(done.created_at), stars=t.stars(done.stars)),
            size=13,
            color=muted,
        )
    )
    if rewards.use_error:
        lines.append(InlineError(rewards.use_error))
    actions: list[ft.Control] = []
    if demo_tools and done.status == "ready":
        actions.append(
            ft.TextButton(
                t._("Use at the counter"),
                icon=ft.Icons.POINT_OF_SALE,
                on_click=functools.partial(rewards.use_at_counter, done),
                disabled=rewards.using,
            )
        )
    actions.append(ft.FilledButton(t._("Done"), on_click=rewards.close_redemption))
    return ft.AlertDialog(
        modal=True,
        semantics_label=title,  # the dialog's accessible name (else Flutter web names every dialog "Alert")
        icon=icon,
        title=ft.Text(title, text_align=ft.TextAlign.CENTER),
        content=ft.Column(lines, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True, spacing=12),
        actions=actions,
        actions_alignment=ft.MainAxisAlignment.CENTER,
    )
