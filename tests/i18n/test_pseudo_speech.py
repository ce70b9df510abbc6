"""The test-only pseudo-locale mode: the setting, and a session's speech that stays pseudo in every language."""

from __future__ import annotations

from app.config import load_settings
from app.i18n.pseudo import PseudoTranslator
from app.i18n.pseudo_speech import PseudoSpeech
from app.state.language import Speech


def test_the_setting_is_off_unless_asked_for() -> None:
    assert load_settings({}).pseudo_locale is False
    assert load_settings({"STARBOARD_PSEUDO_LOCALE": "0"}).pseudo_locale is False
    assert load_settings({"STARBOARD_PSEUDO_LOCALE": "1"}).pseudo_locale is True


def test_a_pseudo_speech_keeps_pseudo_texts_when_the_language_changes() -> None:
    speech = PseudoSpeech()
    assert isinstance(speech, Speech)
    assert speech.t._("Send Stars") == "[Šéñð Šţàŕš~]"
    speech.speak("es")
    assert speech.language == "es"  # Flutter's locale and the API's language follow the choice...
    assert isinstance(speech.t, PseudoTranslator)  # ...the texts stay pseudo
    assert speech.t.stars(1430) == "[1,430 Šţàŕš~]"
    plain = Speech()
    plain.speak("es")
    assert plain.t.stars(1430) == "1.430 Estrellas"  # a member's speech is untouched
