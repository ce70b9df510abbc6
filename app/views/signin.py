"""Sign in: email and password, or "Try the demo" (an account of one's own); the ways to "Join Starboard" and to
reset a forgotten password. Wrong credentials are explained right under the form."""

from __future__ import annotations

import flet as ft

from app.components.text_input import TextInput
from app.views.account_forms import email_field, use_account_form, use_password_reveal
from app.views.paths import JOIN_PATH, RESET_PASSWORD_PATH


@ft.component
def SignInScreen() -> ft.Control:
    session, form, t = use_account_form(lambda s: s.signin)
    page = ft.context.page
    show_password, reveal = use_password_reveal(t)

    def leave_when_signed_in() -> None:
        if session.auth == "signed_in":
            target, session.return_to = session.return_to, "/"
            page.navigate(target)

    ft.use_effect(leave_when_signed_in, [session.auth])

    async def forgot_password() -> None:
        # Async like the text field's on_change tasks, so it runs after the email typed last has arrived.
        session.password_reset.start(form.email)
        page.navigate(RESET_PASSWORD_PATH)

    error: list[ft.Control] = []
    if form.error:
        error.append(
            ft.Semantics(  # a live region: a screen reader announces why the sign-in failed
                live_region=True,
                container=True,
                content=ft.Container(
                    content=ft.Row(
                        [
                            ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR, size=20),
                            ft.Text(form.error, color=ft.Colors.ERROR, expand=True),
                        ],
                        spacing=8,
                    ),
                    padding=ft.Padding.symmetric(vertical=4),
                ),
            )
        )

    card = ft.Column(
        [
            ft.Column(
                [
                    ft.Icon(ft.Icons.STARS_ROUNDED, size=56, color=ft.Colors.PRIMARY),
                    ft.Semantics(  # the screen's heading (there is no top bar here)
                        header=True,
                        container=True,
                        content=ft.Text(
                            "Starboard", theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, weight=ft.FontWeight.BOLD
                        ),
                    ),
                    ft.Text(
                        t._("Collect Stars, unlock tiers and treat your friends."),
                        color=ft.Colors.ON_SURFACE_VARIANT,
                        text_align=ft.TextAlign.CENTER,
                    ),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=6,
            ),
            ft.Container(height=8),
            email_field(t, form.email, form.texts_revision, form.set_email, disabled=form.busy),
            TextInput(
                form.password,
                form.texts_revision,
                form.set_password,
                label=t._("Password"),
                password=not show_password,
                suffix_icon=reveal,
                autofill_hints=ft.AutofillHint.PASSWORD,
                prefix_icon=ft.Icons.LOCK_OUTLINE,
                on_submit=form.submit,
                disabled=form.busy,
            ),
            *error,
            ft.FilledButton(
                t._("Sign in"),
                on_click=form.submit,
                disabled=form.busy,
                height=48,
                width=float("inf"),
            ),
            ft.Row(
                [
                    ft.TextButton(t._("Forgot password?"), on_click=forgot_password, disabled=form.busy),
                    ft.TextButton(
                        t._("Join Starboard"), on_click=lambda: page.navigate(JOIN_PATH), disabled=form.busy
                    ),
                ],
                alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            ),
            ft.OutlinedButton(
                t._("Try the demo"),
                icon=ft.Icons.PLAY_ARROW_ROUNDED,
                on_click=form.try_demo,
                disabled=form.busy,
                height=48,
                width=float("inf"),
            ),
            ft.Text(
                t._("The demo gives you an account of your own, with a year of history to explore."),
                size=12,
                color=ft.Colors.ON_SURFACE_VARIANT,
                text_align=ft.TextAlign.CENTER,
            ),
            ft.ProgressBar(semantics_label=t._("Signing in")) if form.busy else ft.Container(height=4),
        ],
        spacing=14,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    return ft.SafeArea(
        content=ft.ListView(
            [ft.Row([ft.Container(content=card, width=400, padding=24)], alignment=ft.MainAxisAlignment.CENTER)],
            padding=ft.Padding.only(top=48),
        ),
        expand=True,
    )
