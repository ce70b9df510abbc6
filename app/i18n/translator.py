"""One member's language: translated texts (gettext catalogues) and numbers, money, dates and durations (Babel).

A `Translator` is immutable and holds no session state, but the *choice* of language is per session: Flet serves
every browser session from one process and one event loop, so there is no process-wide "current language". The
session store owns its `Translator` and swaps it for another when the member picks a language (docs/i18n.md says
why a context variable would not do).

Messages are `str.format` templates: `t._("Balance {balance}", balance=1430)`. Braces in a message always mean a
field. Numbers given as fields are written the member's way ("1,430" / "1.430"); pass `str(x)` for a number that is
an identifier (a member number, a year).
"""

from __future__ import annotations

import gettext as _gettext
import math
from collections.abc import Mapping
from datetime import date as _date
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

from app.i18n.languages import LANGUAGES, Language

DOMAIN = "starboard"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

Number = int | float | Decimal

# The units a time left is counted in, largest first. Weeks and months are left out on purpose: "10 days left"
# is what a member counts down, and "1 week left" for 13 days would hide almost a week.
_TIME_LEFT_UNITS: tuple[tuple[str, int], ...] = (("day", 86400), ("hour", 3600), ("minute", 60))


@cache
def load_translations(language: Language) -> _gettext.GNUTranslations:
    """The compiled catalogue of `language` (`locales/<language>/LC_MESSAGES/starboard.mo`), read once per process.

    Raises:
        FileNotFoundError: the catalogue is missing (it is committed; `make i18n` compiles it).
    """
    translations = _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=False)
    assert isinstance(translations, _gettext.GNUTranslations)
    return translations


class Translator:
    """Texts and formats in one language.

    Args:
        language: one of `app.i18n.SUPPORTED`.
        tz: the member's time zone; aware datetimes are shown in it. None shows them in the zone they carry.
        translations: the catalogue to read (tests pass one built in memory); by default the committed one.
    """

    def __init__(
        self,
        language: Language,
        tz: tzinfo | None = None,
        translations: _gettext.NullTranslations | None = None,
    ) -> None:
        self.language: Language = language
        self.spec = LANGUAGES[language]
        self.locale = Locale.parse(self.spec.babel_locale)
        self.tz = tz
        self._translations = translations if translations is not None else load_translations(language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    # -- texts ---------------------------------------------------------------------------------------------------

    def gettext(self, message: str, /, **fields: object) -> str:
        """`message` in this language, with `fields` filled in: `_("Hello {name}", name="Ana")`."""
        return self._format(self._finish(self._translations.gettext(message)), fields)

    def ngettext(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """The form that fits `n`, with `{n}` filled in as a number: `n_("{n} friend", "{n} friends", 3)`.

        Spanish has a third form for round millions ("1.000.000 de Estrellas"); the catalogue holds it.
        """
        return self._format(self._finish(self._translations.ngettext(singular, plural, n)), {"n": n, **fields})

    def pgettext(self, context: str, message: str, /, **fields: object) -> str:
        """`message` as meant in `context`, for one English word with two translations (`p_("verb", "Gift")`)."""
        return self._format(self._finish(self._translations.pgettext(context, message)), fields)

    def npgettext(self, context: str, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """`ngettext` with a context."""
        template = self._translations.npgettext(context, singular, plural, n)
        return self._format(self._finish(template), {"n": n, **fields})

    # The short names the code calls (`t._(...)`); the extraction keywords in app/i18n/catalogs.py know them.
    _ = gettext
    n_ = ngettext
    p_ = pgettext
    np_ = npgettext

    def _finish(self, template: str) -> str:
        """A hook on every translated template before its fields are filled in (the pseudo-locale lengthens it)."""
        return template

    def _format(self, template: str, fields: Mapping[str, object]) -> str:
        if not fields:
            return template
        shown = {
            key: self.number(value)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
            else value
            for key, value in fields.items()
        }
        return template.format(**shown)

    # -- numbers and money -----------------------------------------------------------------------------------

    def number(self, value: Number) -> str:
        """`1,430` / `1.430`; `12.5` / `12,5`."""
        return babel_numbers.format_decimal(value, locale=self.locale)

    def signed_number(self, value: Number) -> str:
        """`+25`, `-1,430` / `-1.430`; zero is `+0`."""
        return babel_numbers.format_decimal(value, format="+#,##0.###;-#,##0.###", locale=self.locale)

    def whole_number(self, text: str) -> int | None:
        """A whole number as the member types it, or None: `1000`, `1,000` (`1.000` in Spanish), `-5`.

        Grouping separators are accepted only between groups of three digits, so `1,5` (a decimal in Spanish,
        a typo in English) is never read as 15. A no-break space counts as a space (French-style grouping).
        """
        group = babel_numbers.get_group_symbol(self.locale)
        cleaned = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
        sign = ""
        if cleaned[:1] in "+-" and cleaned:
            sign, cleaned = cleaned[0], cleaned[1:]
        if cleaned.isascii() and cleaned.isdigit():
            return int(sign + cleaned)
        parts = cleaned.split(group.replace("\u00a0", " ").replace("\u202f", " "))
        if (
            len(parts) > 1
            and 1 <= len(parts[0]) <= 3
            and all(p.isascii() and p.isdigit() for p in parts)
            and all(len(p) == 3 for p in parts[1:])
        ):
            return int(sign + "".join(parts))
        return None

    def stars(self, n: int) -> str:
        """`1 Star`, `1,430 Stars` / `1 Estrella`, `1.430 Estrellas`."""
        # Translators: "Stars" is the program's currency, a brand name: keep it capitalised. {n} is a number.
        return self.ngettext("{n} Star", "{n} Stars", n)

    def signed_stars(self, n: int) -> str:
        """A change of balance: `+25 Stars`, `-60 Stars`, `+1 Star` / `+25 Estrellas`, `-1 Estrella`."""
        template = self._finish(self._translations.ngettext("{n} Star", "{n} Stars", abs(n)))
        return template.format(n=self.signed_number(n))

    def money(self, amount: Number, currency: str) -> str:
        """`$12.50` / `12,50 US$`; `currency` is an ISO 4217 code (`USD`, `EUR`, `MXN`)."""
        return babel_numbers.format_currency(amount, currency, locale=self.locale)

    def percent(self, fraction: Number) -> str:
        """`25%` / `25 %` for 0.25."""
        return babel_numbers.format_percent(fraction, locale=self.locale)

    # -- dates and times -------------------------------------------------------------------------------------

    def date(self, day: _date | datetime) -> str:
        """`19 Aug 2027` / `19 ago 2027` (a datetime is first put in the member's time zone)."""
        return babel_dates.format_date(self._local_day(day), self.spec.date_pattern, locale=self.locale)

    def date_time(self, moment: datetime) -> str:
        """`19 Aug 2027, 2:05 PM` / `19 ago 2027, 14:05`: the date as `date`, the time as the language writes it."""
        local = self._local(moment)
        # Translators: a moment, e.g. "19 Aug 2027, 2:05 PM"; {date} and {time} are already in your language.
        return self.gettext(
            "{date}, {time}",
            date=babel_dates.format_date(local.date(), self.spec.date_pattern, locale=self.locale),
            time=babel_dates.format_time(local, "short", locale=self.locale),
        )

    def time(self, moment: datetime) -> str:
        """`2:05 PM` / `14:05`."""
        return babel_dates.format_time(self._local(moment), "short", locale=self.locale)

    def month_year(self, day: _date | datetime) -> str:
        """`August 2027` / `agosto de 2027` ("Member since ...")."""
        return babel_dates.format_skeleton("yMMMM", self._local_day(day), locale=self.locale)

    def weekday(self, day: _date | datetime, width: Literal["wide", "abbreviated"] = "wide") -> str:
        """`Thursday` / `jueves`; `Thu` / `jue` when abbreviated."""
        return babel_dates.format_date(self._local_day(day), "EEEE" if width == "wide" else "EEE", locale=self.locale)

    def weekday_date(self, day: _date | datetime) -> str:
        """A near date with its weekday and no year: `Sat 27 Nov` / `sáb, 27 nov` ("Until Sat 27 Nov")."""
        return babel_dates.format_date(self._local_day(day), self.spec.weekday_date_pattern, locale=self.locale)

    def _local(self, moment: datetime) -> datetime:
        if self.tz is not None and moment.tzinfo is not None:
            return moment.astimezone(self.tz)
        return moment

    def _local_day(self, day: _date | datetime) -> _date:
        return self._local(day).date() if isinstance(day, datetime) else day

    # -- durations -------------------------------------------------------------------------------------------

    def relative(self, delta: timedelta) -> str:
        """A moment relative to now: `in 5 hours`, `3 days ago` / `dentro de 5 horas`, `hace 3 días`.

        Babel rounds to the largest fitting unit (`in 2 weeks` for 13 days): right for "when", not for a countdown
        (use `time_left`).
        """
        return babel_dates.format_timedelta(delta, add_direction=True, locale=self.locale)

    def duration(self, delta: timedelta) -> str:
        """A countdown's length, rounded down in days, hours or minutes: `3 days`, `5 hours` / `3 días`, `5 horas`."""
        value, unit = _countdown(delta)
        return babel_units.format_unit(value, f"duration-{unit}", length="long", locale=self.locale)

    def time_left(self, delta: timedelta) -> str:
        """`3 days left`, `1 hour left` / `Quedan 3 días`, `Queda 1 hora` (never rounded up)."""
        value, _unit = _countdown(delta)
        # Translators: how long something still runs; {duration} is "3 days", "1 hour". The plural follows its number.
        return self.ngettext("{duration} left", "{duration} left", value, duration=self.duration(delta))


def _countdown(delta: timedelta) -> tuple[int, str]:
    """The largest of days, hours, minutes that is at least 1, rounded down; under a minute counts as 0 minutes."""
    seconds = max(0.0, delta.total_seconds())
    for unit, size in _TIME_LEFT_UNITS:
        if seconds >= size:
            return math.floor(seconds / size), unit
    return 0, "minute"
