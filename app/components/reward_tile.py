"""One reward of the catalog: what it is, whether the member can have it (as the API says), and its Redeem button."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from app.api.models import Reward
from app.components.icons import icon_named
from app.components.layout import SectionCard
from app.components.stars import StarsProgress
from app.i18n import Translator


def _status(reward: Reward, t: Translator) -> ft.Control:
    if reward.locked_reason == "tier":
        # Translators: {tier} is a tier's name (Green, Gold, Reserve: brand names).
        text = t._("For {tier} members and above", tier=reward.tier_required)
        return _line(ft.Icons.LOCK_OUTLINE, text, ft.Colors.ON_SURFACE_VARIANT)
    if reward.locked_reason == "out_of_stock":
        return _line(ft.Icons.REMOVE_SHOPPING_CART_OUTLINED, t._("Out of stock"), ft.Colors.ERROR)
    if reward.can_redeem:
        return _line(ft.Icons.CHECK_CIRCLE, t._("You have enough Stars"), ft.Colors.PRIMARY)
    have = max(reward.cost - reward.stars_missing, 0)
    return StarsProgress(
        have / reward.cost if reward.cost else 0.0,
        # Translators: a progress bar's accessible name, "189 of 200 Stars to Free drink"; {reward} is its name.
        t.n_(
            "{have} of {n} Star to {reward}",
            "{have} of {n} Stars to {reward}",
            reward.cost,
            have=have,
            reward=reward.name,
        ),
        t.n_("{n} Star to go", "{n} Stars to go", reward.stars_missing),
    )


def _line(icon: ft.IconData, text: str, color: ft.ColorValue) -> ft.Control:
    return ft.Row([ft.Icon(icon, size=18, color=color), ft.Text(text, color=color, size=13)], spacing=6)


@ft.memo  # opening the redeem confirmation (or any other change of the Rewards screen) leaves the tiles as they are
@ft.component
def RewardTile(
    reward: Reward,
    on_redeem: Callable[[Reward], None],
    t: Translator,
    highlight: bool = False,
    on_goal: Callable[[Reward], Awaitable[None]] | None = None,
    on_clear_goal: Callable[[], Awaitable[None]] | None = None,
) -> ft.Control:
    details: list[ft.Control] = [
        ft.Text(reward.name, weight=ft.FontWeight.W_600, size=16),
        ft.Text(reward.description, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if reward.stock is not None and reward.locked_reason != "out_of_stock":
        # Locked for another reason (tier) and also gone: say so rather than "Only 0 left".
        stock_line = t.n_("Only {n} left", "Only {n} left", reward.stock) if reward.stock > 0 else t._("Out of stock")
        details.append(ft.Text(stock_line, size=12, color=ft.Colors.TERTIARY))
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Container(
                            content=ft.Icon(
                                icon_named(reward.icon, ft.Icons.REDEEM), color=ft.Colors.ON_PRIMARY_CONTAINER
                            ),
                            bgcolor=ft.Colors.PRIMARY_CONTAINER,
                            border_radius=24,
                            padding=10,
                        ),
                        ft.Column(details, spacing=2, expand=True),
                        ft.Text(
                            t.number(reward.cost),
                            weight=ft.FontWeight.BOLD,
                            size=18,
                            color=ft.Colors.PRIMARY,
                            semantics_label=t.n_("Costs {n} Star", "Costs {n} Stars", reward.cost),
                        ),
                    ],
                    spacing=12,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                _status(reward, t),
                ft.FilledButton(
                    # Translators: {reward} is a reward's name.
                    t._("Redeem {reward}", reward=reward.name),
                    icon=ft.Icons.REDEEM,
                    disabled=not reward.can_redeem,
                    on_click=lambda: on_redeem(reward),
                    width=float("inf"),
                ),
                *_goal_line(reward, on_goal, on_clear_goal, t),
            ],
            spacing=10,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER if highlight else None,
        padding=14,
    )


def _goal_line(
    reward: Reward,
    on_goal: Callable[[Reward], Awaitable[None]] | None,
    on_clear_goal: Callable[[], Awaitable[None]] | None,
    t: Translator,
) -> list[ft.Control]:
    """ "Set as my goal" (any reward, even one not affordable yet), or "Your goal" with the way to drop it."""
    if reward.is_goal:
        if on_clear_goal is None:
            return []
        return [
            ft.Row(
                [
                    ft.Icon(ft.Icons.FLAG, size=18, color=ft.Colors.PRIMARY),
                    ft.Text(t._("Your goal: Home counts toward it"), size=13, color=ft.Colors.PRIMARY, expand=True),
                    ft.TextButton(
                        content=ft.Text(
                            t._("Remove goal"), semantics_label=t._("Remove {reward} as my goal", reward=reward.name)
                        ),
                        on_click=on_clear_goal,
                    ),
                ],
                spacing=6,
            )
        ]
    if on_goal is None:
        return []

    async def set_goal() -> None:
        await on_goal(reward)

    return [
        ft.OutlinedButton(
            content=ft.Text(t._("Set as my goal"), semantics_label=t._("Set {reward} as my goal", reward=reward.name)),
            icon=ft.Icons.FLAG_OUTLINED,
            on_click=set_goal,
            width=float("inf"),
        )
    ]
