"""Friend requests (a section of the Friends screen): requests received (Accept, Decline) and sent (Cancel), the
member's friends, their own code to share, and "Add a friend" by code."""

from __future__ import annotations

import flet as ft

from app.api.models import FriendRequest
from app.components.action_row import with_action
from app.components.feedback import InlineError
from app.components.layout import SectionCard, SectionHeader
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state import FriendCircleState
from app.views.friends_layout import tap


def content(circle: FriendCircleState, t: Translator) -> list[ft.Control]:
    rows: list[ft.Control] = []
    if circle.answer_error:
        rows.append(InlineError(circle.answer_error))
    for request in circle.incoming:
        rows.append(_incoming(circle, request, t))
    for request in circle.outgoing:
        rows.append(_outgoing(circle, request, t))
    if not circle.incoming and not circle.outgoing:
        rows.append(ft.Text(t._("No friend requests waiting."), color=ft.Colors.ON_SURFACE_VARIANT))
    rows.append(_add_friend(circle, t))
    rows.append(SectionHeader(t._("Your friends")))
    if not circle.friends:
        rows.append(
            ft.Text(t._("No friends yet: share your code or add theirs."), color=ft.Colors.ON_SURFACE_VARIANT)
        )
    for f in circle.friends:
        rows.append(
            ft.Row(
                [ft.Icon(ft.Icons.PERSON_OUTLINE, color=ft.Colors.PRIMARY), ft.Text(f.name, expand=True)],
                spacing=12,
            )
        )
    return rows


def _incoming(circle: FriendCircleState, request: FriendRequest, t: Translator) -> ft.Control:
    busy = circle.answering is not None
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.PERSON_ADD_ALT_1, color=ft.Colors.PRIMARY),
                        ft.Text(t._("{name} wants to be friends", name=request.from_name), expand=True),
                    ],
                    spacing=12,
                ),
                ft.Row(
                    [
                        ft.OutlinedButton(t._("Decline"), on_click=tap(circle.decline, request.id), disabled=busy),
                        ft.FilledButton(
                            t._("Accept"), icon=ft.Icons.CHECK, on_click=tap(circle.accept, request.id), disabled=busy
                        ),
                    ],
                    alignment=ft.MainAxisAlignment.END,
                ),
            ],
            spacing=8,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        padding=12,
    )


def _outgoing(circle: FriendCircleState, request: FriendRequest, t: Translator) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.HOURGLASS_EMPTY, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Text(t._("Sent to {name}: pending", name=request.to_name), expand=True),
            ft.TextButton(
                t._("Cancel"), on_click=tap(circle.cancel, request.id), disabled=circle.answering is not None
            ),
        ],
        spacing=12,
    )


def _add_friend(circle: FriendCircleState, t: Translator) -> ft.Control:
    own_code = circle.me.friend_code if circle.me else None
    rows: list[ft.Control] = [ft.Text(t._("Add a friend"), weight=ft.FontWeight.W_600)]
    if own_code:
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.SHARE_OUTLINED, color=ft.Colors.PRIMARY),
                    ft.Column(
                        [
                            ft.Text(t._("Your friend code"), size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                            ft.Text(own_code, size=18, weight=ft.FontWeight.BOLD),
                        ],
                        spacing=0,
                        expand=True,
                    ),
                ]
            )
        )
    rows.append(
        ft.Text(
            t._("They get a request to accept; you are friends once they do."),
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    )
    code_field = TextInput(
        circle.friend_code,
        circle.texts_revision,
        circle.set_friend_code,
        label=t._("Friend code"),
        on_submit=circle.add_friend,
        error=circle.add_friend_error,
        error_max_lines=3,
        capitalization=ft.TextCapitalization.CHARACTERS,
        expand=True,
    )
    rows.append(
        with_action(
            code_field,
            t._("Add friend"),
            ft.Icons.PERSON_ADD_ALT,
            circle.add_friend,
            disabled=circle.adding_friend,
            tonal=True,
            top=True,
        )
    )
    return SectionCard(ft.Column(rows, spacing=10), padding=14)
