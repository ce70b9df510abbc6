"""What the layout test reads off a screen in the pseudo-locale, and the two checks it makes (pure functions).

The app runs with `STARBOARD_PSEUDO_LOCALE=1`: every text that went through the catalogue reads "[Šéñð Šţàŕš~]",
30% longer than the English and bracketed (app/i18n/pseudo.py). Flutter web mirrors every text and accessible name
on screen in its semantics tree (`flt-semantics` elements, each positioned and sized as the widget it stands for),
so the test reads that tree, not pixels:

- **Clipped** (`clipping_findings`): a text that runs off the window or off its scrolling area (a Row that
  overflows: in a release build Flutter neither wraps nor warns). Flutter cuts the node's box at that edge, so the
  signal is a box that ends exactly at the edge *and* holds less room than its text needs (`ROOM_NEEDED`, measured
  on the browser's own hidden copy of the text); a box beyond the window counts too. A bottom-bar tab whose label
  needs more than the tab's width (measured in Flutter's Roboto: a long label breaks mid-word). And a line with a "["
  but not its "]" (or the reverse): the text was cut before it reached the screen. Not seen: a text cut by
  `max_lines`/ellipsis inside a box away from the edges (the tree keeps the whole text, and a box that wraps
  its text also holds less room than one line needs); the Spanish screenshots (`make screenshots-es`) are looked
  at for those.
- **Not through the catalogue** (`catalogue_findings`): a line with letters outside every "[...]", once texts that
  legitimately stay as they are have been taken out (`Allowed`: texts from the API, people's names, codes,
  numbers, and what Babel's formatters write, which the pseudo-locale leaves in English).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from babel import Locale

from app.i18n import LANGUAGES
from app.i18n.pseudo import pseudo
from app.views.shell import TAB_LABEL_SIZE

VIEWPORT_SLACK = 1.0
"""Pixels of rounding allowed at an edge (Flutter positions nodes at fractional pixels)."""
TAB_LABEL_PADDING = 8.0
BOTTOM_BAR_HEIGHT = 120.0
"""The bottom navigation's tabs stand this close to the window's bottom edge (Material 3: an 80 px bar)."""
"""Room a bottom-bar tab keeps around its label: measured, "Challenges" (59 px) fits a 78 px tab on one line and
"Recompensas" (76 px) breaks into "Recompensa" and "s"."""
FLUSH = 0.5
"""A box ending this close to the edge of the window (or of its scrolling area) ends *at* it."""
ROOM_NEEDED = 0.85
"""A text gets at least this share of the room its one-line copy needs in the browser (Flutter's 14 px Roboto and
the browser's 16 px serif differ: measured 0.94 to 1.12 for texts that fit, 0.73 for one cut at the edge)."""


class Node(TypedDict):
    """One `flt-semantics` element with a text, as `COLLECT_JS` reports it."""

    id: str
    role: str | None
    text: str
    left: float
    right: float
    top: float
    bottom: float
    box: list[float] | None
    """[left, right] of the vertical scrolling area the node is in, or None."""
    hscroll: bool
    """Inside a horizontally scrolling area (its items may lie beyond the window: they scroll)."""
    natural: list[float] | None
    """[width, height] of the node's text laid out by the browser on one line (Flutter's hidden DOM copy of the
    text, which it scales onto the node's box), or None for a name without such a copy (a button's)."""
    needed: NotRequired[float | None]
    """A tab's label: its width in px on one line, in Flutter's font and the bar's label style."""


COLLECT_JS = r"""
async () => {
  // The tab labels' width in Flutter's own font (the app serves the Roboto Flutter paints with).
  if (!document.fonts.check('500 TAB_LABEL_SIZEpx StarboardLayoutRoboto')) {
    try {
      const face = new FontFace('StarboardLayoutRoboto', 'url(/assets/fonts/roboto.woff2)', {weight: '100 900'});
      document.fonts.add(await face.load());
    } catch (e) { /* measured in the browser's sans-serif instead: within 2% here */ }
  }
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = '500 TAB_LABEL_SIZEpx StarboardLayoutRoboto, sans-serif';  // the bar's labels: app/views/shell.py
  const own = (e) => {
    const label = e.getAttribute('aria-label');
    if (label) return label;
    let text = '';
    for (const child of e.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
      else if (child.tagName === 'SPAN') text += child.textContent;
    }
    return text;
  };
  const out = [];
  for (const e of document.querySelectorAll('flt-semantics, flt-semantics input, flt-semantics textarea')) {
    const text = own(e).trim();
    if (!text) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    let box = null, hscroll = false;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (a.tagName !== 'FLT-SEMANTICS') continue;
      const style = getComputedStyle(a);
      if (style.overflowX === 'scroll' || style.overflowX === 'auto') { hscroll = true; break; }
      if (!box && (style.overflowY === 'scroll' || style.overflowY === 'auto')) {
        const s = a.getBoundingClientRect();
        box = [s.left, s.right];
      }
    }
    const span = e.querySelector(':scope > span');
    const natural = span && span.offsetWidth > 0 ? [span.offsetWidth, span.offsetHeight] : null;
    const role = e.getAttribute('role') || e.getAttribute('data-semantics-role');
    const needed = role === 'tab' ? canvas.measureText(text).width : null;
    out.push({id: e.id || e.tagName, role, text, left: r.left, right: r.right, top: r.top, bottom: r.bottom, box,
              hscroll, natural, needed});
  }
  return out;
}
""".replace("TAB_LABEL_SIZE", str(TAB_LABEL_SIZE))


def lines(text: str) -> list[str]:
    """A node's text, one line per text Flutter merged into it."""
    return [line.strip() for line in text.splitlines() if line.strip()]


_BRACKETED = re.compile(r"\[[^\[\]]*\]")


def outside_brackets(line: str) -> str:
    """What is left of a line once every "[...]" (nested ones too) is taken out."""
    while True:
        shorter = _BRACKETED.sub(" ", line)
        if shorter == line:
            return line
        line = shorter


UNPAINTED_NAMES: tuple[str, ...] = (
    # The top bar's balance chip paints a star and the number; "Balance: 189 Stars" is its accessible name only
    # (app/views/shell.py: Semantics(label=..., exclude_semantics=True)), longer than anything in its box.
    "Balance: {}",
)
"""Accessible names read by screen readers and never painted: the room check does not apply to them."""

_UNPAINTED = re.compile(
    "^(?:" + "|".join(re.escape(part.split("{}")[0]) for name in UNPAINTED_NAMES for part in (name, pseudo(name))) + ")"
)


def _room(node: Node) -> float | None:
    """The node's box area over the area its text needs on one line in the browser (None: no text copy)."""
    natural = node["natural"]
    if not natural or natural[0] <= 0 or natural[1] <= 0:
        return None
    return (node["right"] - node["left"]) * (node["bottom"] - node["top"]) / (natural[0] * natural[1])


def clipping_findings(screen: str, nodes: Iterable[Node], width: float, height: float = 844.0) -> list[str]:
    """Every text on `screen` that is cut: out of the window or of its scrolling area, or a bracket lost."""
    found: list[str] = []
    for node in nodes:
        label = node["text"].replace("\n", " / ")
        if not node["hscroll"]:
            left, right = -VIEWPORT_SLACK, width + VIEWPORT_SLACK
            if node["left"] < left or node["right"] > right:
                found.append(
                    f"{screen}: {label!r} sticks out of the {width:.0f} px window "
                    f"(from x={node['left']:.0f} to x={node['right']:.0f})"
                )
                continue
            box = node["box"]
            if box is not None and (node["left"] < box[0] - VIEWPORT_SLACK or node["right"] > box[1] + VIEWPORT_SLACK):
                found.append(
                    f"{screen}: {label!r} sticks out of its scrolling area "
                    f"(x={node['left']:.0f}..{node['right']:.0f}, area x={box[0]:.0f}..{box[1]:.0f})"
                )
                continue
            edges = [width] + ([box[1]] if box is not None else [])
            room = None if _UNPAINTED.match(node["text"]) else _room(node)
            if room is not None and room < ROOM_NEEDED and any(abs(node["right"] - edge) <= FLUSH for edge in edges):
                found.append(
                    f"{screen}: {label!r} is cut at the right edge (its box ends there at x={node['right']:.0f} "
                    f"with {room:.0%} of the room the text needs)"
                )
                continue
        needed = node.get("needed")
        # The bottom bar's tabs share the window's width; a scrollable tab bar (Activity's filters) scrolls instead.
        in_bottom_bar = node["role"] == "tab" and node["top"] >= height - BOTTOM_BAR_HEIGHT
        if in_bottom_bar and needed is not None and needed > node["right"] - node["left"] - TAB_LABEL_PADDING:
            found.append(
                f"{screen}: the tab {label!r} does not fit on one line "
                f"(needs {needed:.0f} px of {node['right'] - node['left'] - TAB_LABEL_PADDING:.0f})"
            )
        for line in lines(node["text"]):
            rest = outside_brackets(line)
            if "[" in rest or "]" in rest:
                found.append(f"{screen}: {line!r} lost a bracket: the text was cut")
    return found


def _formatter_words() -> frozenset[str]:
    """The words Babel's English formats write (months, weekdays, AM/PM, relative times and durations): dates,
    times and durations go through the i18n layer's formatters, which the pseudo-locale keeps in English."""
    en = Locale.parse("en")
    words: set[str] = {"AM", "PM", "in", "ago", "now"}
    for width in ("abbreviated", "wide"):
        words.update(en.months["format"][width].values())
        words.update(en.days["format"][width].values())
    for unit in ("second", "minute", "hour", "day", "week", "month", "year"):
        words.update({unit, unit + "s"})
    return frozenset(words)


FORMATTER_WORDS = _formatter_words()

# Texts that legitimately reach the screen without the catalogue, by kind (each an explicit decision):
NOT_TEXTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Member numbers, reward codes, friend and referral codes: identifiers, shown as the API gives them
    # ("STAR-7K2P", "A1B2C3", "1234 5678 9012"); upper-case letters and digits, at least one digit.
    ("code", re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])")),
    # Email addresses (the member's own, on Profile and sign-in).
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # The tier names are brand names (docs/i18n.md: "Green, Gold, Reserve ... stay as they are").
    ("tier", re.compile(r"(?<!\w)(?:Green|Gold|Reserve)(?!\w)")),
    # The app's own name, a brand.
    ("brand", re.compile(r"(?<!\w)Starboard(?!\w)")),
    # Flutter's own texts: a progress bar's percentage is a number; "Tab 2 of 5" and a text field's counter
    # ("1,000 characters remaining") are Flutter's (its MaterialLocalizations, which follow
    # `page.locale_configuration`), not our catalogue's.
    ("flutter", re.compile(r"(?<!\w)Tab \d+ of \d+$|^[\d,.]+ characters? remaining$")),
    # The language picker names each language in itself ("English", "Español"), in every language.
    ("language", re.compile("^(?:" + "|".join(re.escape(spec.name) for spec in LANGUAGES.values()) + ")$")),
    # An avatar's initial: the first letter of the member's name (a name from the API).
    ("initial", re.compile(r"^\w$")),
)


@dataclass
class Allowed:
    """Texts that stay as they are on screen, whatever the language of the catalogue.

    `api`: texts the API sent (reward names, challenge titles, rules, activity reasons, people's names as members
    wrote them, gift messages): the mock backend answers them in the member's language, never our catalogue.
    `typed`: what the test typed into fields (a gift message, a name).
    """

    api: set[str] = field(default_factory=set)
    typed: set[str] = field(default_factory=set)

    def strip(self, line: str) -> str:
        """`line` with every allowed text taken out (longest first, whole words only)."""
        if line.strip() in self.api or line.strip() in self.typed:  # a whole line from the API ("No", a choice)
            return ""
        for known in sorted(self.api | self.typed, key=len, reverse=True):
            if len(known) >= 3 and known in line:
                line = re.sub(rf"(?<!\w){re.escape(known)}(?!\w)", " ", line)
        for _kind, pattern in NOT_TEXTS:
            line = pattern.sub(" ", line)
        return " ".join(word for word in re.split(r"[\s,.;:()·/!?'\"%$+\-–—…]+", line) if word not in FORMATTER_WORDS)


_LETTER = re.compile(r"[^\W\d_]")


def catalogue_findings(screen: str, nodes: Iterable[Node], allowed: Allowed) -> list[str]:
    """Every line with letters outside the pseudo-locale's brackets, once the allowed texts are taken out."""
    found: list[str] = []
    chrome = Allowed()  # a tab's name is the app's own, never the API's: only the fixed kinds are allowed there
    for node in nodes:
        allow = chrome if node["role"] == "tab" else allowed
        for line in lines(node["text"]):
            rest = outside_brackets(line).split("[")[0]  # a pseudo text cut short runs to the end (reported as cut)
            rest = allow.strip(rest)
            if _LETTER.search(rest):
                found.append(f"{screen}: {line!r} (left: {rest.strip()!r})")
    return found


_IDENTIFIER = re.compile(r"[a-z0-9_-]+")


def api_texts(value: Any) -> set[str]:
    """Every text in an API answer (parsed JSON), each whole and each line of it; identifiers and enum values
    ("friends", "gift_out") are left out: they are not shown, and would hide the same word written by hand."""
    found: set[str] = set()
    if isinstance(value, str):
        found.add(value.strip())
        found.update(line.strip() for line in value.splitlines())
    elif isinstance(value, dict):
        for item in value.values():
            found |= api_texts(item)
    elif isinstance(value, list):
        for item in value:
            found |= api_texts(item)
    return {text for text in found if text and not _IDENTIFIER.fullmatch(text)}
