"""Rewards: the catalog grouped by cost, the redeem confirmation, the code and QR code, and "My rewards"."""

from __future__ import annotations

import functools

import flet as ft

from app.api.models import Redemption, RedemptionStatus
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_member, use_screen, use_session
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard, SectionHeader, body_for, tiles
from app.components.qr import QrImage
from app.components.reward_tile import RewardTile
from app.components.stars import stars
from app.i18n import Translator
from app.state import RewardsState


@ft.component
def RewardsScreen() -> ft.Control:
    rewards = use_screen(RewardsState)
    member = use_member()
    session = use_session()
    t = use_i18n()

    ft.use_dialog(_dialog(rewards, member.balance, session.demo_tools, t))
    return when_loaded(
        rewards,
        "Loading rewards",
        "Rewards could not load",
        lambda: _content(rewards, session.wide, t),
        show_reload_error=False,
        layout=body_for(session.wide),
    )


def _content(rewards: RewardsState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = [
        ft.SegmentedButton(
            segments=[
                ft.Segment(value="catalog", label="Catalog", icon=ft.Icons.STOREFRONT_OUTLINED),
                ft.Segment(value="mine", label="My rewards", icon=ft.Icons.CONFIRMATION_NUMBER_OUTLINED),
            ],
            selected=[rewards.tab],
            on_change=lambda e: rewards.set_tab("mine" if "mine" in e.control.selected else "catalog"),
        )
    ]
    if rewards.error:  # under the tabs, which stay usable
        controls.append(InlineError(rewards.error, on_retry=rewards.refresh))
    return controls + (_catalog(rewards, wide) if rewards.tab == "catalog" else _mine(rewards, wide, t))


def _catalog(rewards: RewardsState, wide: bool) -> list[ft.Control]:
    controls: list[ft.Control] = []
    suggested = rewards.suggested
    if suggested is not None:
        controls.append(SectionHeader("Use your expiring Stars"))
        controls.append(RewardTile(suggested, rewards.ask_to_redeem, highlight=True, key=f"suggested-{suggested.id}"))
    groups = [
        # The suggested reward is shown once, at the top: one "Redeem <name>" button per reward.
        (cost, [r for r in group if suggested is None or r.id != suggested.id])
        for cost, group in rewards.by_cost()
    ]
    if wide:  # one grid, cheapest first (each tile shows its cost): groups of two left most of the window empty
        every = [RewardTile(r, rewards.ask_to_redeem, key=r.id) for _, group in groups for r in group]
        if every:
            controls.append(SectionHeader("All rewards, cheapest first"))
            controls += tiles(every, wide)
    else:
        for cost, shown in groups:
            if shown:
                controls.append(SectionHeader(f"{cost:,}-Star rewards"))
                controls += [RewardTile(r, rewards.ask_to_redeem, key=r.id) for r in shown]
    if not rewards.rewards:
        text = (
            "The catalog needs a connection. Your codes are under My rewards."
            if rewards.saved_at is not None
            else "No rewards are available right now."
        )
        controls.append(ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT))
    return controls


_GROUPS: tuple[tuple[RedemptionStatus, str], ...] = (
    ("ready", "Ready to use"),
    ("used", "Used"),
    ("expired", "Expired"),
)


def _mine(rewards: RewardsState, wide: bool, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    if rewards.saved_at is not None:
        controls.append(
            SectionCard(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CLOUD_OFF_ROUNDED, color=ft.Colors.ON_SURFACE_VARIANT),
                        ft.Text(
                            f"Saved on this device, as of {t.date_time(rewards.saved_at)}. "
                            "Ready codes still work at the counter.",
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
                    "You have not redeemed a reward yet. Your codes will be kept here.",
                    color=ft.Colors.ON_SURFACE_VARIANT,
                )
            )
        ]
    for status, title in _GROUPS:
        codes = rewards.codes(status)
        if codes:
            controls.append(SectionHeader(title))
            controls += tiles([_redemption_row(rewards, r, t, key=r.id) for r in codes], wide)
    return controls


@ft.component
def _redemption_row(rewards: RewardsState, r: Redemption, t: Translator) -> ft.Control:
    ready = r.status == "ready"
    if r.status == "used":
        when = f"Used {t.date(r.used_at)}" if r.used_at else "Used"
    elif r.status == "expired":
        when = f"Expired {t.date(r.expires_at)}" if r.expires_at else "Expired"
    else:
        when = f"Use by {t.date(r.expires_at)}" if r.expires_at else "Ready to use"
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
                        ft.Text(f"Code {r.code}", color=None if ready else muted),
                        ft.Text(f"{when} · {stars(r.stars)}", size=12, color=muted),
                    ],
                    spacing=2,
                    expand=True,
                ),
                IconAction(
                    ft.Icons.QR_CODE_2 if ready else ft.Icons.INFO_OUTLINE,
                    f"Show QR code for {r.reward_name}" if ready else f"Details of {r.reward_name}: {when}",
                    on_click=lambda: rewards.open_redemption(r),
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
    lines: list[ft.Control] = [
        ft.Text(f"This uses {stars(reward.cost)}" + (f" of your {balance:,}." if balance is not None else "."))
    ]
    if rewards.redeeming:
        lines.append(ft.ProgressBar(semantics_label="Redeeming"))
    if rewards.redeem_error:
        lines.append(InlineError(rewards.redeem_error))
    actions: list[ft.Control] = [ft.TextButton("Cancel", on_click=rewards.cancel_redeem, disabled=rewards.redeeming)]
    if rewards.redeem_error is None or rewards.can_retry:
        actions.append(ft.FilledButton("Confirm", on_click=rewards.confirm_redeem, disabled=rewards.redeeming))
    return ft.AlertDialog(
        modal=True,
        semantics_label=f"Redeem {reward.name}?",
        title=ft.Text(f"Redeem {reward.name}?"),
        content=ft.Column(lines, tight=True, spacing=12),
        actions=actions,
        on_dismiss=rewards.cancel_redeem,
    )


def _code_dialog(rewards: RewardsState, done: Redemption, demo_tools: bool, t: Translator) -> ft.AlertDialog:
    """A code to show at the counter; a used or expired one says so instead of inviting the member to use it."""
    muted = ft.Colors.ON_SURFACE_VARIANT
    if done.status == "ready":
        title = f"Enjoy your {done.reward_name}!"
        lines: list[ft.Control] = [
            ft.Text("Show this code at the counter.", text_align=ft.TextAlign.CENTER),
            QrImage(done.qr_payload, "Redemption QR code"),
            ft.Text(f"Code {done.code}", size=20, weight=ft.FontWeight.BOLD),
        ]
        if done.expires_at is not None:
            lines.append(ft.Text(f"Use it by {t.date(done.expires_at)}.", size=13, color=muted))
        icon = ft.Icon(ft.Icons.CELEBRATION_ROUNDED, color=ft.Colors.PRIMARY, size=36)
    else:
        used = done.status == "used"
        title = f"{done.reward_name}: used" if used else f"{done.reward_name}: expired"
        if used:
            said = f"This code was used on {t.date(done.used_at)}." if done.used_at else "This code was used."
        else:
            said = f"This code expired on {t.date(done.expires_at)}." if done.expires_at else "This code expired."
        lines = [
            ft.Text(said, text_align=ft.TextAlign.CENTER),
            ft.Text(f"Code {done.code}", size=20, weight=ft.FontWeight.BOLD, color=muted),
        ]
        icon = ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE if used else ft.Icons.TIMER_OFF_OUTLINED, color=muted, size=36)
    lines.append(
        ft.Text(
            f"Balance now: {stars(done.balance_after)}"
            if rewards.just_redeemed
            else f"Redeemed {t.date(done.created_at)} for {stars(done.stars)}",
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
                "Use at the counter",
                icon=ft.Icons.POINT_OF_SALE,
                on_click=functools.partial(rewards.use_at_counter, done),
                disabled=rewards.using,
            )
        )
    actions.append(ft.FilledButton("Done", on_click=rewards.close_redemption))
    return ft.AlertDialog(
        modal=True,
        semantics_label=title,  # the dialog's accessible name (else Flutter web names every dialog "Alert")
        icon=icon,
        title=ft.Text(title, text_align=ft.TextAlign.CENTER),
        content=ft.Column(lines, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True, spacing=12),
        actions=actions,
        actions_alignment=ft.MainAxisAlignment.CENTER,
    )
