"""The celebration of a badge earned while the app is open ("New badge: Challenger!"), on whichever screen is shown.

The shell mounts it once; it shows `BadgesState.celebrating`, which the live updates set.
"""

from __future__ import annotations

import flet as ft

from app.components.badge_medal import BadgeMedal
from app.components.context import use_screen
from app.state import BadgesState


@ft.component
def BadgeCelebration() -> ft.Control:
    badges = use_screen(BadgesState)
    badge = badges.celebrating
    dialog = None
    if badge is not None:
        dialog = ft.AlertDialog(
            modal=True,
            semantics_label=f"New badge: {badge.name}!",  # its accessible name (Flutter web's default is "Alert")
            icon=ft.Container(
                content=ft.Column(
                    [
                        ft.Icon(ft.Icons.CELEBRATION_ROUNDED, color=ft.Colors.AMBER_700, size=32),
                        BadgeMedal(badge, size=96),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    spacing=8,
                    tight=True,
                ),
                animate_scale=ft.Animation(500, ft.AnimationCurve.ELASTIC_OUT),
            ),
            title=ft.Text(f"New badge: {badge.name}!", text_align=ft.TextAlign.CENTER),
            content=ft.Text(badge.description, text_align=ft.TextAlign.CENTER),
            actions=[ft.FilledButton("Nice!", icon=ft.Icons.THUMB_UP_ALT_OUTLINED, on_click=badges.close_celebration)],
            actions_alignment=ft.MainAxisAlignment.CENTER,
        )
    ft.use_dialog(dialog)
    return ft.Container(width=0, height=0)
