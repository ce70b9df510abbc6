"""Loading, error (with Retry) and inline error messages, the same on every screen; `when_loaded`, the ladder every
screen goes down (loading, error with Retry, or its content)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from app.components.layout import Heading, ScreenBody
from app.state import ScreenState

Action = Callable[[], Awaitable[Any] | None]


def when_loaded(
    state: ScreenState,
    loading: str,
    failed: str,
    content: Callable[[], list[ft.Control]],
    *,
    layout: Callable[[list[ft.Control]], ft.Control] = ScreenBody,
    show_reload_error: bool = True,
) -> ft.Control:
    """One screen's loading ladder: a spinner named `loading` until its first load is done; `failed` (with the
    sentence and a Retry button) when it could not load; else `content()` in `layout`, under the error of a reload
    that failed (the data stays shown). `show_reload_error=False` for a screen that explains that error itself."""
    if state.status == "error" and state.error:
        return ErrorState(state.error, on_retry=state.refresh, title=failed)
    if state.status != "ready":
        return Loading(loading)
    controls: list[ft.Control] = []
    if state.error and show_reload_error:
        controls.append(InlineError(state.error, on_retry=state.refresh))
    return layout(controls + content())


@ft.component
def Loading(label: str = "Loading") -> ft.Control:
    return ft.Container(
        content=ft.Column(
            [ft.ProgressRing(semantics_label=label), ft.Text(label, color=ft.Colors.ON_SURFACE_VARIANT)],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=12,
        ),
        alignment=ft.Alignment.CENTER,
        padding=48,
    )


@ft.component
def ErrorState(message: str, on_retry: Action, title: str = "Something went wrong") -> ft.Control:
    """A screen that could not load: what happened, in one sentence, and a Retry button."""
    return ft.Container(
        content=ft.Column(
            [
                ft.Icon(ft.Icons.CLOUD_OFF_ROUNDED, size=48, color=ft.Colors.ON_SURFACE_VARIANT),
                Heading(title, weight=None, text_align=ft.TextAlign.CENTER),
                Announced(ft.Text(message, text_align=ft.TextAlign.CENTER, color=ft.Colors.ON_SURFACE_VARIANT)),
                ft.FilledButton("Retry", icon=ft.Icons.REFRESH, on_click=on_retry),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=12,
        ),
        alignment=ft.Alignment.CENTER,
        padding=32,
    )


@ft.component
def InlineError(message: str, on_retry: Action | None = None) -> ft.Control:
    """A failure above content that is still shown (a reload that failed), or under a form."""
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ON_ERROR_CONTAINER, size=20),
        ft.Text(message, color=ft.Colors.ON_ERROR_CONTAINER, expand=True),
    ]
    if on_retry is not None:
        controls.append(ft.TextButton("Retry", on_click=on_retry))
    return Announced(
        ft.Container(
            content=ft.Row(controls, spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        )
    )


def Announced(content: ft.Control) -> ft.Control:
    """A message a screen reader reads out when it appears or changes (a polite live region), e.g. an error."""
    return ft.Semantics(content=content, live_region=True, container=True)
