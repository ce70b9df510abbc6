"""What the screens outside the signed-in shell share (sign-in, joining, password reset, the tour): a centred column
under the brand, and the demo card showing the email the API "sent"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.api.models import OutboxMessage
from app.components.context import use_i18n
from app.components.text_input import TextInput


def OutsideShell(controls: list[ft.Control], *, top: int = 32) -> ft.Control:
    """The screen's column: the phone's width, centred on wide windows; a Column (not a ListView) keeps every text
    its own node in the accessibility tree."""
    column = ft.Column(controls, spacing=14, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.SafeArea(
        content=ft.Column(
            [
                # The phone's whole width; a centred column of about 420 px on wider windows.
                ft.ResponsiveRow(
                    [ft.Container(content=column, padding=24, col={"xs": 12, "sm": 8, "md": 6, "lg": 4})],
                    alignment=ft.MainAxisAlignment.CENTER,
                )
            ],
            scroll=ft.ScrollMode.AUTO,
        ),
        expand=True,
        minimum_padding=ft.Padding.only(top=top),
    )


def Heading(title: str, subtitle: str | None = None) -> ft.Control:
    rows: list[ft.Control] = [
        ft.Semantics(
            header=True,
            content=ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.BOLD),
        )
    ]
    if subtitle:
        rows.append(ft.Text(subtitle, color=ft.Colors.ON_SURFACE_VARIANT))
    return ft.Column(rows, spacing=6)


def Field(
    label: str,
    value: str,
    revision: int,
    on_change: Callable[[str], None],
    error: str | None,
    *,
    disabled: bool,
    **kwargs: Any,
) -> ft.Control:
    """A text field with its error right under it (`error`, from the form's `field_errors`)."""
    return TextInput(value, revision, on_change, label=label, error=error, disabled=disabled, **kwargs)


@ft.component
def DemoEmailCard(messages: list[OutboxMessage]) -> ft.Control:
    """Demo only: the email the API "sent" (its code), so a visitor can go on without a real inbox."""
    t = use_i18n()
    if not messages:
        return ft.Container()
    mail = messages[0]
    return ft.Container(
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.MARK_EMAIL_UNREAD_OUTLINED, color=ft.Colors.ON_TERTIARY_CONTAINER),
                        ft.Text(
                            t._("Demo: the email we sent"),
                            weight=ft.FontWeight.BOLD,
                            color=ft.Colors.ON_TERTIARY_CONTAINER,
                        ),
                    ],
                    spacing=8,
                ),
                # Translators: {address} is an email address.
                ft.Text(t._("To {address}", address=mail.to), size=12, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(mail.subject, weight=ft.FontWeight.W_600, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ft.Text(mail.body, color=ft.Colors.ON_TERTIARY_CONTAINER),
            ],
            spacing=6,
        ),
        bgcolor=ft.Colors.TERTIARY_CONTAINER,
        border_radius=12,
        padding=14,
    )
