"""Loading, error (with Retry) and inline error messages, the same on every screen; `when_loaded`, the ladder every
screen goes down (loading, error with Retry, or its content)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from app.components.context import use_i18n
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
        return ErrorState(
            state.error, on_retry=state.refresh, title=failed, by_itself=state.recovers_by_itself or state.slow
        )
    if state.status != "ready":
        return Loading(loading, still_trying=state.slow)
    controls: list[ft.Control] = []
    if state.slow:  # a reload that takes long: what was shown stays shown, and the screen says why it is old
        controls.append(StillTrying())
    if state.error and show_reload_error:
        controls.append(InlineError(state.error, on_retry=state.refresh))
    return layout(controls + content())


@ft.component
def StillTrying() -> ft.Control:
    """A load is taking long (the API is slow or down): say so, over what is still shown."""
    t = use_i18n()
    return ft.Semantics(
        live_region=True,
        container=True,
        content=ft.Container(
            content=ft.Row(
                [
                    ft.ProgressRing(width=16, height=16, stroke_width=2),
                    ft.Text(t._("Still trying to reach Starboard... Showing what you saw last."), expand=True, size=13),
                ],
                spacing=10,
            ),
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
        ),
    )


def _centred(lines: list[ft.Control], padding: int) -> ft.Control:
    """A screen's whole message (loading, could not load), centred in the space the screen has."""
    return ft.Container(
        content=ft.Column(lines, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=12),
        alignment=ft.Alignment.CENTER,
        padding=padding,
    )


@ft.component
def Loading(label: str | None = None, still_trying: bool = False) -> ft.Control:
    t = use_i18n()
    label = label if label is not None else t._("Loading")
    lines: list[ft.Control] = [
        ft.ProgressRing(semantics_label=label),
        ft.Text(label, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if still_trying:
        lines.append(
            ft.Semantics(
                live_region=True,
                content=ft.Text(
                    t._("Still trying to reach Starboard..."),
                    text_align=ft.TextAlign.CENTER,
                    weight=ft.FontWeight.W_600,
                ),
            )
        )
    return _centred(lines, padding=48)


@ft.component
def ErrorState(message: str, on_retry: Action, title: str | None = None, by_itself: bool = False) -> ft.Control:
    """A screen that could not load: what happened, in one sentence, and a Retry button (and, when the failure
    passes by itself, that the screen loads as soon as Starboard answers again)."""
    t = use_i18n()
    lines: list[ft.Control] = [
        ft.Icon(ft.Icons.CLOUD_OFF_ROUNDED, size=48, color=ft.Colors.ON_SURFACE_VARIANT),
        Heading(title or t._("Something went wrong"), weight=None, text_align=ft.TextAlign.CENTER),
        Announced(ft.Text(message, text_align=ft.TextAlign.CENTER, color=ft.Colors.ON_SURFACE_VARIANT)),
    ]
    if by_itself:
        lines.append(
            ft.Text(
                t._("Still trying to reach Starboard... This screen loads by itself when it answers."),
                text_align=ft.TextAlign.CENTER,
            )
        )
    lines.append(ft.FilledButton(t._("Retry"), icon=ft.Icons.REFRESH, on_click=on_retry))
    return _centred(lines, padding=32)


@ft.component
def InlineError(message: str, on_retry: Action | None = None) -> ft.Control:
    """A failure above content that is still shown (a reload that failed), or under a form."""
    t = use_i18n()
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ON_ERROR_CONTAINER, size=20),
        ft.Text(message, color=ft.Colors.ON_ERROR_CONTAINER, expand=True),
    ]
    if on_retry is not None:
        controls.append(ft.TextButton(t._("Retry"), on_click=on_retry))
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
