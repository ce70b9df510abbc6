"""Texts, plurals, numbers, money, dates and durations in English and Spanish, as members read them."""

from __future__ import annotations

import asyncio
import gettext
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app.i18n import SUPPORTED, Translator
from app.i18n.translator import load_translations

NBSP = "\u00a0"  # CLDR keeps an amount and its currency (or %) on one line
NNBSP = "\u202f"  # and a time and its AM/PM

en = Translator("en")
es = Translator("es")


def _translations(language: str, *messages: tuple[object, object, str | None]) -> gettext.GNUTranslations:
    """A compiled catalogue built in memory, for texts the committed catalogues do not (yet) hold."""
    catalog = Catalog(locale=language, domain="starboard", fuzzy=False)
    for msgid, string, context in messages:
        catalog.add(msgid, string, context=context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# -- plurals -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "english", "spanish"),
    [
        (0, "0 Stars", "0 Estrellas"),
        (1, "1 Star", "1 Estrella"),
        (2, "2 Stars", "2 Estrellas"),
        (1430, "1,430 Stars", "1.430 Estrellas"),
        (1_000_000, "1,000,000 Stars", "1.000.000 de Estrellas"),
    ],
)
def test_stars_take_the_plural_form_and_number_format_of_each_language(n: int, english: str, spanish: str) -> None:
    assert en.stars(n) == english
    assert es.stars(n) == spanish


@pytest.mark.parametrize(
    ("n", "english", "spanish"),
    [
        (25, "+25 Stars", "+25 Estrellas"),
        (-60, "-60 Stars", "-60 Estrellas"),
        (1, "+1 Star", "+1 Estrella"),
        (-1, "-1 Star", "-1 Estrella"),
        (0, "+0 Stars", "+0 Estrellas"),
        (-1430, "-1,430 Stars", "-1.430 Estrellas"),
    ],
)
def test_signed_stars_show_the_sign_and_agree_with_the_amount(n: int, english: str, spanish: str) -> None:
    assert en.signed_stars(n) == english
    assert es.signed_stars(n) == spanish


def test_ngettext_fills_n_as_a_number_and_other_fields_as_given() -> None:
    spanish = Translator(
        "es",
        translations=_translations(
            "es", (("{n} friend of {name}", "{n} friends of {name}"), ("{n} amigo de {name}", "", ""), None)
        ),
    )
    assert spanish.n_("{n} friend of {name}", "{n} friends of {name}", 1, name="Ana") == "1 amigo de Ana"
    # An untranslated plural falls back to the English forms, still with Spanish numbers.
    assert spanish.n_("{n} pool", "{n} pools", 2500) == "2.500 pools"


def test_spanish_plurals_have_a_form_for_round_millions() -> None:
    forms = ("{n} visita", "{n} de visitas", "{n} visitas")
    spanish = Translator("es", translations=_translations("es", (("{n} visit", "{n} visits"), forms, None)))
    said = [spanish.n_("{n} visit", "{n} visits", n) for n in (1, 2, 1_000_000, 2_000_000, 1_000_001)]
    assert said == ["1 visita", "2 visitas", "1.000.000 de visitas", "2.000.000 de visitas", "1.000.001 visitas"]


# -- texts ---------------------------------------------------------------------------------------------------


def test_gettext_translates_and_fills_fields_with_numbers_in_the_members_way() -> None:
    spanish = Translator("es", translations=_translations("es", ("Balance {balance}", "Saldo {balance}", None)))
    assert spanish._("Balance {balance}", balance=1430) == "Saldo 1.430"
    assert en._("Balance {balance}", balance=1430) == "Balance 1,430"
    assert spanish._("Member {number}", number=str(1430)) == "Member 1430"  # an identifier stays as it is


def test_a_text_without_fields_is_returned_as_written() -> None:
    assert en._("{not a field}") == "{not a field}"


def test_pgettext_tells_one_english_word_apart_by_context() -> None:
    spanish = Translator(
        "es",
        translations=_translations("es", ("Gift", "Regalar", "verb"), ("Gift", "Regalo", "noun")),
    )
    assert spanish.p_("verb", "Gift") == "Regalar"
    assert spanish.p_("noun", "Gift") == "Regalo"
    assert spanish._("Gift") == "Gift"
    assert en.p_("verb", "Gift") == "Gift"


def test_npgettext_combines_context_and_plural() -> None:
    spanish = Translator(
        "es",
        translations=_translations(
            "es", (("{n} member", "{n} members"), ("{n} integrante", "{n} de integrantes", "{n} integrantes"), "pool")
        ),
    )
    assert spanish.np_("pool", "{n} member", "{n} members", 3) == "3 integrantes"
    assert spanish.np_("pool", "{n} member", "{n} members", 1) == "1 integrante"


def test_every_supported_language_has_a_compiled_catalogue() -> None:
    for language in SUPPORTED:
        assert isinstance(load_translations(language), gettext.GNUTranslations)
        assert Translator(language).language == language


# -- numbers and money ---------------------------------------------------------------------------------------


def test_numbers_group_thousands_the_way_each_language_does() -> None:
    assert (en.number(1430), es.number(1430)) == ("1,430", "1.430")
    assert (en.number(1_234_567), es.number(1_234_567)) == ("1,234,567", "1.234.567")
    assert (en.number(12.5), es.number(12.5)) == ("12.5", "12,5")
    assert (en.signed_number(-1430), es.signed_number(25)) == ("-1,430", "+25")


def test_money_puts_the_currency_where_each_language_does() -> None:
    assert en.money(12.5, "USD") == "$12.50"
    assert es.money(12.5, "USD") == f"12,50{NBSP}US$"
    assert en.money(1430, "EUR") == "€1,430.00"
    assert es.money(1430, "EUR") == f"1.430,00{NBSP}€"


def test_percent() -> None:
    assert (en.percent(0.25), es.percent(0.25)) == ("25%", f"25{NBSP}%")


# -- dates and times -----------------------------------------------------------------------------------------


def test_dates_read_day_month_year_with_the_month_in_each_language() -> None:
    assert en.date(date(2027, 8, 19)) == "19 Aug 2027"
    assert es.date(date(2027, 8, 19)) == "19 ago 2027"
    assert es.date(date(2027, 1, 5)) == "5 ene 2027"


def test_date_time_writes_the_time_as_each_language_does() -> None:
    moment = datetime(2027, 8, 19, 14, 5, tzinfo=UTC)
    assert en.date_time(moment) == f"19 Aug 2027, 2:05{NNBSP}PM"
    assert es.date_time(moment) == "19 ago 2027, 14:05"
    assert (en.time(moment), es.time(moment)) == (f"2:05{NNBSP}PM", "14:05")


def test_an_aware_moment_is_shown_in_the_members_time_zone() -> None:
    mexico_city = timezone(timedelta(hours=-6))
    late = datetime(2027, 8, 19, 3, 5, tzinfo=UTC)
    member = Translator("es", tz=mexico_city)
    assert member.date_time(late) == "18 ago 2027, 21:05"
    assert member.date(late) == "18 ago 2027"
    assert es.date(late) == "19 ago 2027"  # without a time zone, the moment's own


def test_month_year_and_weekdays() -> None:
    assert (en.month_year(date(2027, 8, 1)), es.month_year(date(2027, 8, 1))) == ("August 2027", "agosto de 2027")
    thursday = date(2027, 8, 19)
    assert (en.weekday(thursday), es.weekday(thursday)) == ("Thursday", "jueves")
    assert (en.weekday(thursday, "abbreviated"), es.weekday(thursday, "abbreviated")) == ("Thu", "jue")
    friday = datetime(2027, 11, 26, 18, 0, tzinfo=UTC)
    assert (en.weekday_date(friday), es.weekday_date(friday)) == ("Fri 26 Nov", "vie, 26 nov")


# -- durations -----------------------------------------------------------------------------------------------


def test_relative_moments_say_in_and_ago() -> None:
    assert en.relative(timedelta(hours=5)) == "in 5 hours"
    assert es.relative(timedelta(hours=5)) == "dentro de 5 horas"
    assert en.relative(timedelta(days=-3)) == "3 days ago"
    assert es.relative(timedelta(days=-3)) == "hace 3 días"
    assert es.relative(timedelta(days=1)) == "dentro de 1 día"


@pytest.mark.parametrize(
    ("left", "english", "spanish"),
    [
        (timedelta(days=3, hours=20), "3 days left", "Quedan 3 días"),
        (timedelta(days=1, hours=23), "1 day left", "Queda 1 día"),
        (timedelta(days=13), "13 days left", "Quedan 13 días"),
        (timedelta(hours=5, minutes=59), "5 hours left", "Quedan 5 horas"),
        (timedelta(hours=1), "1 hour left", "Queda 1 hora"),
        (timedelta(minutes=42), "42 minutes left", "Quedan 42 minutos"),
        (timedelta(seconds=30), "0 minutes left", "Quedan 0 minutos"),
        (timedelta(hours=-2), "0 minutes left", "Quedan 0 minutos"),
    ],
)
def test_time_left_counts_down_without_rounding_up(left: timedelta, english: str, spanish: str) -> None:
    assert en.time_left(left) == english
    assert es.time_left(left) == spanish


def test_duration_is_the_countdown_without_the_verb() -> None:
    assert (en.duration(timedelta(days=3)), es.duration(timedelta(hours=1))) == ("3 days", "1 hora")


# -- one language per session --------------------------------------------------------------------------------


async def test_concurrent_sessions_keep_their_own_language() -> None:
    """Two members served by one event loop at once: each one's texts stay in that member's language."""

    async def member(t: Translator, n: int) -> list[str]:
        said = []
        for i in range(n):
            await asyncio.sleep(0)  # hand over to the other member between texts
            said.append(t.stars(i + 1))
        return said

    spanish, english = await asyncio.gather(member(Translator("es"), 3), member(Translator("en"), 3))
    assert spanish == ["1 Estrella", "2 Estrellas", "3 Estrellas"]
    assert english == ["1 Star", "2 Stars", "3 Stars"]
