"""The pseudo-locale as a session's language: FOR TESTS ONLY (`STARBOARD_PSEUDO_LOCALE=1`, app/config.py).

`PseudoSpeech` is a session's `Speech` whose translator is always a `PseudoTranslator`: every catalogue text reads
"[Šéñð Šţàŕš~]" whatever language the browser or the member picks. The language itself still follows them
(`language` changes, so Flutter's locale and the API's `Accept-Language` do as they would), only the texts stay
pseudo, so a test that taps "Español" or opens the app from a Spanish browser keeps seeing brackets.

Kept apart from app/i18n/pseudo.py so that the translator stays free of Flet and of the session store.
"""

from __future__ import annotations

from app.i18n import DEFAULT_LANGUAGE, Language
from app.i18n.pseudo import PseudoTranslator
from app.state.language import Speech


class PseudoSpeech(Speech):
    """A `Speech` that speaks the pseudo-locale in every language."""

    def __init__(self, language: Language = DEFAULT_LANGUAGE) -> None:
        super().__init__(language)
        self.t = PseudoTranslator()

    def speak(self, language: Language) -> None:
        """Follow the language (Flutter's locale, the API's) and keep the pseudo texts."""
        if language != self.language:
            self.language = language
            self.t = PseudoTranslator()  # a new object, so observers of `t` re-render as they would for a switch
