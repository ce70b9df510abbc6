"""Friend requests (a section of the Friends screen): requests received (Accept, Decline) and sent (Cancel), the
member's friends, their own code to share, and "Add a friend" by code."""

from __future__ import annotations

import flet as ft

from app.api.models import FriendRequest
from app.components.context import use_observed
from app.components.feedback import InlineError
from app.components.layout import SectionCard, SectionHeader
from app.components.text_input import TextInput
from app.state import FriendCircleState, FriendsState
from app.views.friends_layout import section_loaded, tap


@ft.component
def FriendRequestsSection(screen: FriendsState) -> ft.Control:
    circle = use_observed(screen.section(FriendCircleState))
    return section_loaded(circle, "Loading friend requests", lambda: _content(circle))


def _content(circle: FriendCircleState) -> list[ft.Control]:
    rows: list[ft.Control] = [SectionHeader("Friend requests")]
    if circle.answer_error:
        rows.append(InlineError(circle.answer_error))
    for request in circle.incoming:
        rows.append(_incoming(circle, request))
    for request in circle.outgoing:
        rows.append(_outgoing(circle, request))
    if not circle.incoming and not circle.outgoing:
        rows.append(ft.Text("No friend requests waiting.", color=ft.Colors.ON_SURFACE_VARIANT))
    rows.append(_add_friend(circle))
    rows.append(SectionHeader("Your friends"))
    if not circle.friends:
        rows.append(ft.Text("No friends yet: share your code or add theirs.", color=ft.Colors.ON_SURFACE_VARIANT))
    for f in circle.friends:
        rows.append(
            ft.Row(
                [ft.Icon(ft.Icons.PERSON_OUTLINE, color=ft.Colors.PRIMARY), ft.Text(f.name, expand=True)],
                spacing=12,
            )
        )
    return rows


def _incoming(circle: FriendCircleState, request: FriendRequest) -> ft.Control:
    busy = circle.answering is not None
    return SectionCard(
        ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.PERSON_ADD_ALT_1, color=ft.Colors.PRIMARY),
                        ft.Text(f"{request.from_name} wants to be friends", expand=True),
                    ],
                    spacing=12,
                ),
                ft.Row(
                    [
                        ft.OutlinedButton("Decline", on_click=tap(circle.decline, request.id), disabled=busy),
                        ft.FilledButton(
                            "Accept", icon=ft.Icons.CHECK, on_click=tap(circle.accept, request.id), disabled=busy
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


def _outgoing(circle: FriendCircleState, request: FriendRequest) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.HOURGLASS_EMPTY, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Text(f"Sent to {request.to_name}: pending", expand=True),
            ft.TextButton("Cancel", on_click=tap(circle.cancel, request.id), disabled=circle.answering is not None),
        ],
        spacing=12,
    )


def _add_friend(circle: FriendCircleState) -> ft.Control:
    own_code = circle.me.friend_code if circle.me else None
    rows: list[ft.Control] = [ft.Text("Add a friend", weight=ft.FontWeight.W_600)]
    if own_code:
        rows.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.SHARE_OUTLINED, color=ft.Colors.PRIMARY),
                    ft.Column(
                        [
                            ft.Text("Your friend code", size=13, color=ft.Colors.ON_SURFACE_VARIANT),
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
            "They get a request to accept; you are friends once they do.",
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    )
    rows.append(
        ft.Row(
            [
                TextInput(
                    circle.friend_code,
                    circle.texts_revision,
                    circle.set_friend_code,
                    label="Friend code",
                    on_submit=circle.add_friend,
                    error=circle.add_friend_error,
                    error_max_lines=3,
                    capitalization=ft.TextCapitalization.CHARACTERS,
                    expand=True,
                ),
                ft.FilledTonalButton(
                    "Add friend",
                    icon=ft.Icons.PERSON_ADD_ALT,
                    on_click=circle.add_friend,
                    disabled=circle.adding_friend,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    )
    return SectionCard(ft.Column(rows, spacing=10), padding=14)
