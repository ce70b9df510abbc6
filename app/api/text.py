"""Counting characters as a customer sees them: user-perceived characters (Unicode extended grapheme clusters).

A family emoji (man, ZWJ, woman, ZWJ, girl, ZWJ, boy) is one character on screen but seven code points, so
`len()` told a member they had typed 7. The API's limit (`MessageText`) and the app's counter both count with
`grapheme_count`, so they always agree. The standard library has no grapheme segmentation and the project has no
`regex`/`grapheme` dependency; this covers what members type (UAX #29's rules for combining marks, ZWJ emoji
sequences, skin tones, variation selectors, flags, keycaps, tag sequences, Hangul syllables and CR LF) without a
new package.
"""

from __future__ import annotations

import unicodedata

_ZWJ = "\u200d"


def _extends(ch: str) -> bool:
    """Whether `ch` attaches to the character before it (GB9, GB9a: Extend, SpacingMark, ZWJ)."""
    code = ord(ch)
    return (
        ch == _ZWJ
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji / text presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (subdivision flags)
        or 0xE0100 <= code <= 0xE01EF  # variation selectors supplement
    )


def _regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _hangul_kind(ch: str) -> str | None:
    code = ord(ch)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return None


_HANGUL_JOINS = {("L", "L"), ("L", "V"), ("L", "LV"), ("L", "LVT"), ("LV", "V"), ("V", "V"), ("LV", "T"),
                 ("V", "T"), ("LVT", "T"), ("T", "T")}  # fmt: skip


def grapheme_count(text: str) -> int:
    """How many characters a reader sees in `text` (extended grapheme clusters).

    Args:
        text: Any string.

    Returns:
        The number of user-perceived characters: "👨‍👩‍👧‍👦" is 1, "é" (e + combining accent) is 1, "🇪🇸" is 1.
    """
    count = 0
    previous = ""
    regional_run = 0
    for ch in text:
        joins = False
        if previous:
            if previous == "\r" and ch == "\n":
                joins = True
            elif previous in "\r\n":
                joins = False
            elif _extends(ch):
                joins = True
            elif previous == _ZWJ and unicodedata.category(ch) == "So":
                joins = True  # GB11: an emoji after a zero-width joiner continues the sequence
            elif _regional_indicator(ch) and _regional_indicator(previous) and regional_run % 2 == 1:
                joins = True  # GB12/13: flags are pairs of regional indicators
            elif (_hangul_kind(previous), _hangul_kind(ch)) in _HANGUL_JOINS:
                joins = True
        regional_run = regional_run + 1 if _regional_indicator(ch) else 0
        if not joins:
            count += 1
        previous = ch
    return count
