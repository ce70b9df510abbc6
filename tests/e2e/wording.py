"""The app's own texts in one language, for browser tests that must not hard-code them (Spanish, pseudo-locale).

A test names a text by its English *shape*, with `{}` where the code has a field: `words.say("Redeem {}", name)`.
The field's name in the code (`{reward}` or `{name}`) is the engineer's choice, so the shape is looked up in the
app's catalogue (app/i18n/locales/es/LC_MESSAGES/starboard.po lists every text the code wraps) and filled in by the
app's own `Translator`: the test expects exactly what the app shows, with the app's plural rules and number forms.

In Spanish, `say` fails when the text is not in the catalogue, or is there but not translated: the test then proves
that the screen's text went through the catalogue (a hard-coded English text would still read the same).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from app.i18n import Language, Translator
from app.i18n.pseudo import PseudoTranslator, pseudo
from app.i18n.translator import LOCALE_DIR

_FIELD = re.compile(r"\{[^{}]*\}")
PSEUDO = "xx"


class NotInCatalogue(AssertionError):
    """The text is not in the catalogue (not wrapped yet in the code), or not translated."""


@cache
def catalogue(language: Language = "es") -> Catalog:
    """The texts of the app's catalogue for `language` (read from its .po: the committed source of truth)."""
    with open(Path(LOCALE_DIR) / language / "LC_MESSAGES" / "starboard.po", "rb") as po:
        return read_po(po, locale=language)


def shape(message: str) -> str:
    """`"Redeem {reward}"` -> `"Redeem {}"`: a message with its field names left out."""
    return _FIELD.sub("{}", message)


def _field_names(message: str) -> list[str]:
    return [field[1:-1] for field in _FIELD.findall(message)]


def find_message(text_shape: str, context: str | None = None) -> tuple[str | None, str] | None:
    """The (context, msgid) of the app's catalogue whose shape is `text_shape`, or None if the code does not wrap it.

    Without `context`, a message without one is preferred, else the only context the shape has (the screens' names
    are `p_("screen", "Rewards")`: a test need not know that).

    Raises:
        AssertionError: the shape is ambiguous (give the exact message or the context).
    """
    found = {
        (message.context, message.id)
        for message in catalogue()
        if isinstance(message.id, str) and message.id and shape(message.id) == text_shape
    }
    if context is not None:
        found = {item for item in found if item[0] == context}
    elif any(ctx is None for ctx, _ in found):
        found = {item for item in found if item[0] is None}
    if len(found) > 1:
        raise AssertionError(f"{text_shape!r} matches several texts of the catalogue: {sorted(found, key=str)}")
    return next(iter(found), None)


class Words:
    """Texts as the app shows them in `language` ("en", "es", or "xx" for the pseudo-locale)."""

    def __init__(self, language: Language | str, *, lenient: bool = False) -> None:
        self.language = language
        self.lenient = lenient
        """Screenshots, not tests: a text not (yet) in the catalogue is looked for in English instead of failing."""
        self.t: Translator = PseudoTranslator() if language == PSEUDO else Translator(language)  # type: ignore[arg-type]

    def translated(self, text_shape: str, context: str | None = None) -> bool:
        """Whether the code wraps this text and (in Spanish) the catalogue translates it."""
        found = find_message(text_shape, context)
        if found is None:
            return False
        if self.language != "es":
            return True
        ctx, message = found
        return self.t.pgettext(ctx, message) != message if ctx else self.t.gettext(message) != message

    def say(self, text_shape: str, *values: object, context: str | None = None) -> str:
        """The text as shown: `say("Redeem {}", "Tumbler")` is "Canjear Tumbler" in Spanish.

        English needs no catalogue (it is the text in the code). Spanish and the pseudo-locale need the text to be
        wrapped in the code, and Spanish to be translated; otherwise `NotInCatalogue` says which text is missing.
        """
        if self.language == "en":
            return text_shape.format(*values)
        found = find_message(text_shape, context)
        if found is None:
            if self.lenient:
                return text_shape.format(*values)
            raise NotInCatalogue(f"{text_shape!r} is not in the app's catalogue yet (the code does not wrap it)")
        ctx, message = found
        fields = dict(zip(_field_names(message), values, strict=True))
        shown = self.t.pgettext(ctx, message, **fields) if ctx else self.t.gettext(message, **fields)
        if self.language == "es" and not self.translated(text_shape, context) and not self.lenient:
            raise NotInCatalogue(f"{message!r} is in the catalogue but has no Spanish translation")
        return shown

    def name(self, english: str) -> re.Pattern[str]:
        """An accessible name or a whole line: in the pseudo-locale the English one or its pseudo form (texts move
        into the catalogue screen by screen, and a test must reach every screen meanwhile); otherwise exactly the
        text the app shows (`say`)."""
        if self.language == PSEUDO:
            return re.compile(rf"^(?:{re.escape(english)}|{re.escape(pseudo(english))})$", re.MULTILINE)
        return re.compile(rf"^{re.escape(self.say(english))}$", re.MULTILINE)

    def starting(self, text_shape: str) -> re.Pattern[str]:
        """A name made from a template with one field at the end (`"Redeem {}"`), whatever the field holds."""
        if self.language == PSEUDO:
            head = re.escape(text_shape.split("{}")[0])
            pseudo_head = re.escape(pseudo(text_shape).split("{}")[0])
            return re.compile(rf"^(?:{head}|{pseudo_head}).+$", re.MULTILINE)
        marker = "\x00"
        shown = self.say(text_shape, *([marker] * text_shape.count("{}")))
        return re.compile("^" + ".+".join(re.escape(part) for part in shown.split(marker)) + "$", re.MULTILINE)
