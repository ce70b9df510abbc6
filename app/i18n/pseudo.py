"""A pseudo-locale for layout tests: English texts made 30% longer and accented, so a clipped or hard-coded text shows.

`PseudoTranslator()` renders "Send Stars" as "[Šéñð Šţàŕš~]": every letter accented (tall glyphs, diacritics
above and below), at least 30% longer than the English (the length Spanish or German texts often need), and
bracketed, so a text cut at the edge of its box has lost its closing bracket. A text on screen without brackets did
not go through the catalogue. Only tests use it (the layout test at 390 px); it is never offered to members.
"""

from __future__ import annotations

import math
import re
from datetime import tzinfo

from app.i18n.translator import Translator

PSEUDO_CODE = "xx"
"""Its name where a language code is shown or passed (never one of `SUPPORTED`)."""

GROWTH = 0.3

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçðéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_FIELD = re.compile(r"(\{[^{}]*\})")


def pseudo(text: str) -> str:
    """`text` accented, padded to at least 130% of its length and bracketed; `{fields}` are kept as they are."""
    parts = _FIELD.split(text)
    shown = "".join(part if _FIELD.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    visible = sum(len(part) for part in parts if not _FIELD.fullmatch(part))
    padding = max(1, math.ceil(visible * GROWTH) - 2)  # the two brackets count toward the growth
    return f"[{shown}{'~' * padding}]"


class PseudoTranslator(Translator):
    """English catalogue and formats, every text passed through `pseudo` before its fields are filled in."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        super().__init__("en", tz=tz)

    def __repr__(self) -> str:
        return f"PseudoTranslator({PSEUDO_CODE!r})"

    def _finish(self, template: str) -> str:
        return pseudo(template)
