"""The languages Starboard speaks, in one place, and how a browser's preferences pick one of them.

Adding a language: add it to `Language` and `LANGUAGES`, run `make i18n` (it creates the new catalogue), translate
it, run `make i18n` again (docs/i18n.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["en", "es"]
"""A language the app is written in: the name of its catalogue under `app/i18n/locales/`."""


@dataclass(frozen=True)
class LanguageSpec:
    code: Language
    name: str
    """The language's own name ("Español"): a language picker shows each option in its own language, untranslated."""
    babel_locale: str
    """The CLDR locale used for numbers, money, dates and Babel's plural rules."""
    date_pattern: str
    """A date with the month as a short word: "19 Aug 2027" / "19 ago 2027"."""
    weekday_date_pattern: str
    """A near date with its weekday, no year: "Fri 27 Nov" / "vie, 27 nov"."""


# English is written day-first ("19 Aug 2027", as the app always has); its numbers and money follow CLDR `en`
# ("1,430", "$12.50"). Spanish follows Spain's CLDR `es` ("1.430", "12,50 US$", "19 ago 2027").
LANGUAGES: dict[Language, LanguageSpec] = {
    "en": LanguageSpec("en", "English", "en", "d MMM y", "EEE d MMM"),
    "es": LanguageSpec("es", "Español", "es", "d MMM y", "EEE, d MMM"),
}
SUPPORTED: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"

assert set(SUPPORTED) == set(LANGUAGES), "every Language needs its LanguageSpec"

_RANGE = re.compile(r"^\s*([A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def is_supported(code: str | None) -> bool:
    """True for a code the app has a catalogue for (`"en"`, `"es"`), e.g. a choice read back from client storage."""
    return code in LANGUAGES


def negotiate(preferences: str | Iterable[str] | None) -> Language:
    """The supported language that best fits what the browser asks for; English when nothing fits.

    Args:
        preferences: an HTTP `Accept-Language` value (`"es-ES,es;q=0.9,en;q=0.8"`) or the browser's own list,
            best first (`navigator.languages`, e.g. `["es-MX", "en-US"]`, as Flet's `WebDeviceInfo.languages`
            gives it). Underscores (`es_ES`) are accepted too.

    Returns:
        The first supported language by preference (ties keep their order); a region never matters
        (`es-MX` -> `es`).
    """
    if preferences is None:
        return DEFAULT_LANGUAGE
    ranges = _parse_accept_language(preferences) if isinstance(preferences, str) else list(preferences)
    for tag in ranges:
        primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
        if primary in LANGUAGES:
            return primary  # type: ignore[return-value]  # checked against LANGUAGES just above
    return DEFAULT_LANGUAGE


def _parse_accept_language(header: str) -> list[str]:
    """Language ranges of an `Accept-Language` header, best first; malformed parts and `q=0` are dropped."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        match = _RANGE.match(part)
        if not match or match.group(1) == "*":
            continue
        try:
            quality = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        if quality <= 0:
            continue
        weighted.append((-quality, position, match.group(1)))
    return [tag for _, _, tag in sorted(weighted)]
