from __future__ import annotations

import pytest

from app.api.text import grapheme_count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("Coffee", 6),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 1),  # family: four people joined by ZWJ
        ("\U0001f44d\U0001f3fd", 1),  # thumbs up with a skin tone
        ("\u2764\ufe0f", 1),  # red heart with the emoji presentation selector
        ("\U0001f1ea\U0001f1f8\U0001f1ec\U0001f1e7", 2),  # two flags: regional indicators pair up
        ("e\u0301", 1),  # e + combining acute accent
        ("1\ufe0f\u20e3", 1),  # keycap one
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 1),  # Scotland's flag
        ("\u1100\u1161\u11a8", 1),  # a Hangul syllable from its jamo
        ("a\r\nb", 3),
        ("Thanks \U0001f468\u200d\U0001f469\u200d\U0001f467!", 9),
    ],
)
def test_characters_are_counted_as_a_reader_sees_them(text: str, count: int) -> None:
    assert grapheme_count(text) == count
