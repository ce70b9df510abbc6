"""Profile (a first cut: the full screen comes later): dark mode, "Simulate a visit" (mock backend) and "Sign out"."""

from __future__ import annotations

import flet as ft

from app.components.layout import ScreenBody, SectionCard
from app.components.store import use_session


@ft.component
def ProfileScreen() -> ft.Control:
    session = use_session()
    return ScreenBody(
        [
            SectionCard(
                ft.Row(
                    [
                        ft.CircleAvatar(content=ft.Icon(ft.Icons.PERSON), radius=28),
                        ft.Text(session.member_name or "Member", theme_style=ft.TextThemeStyle.TITLE_LARGE),
                    ],
                    spacing=16,
                )
            ),
            SectionCard(
                ft.Switch(
                    label="Dark mode",
                    value=session.theme_mode == "dark",
                    on_change=session.toggle_dark_mode,
                )
            ),
            ft.FilledTonalButton(
                "Simulate a visit",
                icon=ft.Icons.STOREFRONT_OUTLINED,
                on_click=session.simulate_visit,
                disabled=session.visiting,
            ),
            ft.OutlinedButton("Sign out", icon=ft.Icons.LOGOUT, on_click=session.sign_out),
        ]
    )
