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
from app.components.motion import PopIn
from app.state.celebration import CelebrationState


@ft.memo  # the frame re-renders on every navigation; the celebration only when its own state changes
@ft.component
def Celebration() -> ft.Control:
    celebration = use_screen(CelebrationState)
    t = use_i18n()

    moment = celebration.current
    # The same controls whether or not a moment is shown, so that the icon is there before a moment comes, resting
    # small: the frame that brings the moment also lets the icon spring from there (an implicit animation does not
    # run when its control is first built, and growing it in a second frame, 50 ms later, made that frame the last of
    # every interaction that earned a badge). With no moment, nothing takes room, nothing is painted and nothing is
    # in the accessibility tree. What changes between the two is only what cannot change the client's widgets
    # above the icon (padding from none to some would: the icon would be built again). Being always there, the
    # icon's `PopIn` also starts the page's one reading of reduced motion with the shell, before any moment.
    icon = PopIn(
        ft.Icon(kind_icon(celebration.kind_of(moment)), color=ft.Colors.AMBER_700, size=40) if moment else None,
        moment.id if moment else None,
        600,
        ft.AnimationCurve.ELASTIC_OUT,
        start=0.4,
        rests_small=True,  # (the next moment after "Nice!" is a new value: small in one frame, then it grows)
    )
    details: list[ft.Control] = []
    label = ""
    if moment is not None:
        body = moment.body.strip()
        # Translators: a celebration's accessible name; {title} and {body} are the API's texts.
        label = t._("{title}. {body}", title=moment.title, body=body) if body else moment.title
        more = celebration.waiting
        details = [
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
                key=f"moment-{moment.id}",
            ),
            ft.FilledTonalButton(t._("Nice!"), on_click=lambda: celebration.dismiss(moment.id)),
        ]
    shown = moment is not None
    return ft.Container(
        content=ft.Semantics(
            container=shown,
            live_region=shown,
            identifier="celebration" if shown else None,
            exclude_semantics=not shown,
            content=ft.Row(
                [ft.Semantics(label=label, exclude_semantics=True, content=icon), *details],
                spacing=12,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,  # painted on no room at all when no moment is shown
        padding=ft.Padding.symmetric(horizontal=16, vertical=10) if shown else ft.Padding.all(0),
    )
