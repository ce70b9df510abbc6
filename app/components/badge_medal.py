"""A badge's art (assets/badges/): its family's motif on a medal frame of its level (bronze, silver, gold).

A locked badge has the grey frame, a faded grey motif and a lock, so it reads as "not yet" at a glance in both themes.
A family the app has no art for (a newer API) gets the generic star motif.
"""

from __future__ import annotations

import flet as ft

from app.api.models import Badge

FAMILIES_WITH_ART = frozenset(
    {"visits", "streak", "gifts", "challenges", "reviews", "status", "rewards", "friends", "games"}
)


def badge_art(badge: Badge) -> tuple[str, str]:
    """The frame and motif files of a badge (paths under the served assets)."""
    earned = badge.earned_at is not None
    frame = f"/badges/frame-{badge.level if earned else 'locked'}.svg"
    motif = f"/badges/{badge.family if badge.family in FAMILIES_WITH_ART else 'generic'}.svg"
    return frame, motif


@ft.component
def BadgeMedal(badge: Badge, size: int = 64, lock: bool = True) -> ft.Control:
    earned = badge.earned_at is not None
    frame, motif = badge_art(badge)
    layers: list[ft.Control] = [
        ft.Image(src=frame, width=size, height=size, fit=ft.BoxFit.CONTAIN),
        ft.Image(
            src=motif,
            width=size,
            height=size,
            fit=ft.BoxFit.CONTAIN,
            color=None if earned else ft.Colors.GREY_600,
            color_blend_mode=None if earned else ft.BlendMode.SRC_IN,
            opacity=1.0 if earned else 0.55,
        ),
    ]
    if not earned and lock:
        layers.append(
            ft.Container(
                content=ft.Icon(ft.Icons.LOCK, size=size // 5, color=ft.Colors.ON_INVERSE_SURFACE),
                bgcolor=ft.Colors.INVERSE_SURFACE,
                border_radius=size,
                padding=3,
                right=0,
                top=0,
            )
        )
    return ft.Semantics(content=ft.Stack(layers, width=size, height=size), exclude_semantics=True)
