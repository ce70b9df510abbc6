"""Reading a device's languages from what Flet reports, and Flutter's locale for a language."""

from __future__ import annotations

import flet as ft

from app.i18n import negotiate
from app.i18n.browser import locale_configuration, preferred_languages


def _web(languages: list[str] | None, language: str | None = None) -> ft.WebDeviceInfo:
    return ft.WebDeviceInfo(
        browser_name=ft.WebBrowserName.CHROME, locales=[ft.Locale("de")], languages=languages, language=language
    )


def test_a_browser_gives_navigator_languages_best_first() -> None:
    assert preferred_languages(_web(["es-MX", "en-US"])) == ["es-MX", "en-US"]
    assert preferred_languages(_web(None, "es-ES")) == ["es-ES"]
    assert negotiate(preferred_languages(_web(["fr-FR", "es-419"]))) == "es"


def test_a_browser_that_reports_no_language_falls_back_to_its_locales_then_to_nothing() -> None:
    assert preferred_languages(_web(None)) == ["de"]
    assert preferred_languages(None) == []
    assert negotiate(preferred_languages(None)) == "en"


def test_flutter_is_told_the_supported_languages_and_the_members_one() -> None:
    config = locale_configuration("es")
    assert config.current_locale == ft.Locale("es")
    assert config.supported_locales == [ft.Locale("en"), ft.Locale("es")]
