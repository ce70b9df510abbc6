"""The first-run tour: a few cards from the program (`Program.tour`: Stars, qualifying Stars and tiers, gifting).
A member who just joined lands here; it can be skipped, and replayed from How it works."""

from __future__ import annotations

import flet as ft

from app.components.context import use_i18n, use_screen, use_session
from app.components.feedback import when_loaded
from app.components.welcome import OutsideShell
from app.state import ProgramState

TOUR_ICONS = (ft.Icons.STARS_ROUNDED, ft.Icons.WORKSPACE_PREMIUM_OUTLINED, ft.Icons.CARD_GIFTCARD_OUTLINED)


@ft.component
def TourScreen() -> ft.Control:
    session = use_session()
    program = use_screen(ProgramState)
    t = use_i18n()
    page = ft.context.page
    index, set_index = ft.use_state(0)

    async def load() -> None:
        await program.ensure_loaded()  # outside the shell: nobody else loads it

    ft.use_effect(load, [])

    def finish() -> None:
        page.navigate(session.tour_seen())  # Home, or where joining was headed (a gift to claim)

    def body() -> list[ft.Control]:
        cards = program.program.tour if program.program else []
        if not cards:
            return [ft.FilledButton(t._("Start"), on_click=finish)]
        i = min(index, len(cards) - 1)
        card = cards[i]
        last = i == len(cards) - 1
        return [
            ft.Row(
                [
                    # Translators: which card of the tour is shown, e.g. "1 of 3".
                    ft.Text(
                        t.n_("{number} of {n}", "{number} of {n}", len(cards), number=i + 1),
                        color=ft.Colors.ON_SURFACE_VARIANT,
                    ),
                    ft.TextButton(t._("Skip tour"), on_click=finish),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            ),
            ft.Container(
                content=ft.Column(
                    [
                        ft.Icon(TOUR_ICONS[i % len(TOUR_ICONS)], size=64, color=ft.Colors.ON_PRIMARY_CONTAINER),
                        ft.Semantics(
                            header=True,
                            content=ft.Text(
                                card.title,
                                theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                                weight=ft.FontWeight.BOLD,
                                color=ft.Colors.ON_PRIMARY_CONTAINER,
                                text_align=ft.TextAlign.CENTER,
                            ),
                        ),
                        ft.Text(
                            card.body, size=16, color=ft.Colors.ON_PRIMARY_CONTAINER, text_align=ft.TextAlign.CENTER
                        ),
                    ],
                    spacing=14,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                bgcolor=ft.Colors.PRIMARY_CONTAINER,
                border_radius=24,
                padding=28,
            ),
            ft.Row(
                [
                    ft.TextButton(t._("Back"), on_click=lambda: set_index(i - 1), disabled=i == 0),
                    ft.FilledButton(
                        t._("Start using Starboard") if last else t._("Next"),
                        on_click=finish if last else (lambda: set_index(i + 1)),
                        height=48,
                    ),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            ),
        ]

    return when_loaded(program, t._("Loading the tour"), t._("The tour could not load"), body, layout=OutsideShell)
