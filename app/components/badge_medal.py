"""A badge's art: its Material icon in a round medal, in colour when earned, greyed with a lock when not."""

from __future__ import annotations

import flet as ft

from app.api.models import Badge
from app.components.icons import icon_named


@ft.component
def BadgeMedal(badge: Badge, size: int = 36, lock: bool = True) -> ft.Control:
    earned = badge.earned_at is not None
    medal = ft.Container(
        content=ft.Icon(
            icon_named(badge.icon, ft.Icons.MILITARY_TECH),
            size=size,
            color=ft.Colors.ON_SECONDARY_CONTAINER if earned else ft.Colors.OUTLINE,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER if earned else ft.Colors.SURFACE_CONTAINER_HIGHEST,
        border=None if earned else ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=size,
        padding=size // 3,
    )
    if earned or not lock:
        return ft.Semantics(content=medal, exclude_semantics=True)
    # The lock sits inside the medal's own square (its top-right corner), not on a Badge hanging below it: a
    # Badge at the bottom right overflowed onto the badge's name under the medal.
    side = size + 2 * (size // 3)
    padlock = ft.Container(
        content=ft.Icon(ft.Icons.LOCK, size=12, color=ft.Colors.ON_INVERSE_SURFACE),
        bgcolor=ft.Colors.INVERSE_SURFACE,
        border_radius=10,
        padding=3,
        right=0,
        top=0,
    )
    return ft.Semantics(content=ft.Stack([medal, padlock], width=side, height=side), exclude_semantics=True)
