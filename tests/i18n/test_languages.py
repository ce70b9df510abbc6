"""The first visit speaks the browser's language when the app has it, English otherwise."""

from __future__ import annotations

import pytest

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, SUPPORTED, is_supported, negotiate


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("es-MX", "es"),
        ("en-US,en;q=0.9,es;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7", "es"),  # French first, then Spanish
        ("fr-FR,en;q=0.5,es;q=0.8", "es"),  # weights decide, not the order written
        ("de-DE,de;q=0.9", "en"),  # nothing fits: English
        ("es;q=0, en", "en"),  # q=0 means "not this one"
        ("*", "en"),
        ("", "en"),
        ("ES-es", "es"),
        ("not a header;;;, es", "es"),
        ("es;q=abc, en;q=0.5", "en"),
    ],
)
def test_an_accept_language_header_picks_the_best_supported_language(header: str, language: str) -> None:
    assert negotiate(header) == language


@pytest.mark.parametrize(
    ("languages", "language"),
    [
        (["es-ES", "en-US"], "es"),
        (["pt-BR", "es-419", "en"], "es"),
        (["en-GB", "es"], "en"),
        (["es_ES"], "es"),  # the underscore form Flet's Locale.__str__ gives
        (["ja"], "en"),
        ([], "en"),
    ],
)
def test_the_browsers_language_list_picks_the_first_supported_one(languages: list[str], language: str) -> None:
    assert negotiate(languages) == language


def test_no_preference_at_all_means_the_default() -> None:
    assert negotiate(None) == DEFAULT_LANGUAGE == "en"


def test_the_supported_languages_are_listed_once_with_their_own_names() -> None:
    assert SUPPORTED == ("en", "es")
    assert [LANGUAGES[code].name for code in SUPPORTED] == ["English", "Español"]
    assert is_supported("es") and not is_supported("fr") and not is_supported(None) and not is_supported("xx")
