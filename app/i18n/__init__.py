"""Starboard's languages: gettext catalogues for texts, Babel for plurals, numbers, money, dates and durations.

    from app.i18n import Translator, negotiate

    t = Translator(negotiate("es-ES,es;q=0.9"))
    t._("Balance {balance}", balance=1430)      # "Saldo 1.430" (once the view's texts are in the catalogue)
    t.stars(2), t.date(day), t.time_left(delta) # "2 Estrellas", "19 ago 2027", "Quedan 3 días"

The session store owns one `Translator` per browser session (docs/i18n.md).
"""

from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, SUPPORTED, Language, LanguageSpec, is_supported, negotiate
from app.i18n.translator import Translator

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "SUPPORTED",
    "Language",
    "LanguageSpec",
    "Translator",
    "is_supported",
    "negotiate",
]
