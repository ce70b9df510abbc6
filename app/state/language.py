"""The language a session speaks: one `Translator` per browser session (docs/i18n.md).

Flet runs every session of a process on one event loop, so the language cannot be process-wide (nor a ContextVar:
each event runs in a copy of the connection's context). The session owns a `Speech`; components observe it through
`use_i18n()`, so changing the language re-renders every screen at once, without a reload; screen states read the
translator through their context (`context.t`).
"""

from __future__ import annotations

import flet as ft

from app.i18n import DEFAULT_LANGUAGE, Language, Translator


class Speech(ft.Observable):
    """The session's language and its translator (texts, plurals, numbers, dates, money)."""

    def __init__(self, language: Language = DEFAULT_LANGUAGE) -> None:
        self.language: Language = language
        self.t = Translator(language)

    def speak(self, language: Language) -> None:
        """Switch the language; observers re-render with the new translator."""
        if language != self.language:
            self.language = language
            self.t = Translator(language)
