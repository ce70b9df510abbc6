"""The pseudo-locale the layout test uses: every text longer by 30%, accented, bracketed, fields intact."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.i18n import SUPPORTED
from app.i18n.pseudo import GROWTH, PSEUDO_CODE, PseudoTranslator, pseudo


@pytest.mark.parametrize("text", ["OK", "Send Stars", "Spend them before then so they don't go to waste."])
def test_a_pseudo_text_is_at_least_thirty_percent_longer_and_bracketed(text: str) -> None:
    shown = pseudo(text)
    assert len(shown) >= len(text) * (1 + GROWTH)
    assert shown.startswith("[") and shown.endswith("]")


def test_letters_are_accented_and_fields_kept() -> None:
    assert pseudo("Send {n} Stars") == "[Šéñð {n} Šţàŕš~~]"
    assert not set("SendStars") & set(pseudo("Send Stars"))


def test_the_pseudo_translator_passes_every_text_through_it_with_english_formats() -> None:
    t = PseudoTranslator()
    assert t.stars(1430) == "[1,430 Šţàŕš~]"
    assert t.signed_stars(-1) == "[-1 Šţàŕ~]"
    assert t.time_left(timedelta(days=3)) == "[3 days ĺéƒţ~]"
    assert t._("Hello {name}", name="Ana") == "[Ĥéĺĺö Ana~]"


def test_the_pseudo_locale_is_never_offered_to_members() -> None:
    assert PSEUDO_CODE not in SUPPORTED
