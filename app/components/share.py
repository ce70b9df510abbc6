"""Share to earn's button: the text is copied inside the tap, then the browser's share sheet is offered where it has
one (the Web Share API); what happened goes to the screen's state, which records the share with the API."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

import flet as ft

from app.api.models import ShareHow


async def offer_share_sheet(text: str) -> ShareHow:
    """Open the platform's share sheet with `text`; "copy" where there is none (the tap already copied it).

    Flet's `Share` uses `navigator.share` on the web. Its fallbacks (a mailto: link, a download) are turned off, so
    where the browser has no Web Share (Chromium and Firefox on desktop Linux, for instance) the call fails or answers
    "unavailable", and the copy made in the tap is the share.
    """
    with contextlib.suppress(Exception):
        result = await ft.Share().share_text(text, mail_to_fallback_enabled=False, download_fallback_enabled=False)
        if result.status != ft.ShareResultStatus.UNAVAILABLE:
            return "share_sheet"
    return "copy"


def ShareButton(label: str, text: str, on_shared: Callable[[ShareHow], Awaitable[object]], busy: bool) -> ft.Control:
    """A button named `label` that shares `text` and then calls `on_shared` with how it was shared."""

    async def share() -> None:
        await on_shared(await offer_share_sheet(text))

    return ft.FilledTonalButton(
        label,
        icon=ft.Icons.SHARE,
        # Copied inside the tap itself: a browser allows a clipboard write only then (Safari strictly).
        action=ft.CopyToClipboard(text),
        on_click=share,
        disabled=busy,
    )
