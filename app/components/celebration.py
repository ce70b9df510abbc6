"""A moment of its own for an achievement (a challenge finished, a badge earned, a higher tier reached), shown by
the shell above whichever screen is open (`CelebrationState`).

It sits in the layout, above the screen, not over it: the result that caused it (a visit's "Balance now ...") stays
readable below. It springs in, unless the platform asks for less motion (Flutter's accessibility features: the
browser's `prefers-reduced-motion`), and it is announced politely to screen readers.
"""

from __future__ import annotations

import flet as ft

from app.components.context import use_i18n, use_screen
from app.components.icons import kind_icon
from app.components.motion import PopIn, use_reduced_motion
from app.state.celebration import CelebrationState


@ft.memo  # the frame re-renders on every navigation; the celebration only when its own state changes
@ft.component
def Celebration() -> ft.Control:
    celebration = use_screen(CelebrationState)
    t = use_i18n()
    # The page's one reading of the setting starts with the shell (this is always there), so the first moment's icon
    # already knows whether to spring.
    use_reduced_motion()

    moment = celebration.current
    if moment is None:
        return ft.Container(height=0, key="no-celebration")
    kind = celebration.kind_of(moment)
    body = moment.body.strip()
    # Translators: a celebration's accessible name; {title} and {body} are the API's texts.
    label = t._("{title}. {body}", title=moment.title, body=body) if body else moment.title
    more = celebration.waiting
    # The icon springs in for every moment (the container's key is the moment's: each one is a new `PopIn`).
    icon = PopIn(
        ft.Icon(kind_icon(kind), color=ft.Colors.AMBER_700, size=40),
        moment.id,
        600,
        ft.AnimationCurve.ELASTIC_OUT,
        start=0.4,
        on_mount=True,
    )
    return ft.Container(
        key=f"celebration-{moment.id}",
        content=ft.Semantics(
            container=True,
            live_region=True,
            identifier="celebration",
            content=ft.Row(
                [
                    ft.Semantics(label=label, exclude_semantics=True, content=icon),
                    ft.Column(
                        [
                            ft.Text(moment.title, weight=ft.FontWeight.BOLD, color=ft.Colors.ON_TERTIARY_CONTAINER),
                            *([ft.Text(body, size=13, color=ft.Colors.ON_TERTIARY_CONTAINER)] if body else []),
                            *(
                                [
                                    ft.Text(
                                        t.n_("{n} more to celebrate", "{n} more to celebrate", more),
                                        size=12,
                                        color=ft.Colors.ON_TERTIARY_CONTAINER,
                                    )
                                ]
                                if more
                                else []
                            ),
                        ],
                        spacing=2,
                        expand=True,
                    ),
                    ft.FilledTonalButton(t._("Nice!"), on_click=lambda: celebration.dismiss(moment.id)),
                ],
                spacing=12,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        padding=ft.Padding.symmetric(horizontal=16, vertical=10),
    )
