"""Rewards: the catalog grouped by cost, the redeem confirmation, the code and QR code, and "My rewards"."""

from __future__ import annotations

import flet as ft

from app.api.models import Redemption
from app.components.buttons import IconAction
from app.components.context import use_member, use_screen
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard, SectionHeader
from app.components.qr import QrImage
from app.components.reward_tile import RewardTile
from app.components.stars import stars
from app.state import RewardsState


@ft.component
def RewardsScreen() -> ft.Control:
    rewards = use_screen(RewardsState)
    member = use_member()

    ft.use_dialog(_dialog(rewards, member.balance))
    return when_loaded(
        rewards, "Loading rewards", "Rewards could not load", lambda: _content(rewards), show_reload_error=False
    )


def _content(rewards: RewardsState) -> list[ft.Control]:
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
    if rewards.goal_error:
        controls.append(InlineError(rewards.goal_error))
    return controls + (_catalog(rewards) if rewards.tab == "catalog" else _mine(rewards))


def _catalog(rewards: RewardsState) -> list[ft.Control]:
    controls: list[ft.Control] = []
    suggested = rewards.suggested
    if suggested is not None:
        controls.append(SectionHeader("Use your expiring Stars"))
        controls.append(
            RewardTile(
                suggested,
                rewards.ask_to_redeem,
                highlight=True,
                on_goal=rewards.set_goal,
                on_clear_goal=rewards.clear_goal,
                key=f"suggested-{suggested.id}",
            )
        )
    for cost, group in rewards.by_cost():
        # The suggested reward is shown once, at the top: one "Redeem <name>" button per reward.
        shown = [r for r in group if suggested is None or r.id != suggested.id]
        if shown:
            controls.append(SectionHeader(f"{cost:,}-Star rewards"))
            controls += [
                RewardTile(
                    r, rewards.ask_to_redeem, on_goal=rewards.set_goal, on_clear_goal=rewards.clear_goal, key=r.id
                )
                for r in shown
            ]
    if not rewards.rewards:
        controls.append(ft.Text("No rewards are available right now.", color=ft.Colors.ON_SURFACE_VARIANT))
    return controls


def _mine(rewards: RewardsState) -> list[ft.Control]:
    if not rewards.redemptions:
        return [
            SectionCard(
                ft.Text(
                    "You have not redeemed a reward yet. Your codes will be kept here.",
                    color=ft.Colors.ON_SURFACE_VARIANT,
                )
            )
        ]
    return [SectionHeader("My rewards"), *[_redemption_row(rewards, r) for r in rewards.redemptions]]


def _redemption_row(rewards: RewardsState, r: Redemption) -> ft.Control:
    return SectionCard(
        ft.Row(
            [
                ft.Icon(ft.Icons.CONFIRMATION_NUMBER_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Column(
                    [
                        ft.Text(r.reward_name, weight=ft.FontWeight.W_600),
                        ft.Text(f"Code {r.code}"),
                        ft.Text(
                            f"{r.created_at:%d %b %Y} · {stars(r.stars)}", size=12, color=ft.Colors.ON_SURFACE_VARIANT
                        ),
                    ],
                    spacing=2,
                    expand=True,
                ),
                IconAction(
                    ft.Icons.QR_CODE_2, f"Show QR code for {r.reward_name}", on_click=lambda: rewards.open_redemption(r)
                ),
            ]
        ),
        padding=12,
    )


def _dialog(rewards: RewardsState, balance: int | None) -> ft.AlertDialog | None:
    done = rewards.last_redemption
    if done is not None:
        title = f"Enjoy your {done.reward_name}!"
        return ft.AlertDialog(
            modal=True,
            semantics_label=title,  # the dialog's accessible name (else Flutter web names every dialog "Alert")
            icon=ft.Icon(ft.Icons.CELEBRATION_ROUNDED, color=ft.Colors.PRIMARY, size=36),
            title=ft.Text(title, text_align=ft.TextAlign.CENTER),
            content=ft.Column(
                [
                    ft.Text("Show this code at the counter.", text_align=ft.TextAlign.CENTER),
                    QrImage(done.qr_payload, "Redemption QR code"),
                    ft.Text(f"Code {done.code}", size=20, weight=ft.FontWeight.BOLD),
                    ft.Text(
                        f"Balance now: {stars(done.balance_after)}"
                        if rewards.just_redeemed
                        else f"Redeemed {done.created_at:%d %b %Y} for {stars(done.stars)}",
                        size=13,
                        color=ft.Colors.ON_SURFACE_VARIANT,
                    ),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                tight=True,
                spacing=12,
            ),
            actions=[ft.FilledButton("Done", on_click=rewards.close_redemption)],
            actions_alignment=ft.MainAxisAlignment.CENTER,
        )
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
