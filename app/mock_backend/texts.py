"""The mock backend's texts in every language it answers in (docs/i18n.md, "Texts from the API").

Three kinds of text, three ways to hold them:

* **Catalogue data** (a reward's name, a badge's criteria, a tier's benefits): the definition carries its texts in
  every language next to each other, ``Texts(en="Extra shot", es="Shot extra de espresso")``, as a real loyalty
  backend stores translations with the entity; ``pick`` chooses the request's language when answering.
* **Sentences built from values that are stored** (an activity entry's reason, an event's title and body): kept as a
  message code plus parameters, ``Said("purchase_at", {"store": "Pike Place", "amount": Money(12.5)})``, never as
  rendered English, and rendered from ``MESSAGES`` when answering. An entry made while the member read English reads
  in Spanish once they switch. Parameters are values, formatted in the reader's language (Babel, through
  ``app.i18n.Translator``): a number ``1,430`` / ``1.430``, ``Stars(n)`` "1 Star" / "3 Estrellas", ``Money``, a date.
* **Refusals** (``Problem.detail``): a refusal carries its English template and parameters
  (``Refusal("out_of_stock", "{reward} is out of stock.", ..., params={"reward": reward.name})``); the English
  template is the message's id, as in the app's gettext catalogues, and ``REFUSALS_ES`` holds its Spanish.

The language of the request being answered is a context variable, set once per request by
``middleware.ContentLanguage`` from ``Accept-Language`` (and by the ``deps.request_language`` dependency that
declares the header). In the mock backend that is safe where it would not be in the Flet app (docs/i18n.md): one
HTTP request is one task, and Starlette copies its context into the worker thread of a synchronous route.
Code outside a request (seeding, rules tests) reads English.

tests/mock_backend/test_texts.py holds these tables to the rules of the app's catalogues: every text in both
languages, the same ``{fields}`` in each.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from babel import Locale

from app.api import models as api_models
from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, negotiate
from app.i18n.translator import Translator

__all__ = [
    "MESSAGES",
    "REFUSALS_ES",
    "Money",
    "Plural",
    "Said",
    "Stars",
    "Texts",
    "detail",
    "fields_of",
    "language",
    "negotiate",
    "pick",
    "render",
    "say",
    "speaking",
    "text",
]


@dataclass(frozen=True)
class Texts:
    """One text of the catalogue in every language (a reward's name, a badge's description)."""

    en: str
    es: str

    def get(self, language: Language) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class Stars:
    """A count of Stars as a parameter: "1 Star", "1,430 Stars" / "1 Estrella", "1.430 Estrellas"."""

    n: int


@dataclass(frozen=True)
class Money:
    """An amount of money as a parameter: "$12.50" / "12,50 US$"."""

    amount: float
    currency: str = "USD"


Param = str | int | float | date | Texts | Stars | Money
"""What a stored sentence's parameters may be (each one the ``--db`` file can hold)."""


@dataclass(frozen=True)
class Plural:
    """A template whose words follow the number in its ``{n}`` field (CLDR plural categories).

    Spanish has three forms: ``one``, ``many`` (round millions: "1.000.000 de Estrellas") and ``other``; a missing
    ``many`` falls back to ``other``.
    """

    one: str
    other: str
    many: str | None = None

    def form(self, language: Language, n: int) -> str:
        category = _locale(language).plural_form(abs(n))
        if category == "one":
            return self.one
        if category == "many" and self.many is not None:
            return self.many
        return self.other

    def forms(self) -> tuple[str, ...]:
        return tuple(f for f in (self.one, self.other, self.many) if f is not None)


Template = str | Plural


@dataclass(frozen=True, eq=True)
class Said:
    """A sentence kept as a message code (a key of ``MESSAGES``) and its parameters; ``render`` writes it."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.code)


def say(code: str, **params: Param) -> Said:
    """A stored sentence: ``say("purchase_at", store="Pike Place", amount=Money(12.5))``."""
    if code not in MESSAGES["en"]:
        raise KeyError(f"no message {code!r} in texts.MESSAGES")
    return Said(code, params)


# ---------------------------------------------------------------- the language of the request being answered

_language: ContextVar[Language] = ContextVar("starboard_mock_language", default=DEFAULT_LANGUAGE)


def language() -> Language:
    """The language the current request is answered in (English outside a request)."""
    return _language.get()


def use_language(code: Language) -> None:
    """Answer the rest of this request in ``code`` (called once per request, by the middleware and the dependency)."""
    _language.set(code)


@contextmanager
def speaking(code: Language) -> Iterator[None]:
    """Render in ``code`` inside the block (tests; code that writes to someone in their own language)."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


# ---------------------------------------------------------------- rendering


@cache
def _translator(code: Language) -> Translator:
    return Translator(code)


@cache
def _locale(code: Language) -> Locale:
    return Locale.parse(LANGUAGES[code].babel_locale)


def pick(texts: Texts, code: Language | None = None) -> str:
    """A catalogue text in the request's language (or in ``code``)."""
    return texts.get(code or language())


def _shown(value: object, code: Language) -> object:
    t = _translator(code)
    if isinstance(value, Texts):
        return value.get(code)
    if isinstance(value, Stars):
        return t.stars(value.n)
    if isinstance(value, Money):
        return t.money(value.amount, value.currency)
    if isinstance(value, datetime | date):
        return t.date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.number(value)
    return value


def fill(template: Template, params: Mapping[str, object], code: Language) -> str:
    """``template`` in ``code`` with ``params`` written that language's way (``{n}`` picks a plural's form)."""
    if isinstance(template, Plural):
        n = params.get("n")
        template = template.form(code, n if isinstance(n, int) else 0)
    if not params:
        return template
    return template.format(**{name: _shown(value, code) for name, value in params.items()})


def render(said: Said, code: Language | None = None) -> str:
    """A stored sentence in the request's language (or in ``code``)."""
    code = code or language()
    table = MESSAGES[code]
    template = table.get(said.code) or MESSAGES["en"][said.code]
    return fill(template, said.params, code)


def text(code: str, **params: Param) -> str:
    """A sentence built from values that is not stored (a tier's keep message, a share text): rendered at once."""
    return render(say(code, **params))


def detail(template: str, params: Mapping[str, object] | None = None, code: Language | None = None) -> str:
    """A refusal's ``detail`` in the request's language: its English template, or the Spanish of it."""
    code = code or language()
    if code == "es":
        template = REFUSALS_ES.get(template, template)
    return fill(template, params or {}, code)


def fields_of(template: Template) -> set[str]:
    """The ``{fields}`` of a template (every form of a plural), for the tests that hold the tables to the rules."""
    forms = template.forms() if isinstance(template, Plural) else (template,)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


# ---------------------------------------------------------------- stored sentences: one table per language

_EN: dict[str, Template] = {}
_ES: dict[str, Template] = {}

MESSAGES: dict[Language, dict[str, Template]] = {"en": _EN, "es": _ES}
"""Sentences built from values, by message code, in every language (the same codes and ``{fields}`` in each)."""

# ---------------------------------------------------------------- refusals: the Spanish of every English template

REFUSALS_ES: dict[str, str] = {
    # problem titles (errors.py)
    "Bad request": "Petición incorrecta",
    "Unauthorized": "No autorizado",
    "Forbidden": "No permitido",
    "Not found": "No encontrado",
    "Method not allowed": "Método no permitido",
    "Conflict": "Conflicto",
    "Payload too large": "Petición demasiado grande",
    "Unsupported media type": "Tipo de contenido no admitido",
    "Unprocessable content": "Contenido no válido",
    "Too many requests": "Demasiadas peticiones",
    "Internal server error": "Error interno del servidor",
    "Error": "Error",
    # validation (errors.py)
    "{field}: {problem}": "{field}: {problem}",
    "The request body is not valid JSON.": "El cuerpo de la petición no es JSON válido.",
    "This field is not allowed.": "Este campo no está permitido.",
    "This field is required.": "Este campo es obligatorio.",
    "Write at least {min_length} characters.": "Escribe al menos {min_length} caracteres.",
    "Write at most {max_length} characters.": "Escribe como máximo {max_length} caracteres.",
    "Enter a number of at least {ge}.": "Escribe un número mayor o igual que {ge}.",
    "Enter a number of at most {le}.": "Escribe un número menor o igual que {le}.",
    "Enter a number above {gt}.": "Escribe un número mayor que {gt}.",
    "Enter a number below {lt}.": "Escribe un número menor que {lt}.",
    "Enter a whole number.": "Escribe un número entero.",
    "Enter some text.": "Escribe un texto.",
    "Enter true or false.": "Escribe true o false.",
    "Pick one of the allowed values.": "Elige uno de los valores permitidos.",
    "Send a JSON object.": "Envía un objeto JSON.",
    "Send a list.": "Envía una lista.",
    "Invalid value.": "Valor no válido.",
    "Something went wrong on our side. Please try again.": "Algo ha fallado por nuestra parte. Inténtalo de nuevo.",
    "Request bodies are limited to {kb} KB.": "El cuerpo de una petición no puede pasar de {kb} KB.",
    # the contract's own validators (app/api/models.py)
    api_models.BROKEN_TEXT: "Este texto tiene un carácter no válido (un sustituto suelto); vuelve a escribirlo.",
    api_models.CONTROL_IN_TEXT: "Este texto tiene un carácter de control, como un tabulador o un escape; quítalo.",
    api_models.BIDI_IN_TEXT: "Este texto tiene un cambio de dirección del texto, que puede disfrazar lo que dice; "
    "quítalo.",
    f"A message is at most {api_models.MAX_MESSAGE_CHARS} characters.": "Un mensaje puede tener como máximo "
    f"{api_models.MAX_MESSAGE_CHARS} caracteres.",
    "Enter the date as YYYY-MM-DD.": "Escribe la fecha como AAAA-MM-DD.",
}
"""A refusal's English template (its id, written at the ``Refusal(...)``) -> its Spanish, with the same fields."""
