"""What Flet 1.0.5 tells about the browser's languages, and telling Flutter which language its own widgets speak.

Flet gives the Python side no `Accept-Language`: its web server keeps only the WebSocket's `user-agent` (and the
client's IP) for `page.client_user_agent`, and the register message carries no locale. The client answers
`page.get_device_info()` instead: in web mode a `WebDeviceInfo` built from `navigator` (`languages`, `language`),
which is what the browser's `Accept-Language` is made from. Checked in the installed source
(flet/controls/page.py `get_device_info`, flet/controls/device_info.py `WebDeviceInfo`, flet_web/fastapi/flet_app.py)
and in Chromium by tests/e2e/test_browser_language.py.

Flutter's own texts (the date picker's month names and buttons, text-field menus) follow
`page.locale_configuration`, not our catalogues: set it with `locale_configuration(language)` whenever the member's
language is set or changed.
"""

from __future__ import annotations

import asyncio
import logging

import flet as ft

from app.i18n.languages import SUPPORTED, Language, negotiate

log = logging.getLogger("starboard.i18n")

DEVICE_INFO_TIMEOUT = 5.0
"""Seconds to wait for the client's answer; a client that does not answer gets the default language."""


def preferred_languages(info: ft.DeviceInfo | None) -> list[str]:
    """The languages a device asks for, best first: `navigator.languages` in a browser, the system's locales elsewhere.

    Returns BCP 47 tags or `ll_CC` forms (`"es-MX"`, `"es_MX"`), both of which `negotiate` reads.
    """
    if info is None:
        return []
    if isinstance(info, ft.WebDeviceInfo):
        if info.languages:
            return list(info.languages)
        if info.language:
            return [info.language]
    return [str(locale) for locale in info.locales or []]


async def browser_language(page: ft.Page, timeout: float = DEVICE_INFO_TIMEOUT) -> Language:
    """The supported language that best fits the browser's own list, for a member's first visit.

    A member's saved choice (client storage) wins over this; call it only when there is none.
    """
    try:
        info = await asyncio.wait_for(page.get_device_info(), timeout)
    except Exception:  # no answer, or one that is not device info (a client that is not Flet's): the default
        log.debug("the client did not tell its languages", exc_info=True)
        return negotiate(None)
    return negotiate(preferred_languages(info))


def locale_configuration(language: Language) -> ft.LocaleConfiguration:
    """`page.locale_configuration` for `language`: Flutter's built-in texts and formats in the member's language."""
    return ft.LocaleConfiguration(
        supported_locales=[ft.Locale(code) for code in SUPPORTED],
        current_locale=ft.Locale(language),
    )
