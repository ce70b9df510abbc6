"""The badge medals the app shows (assets/badges/medals/), composed from the drawn parts in assets/badges/: a frame
per level (`frame-<level>.svg`, and `frame-locked.svg`) and a motif per family (`<family>.svg`, `generic.svg`).

`python -m app.badge_art` writes them again after a part is redrawn; tests/app/test_badge_art.py checks that the
files in the repository are what it writes. Why one picture, not the parts stacked: app/components/badge_medal.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import get_args

from app.api.models import BadgeLevel
from app.components.badge_medal import FAMILIES_WITH_ART, GENERIC_MOTIF
from app.config import ASSETS_DIR

PARTS_DIR = ASSETS_DIR / "badges"
MEDALS_DIR = PARTS_DIR / "medals"
LEVELS: tuple[str, ...] = get_args(BadgeLevel)
MOTIFS = (*sorted(FAMILIES_WITH_ART), GENERIC_MOTIF)

LOCKED_MOTIF_GREY = "#757575"  # Material grey 600, as the tint the motif had (`ft.Colors.GREY_600`, `SRC_IN`)
LOCKED_MOTIF_OPACITY = 0.55
# The lock: a dark disc with a light ring in the top right corner (readable on light and dark surfaces), a padlock
# in it (Material Icons' `lock`, Apache License 2.0; drawn on a 24-unit grid).
LOCK_PATH = (
    "M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2z"
    "m-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z"
)
LOCK = (
    '<circle cx="102" cy="18" r="16" fill="#3C4043" stroke="#FFFFFF" stroke-width="2"/>'
    f'<path transform="translate(90.75 6.75) scale(0.9375)" d="{LOCK_PATH}" fill="#FFFFFF"/>'
)
_ROOT = re.compile(r"^\s*<svg\b[^>]*>(?P<body>.*)</svg>\s*$", re.DOTALL)
_COLOUR = re.compile(r'\b(fill|stroke)="(?!none")[^"]*"')


def _body(svg: str) -> str:
    match = _ROOT.match(svg)
    if match is None:
        raise ValueError("not a single <svg> element")
    return match.group("body").strip()


def compose_medal(frame_svg: str, motif_svg: str, locked: bool) -> str:
    """One SVG of a frame with a motif on it; a locked medal's motif grey and faded, and the lock on top."""
    motif = _body(motif_svg)
    if locked:
        motif = _COLOUR.sub(lambda m: f'{m.group(1)}="{LOCKED_MOTIF_GREY}"', motif)
        motif = f'<g opacity="{LOCKED_MOTIF_OPACITY}">{motif}</g>'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">\n'
        f"{_body(frame_svg)}\n{motif}\n{LOCK if locked else ''}</svg>\n"
    )


def composed_medals(parts: Path = PARTS_DIR) -> dict[str, str]:
    """Every medal the app can show, by file name, composed from the parts in `parts`."""
    medals: dict[str, str] = {}
    for frame in (*LEVELS, "locked"):
        frame_svg = (parts / f"frame-{frame}.svg").read_text(encoding="utf-8")
        for motif in MOTIFS:
            motif_svg = (parts / f"{motif}.svg").read_text(encoding="utf-8")
            medals[f"{frame}-{motif}.svg"] = compose_medal(frame_svg, motif_svg, locked=frame == "locked")
    return medals


def write_medals(into: Path = MEDALS_DIR) -> int:
    """Writes every medal into `into`; how many."""
    into.mkdir(exist_ok=True)
    medals = composed_medals()
    for name, svg in medals.items():
        (into / name).write_text(svg, encoding="utf-8")
    return len(medals)


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_medals()} medals into {MEDALS_DIR}\n")
