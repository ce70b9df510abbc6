"""Badge art: every family the API names has its own motif in assets/badges/, every level its frame, and a locked
badge is drawn with the locked frame; the files are SVG (vector) documents, and the medals the app shows are those
parts composed (`python -m app.components.badge_medal` writes them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from app.api.models import Badge
from app.badge_art import LOCK, LOCKED_MOTIF_GREY, MEDALS_DIR, composed_medals
from app.components.badge_medal import FAMILIES_WITH_ART, medal_path
from app.config import ASSETS_DIR
from app.mock_backend.rules.badges import BADGES

SVG = "{http://www.w3.org/2000/svg}svg"


def badge(family: str, level: str = "gold", earned: bool = True) -> Badge:
    return Badge.model_validate(
        {
            "id": "b",
            "name": "B",
            "description": "",
            "criteria": "",
            "icon": "star",
            "target": 1,
            "progress": 1 if earned else 0,
            "earned_at": datetime(2025, 1, 1, tzinfo=UTC) if earned else None,
            "family": family,
            "level": level,
        }
    )


def test_every_family_the_backend_has_gets_its_own_motif() -> None:
    assert {b.family for b in BADGES} == FAMILIES_WITH_ART


@pytest.mark.parametrize(
    "name", sorted({*FAMILIES_WITH_ART, "generic", *(f"frame-{lv}" for lv in ("bronze", "silver", "gold", "locked"))})
)
def test_each_art_file_is_an_svg_document(name: str) -> None:
    root = ET.parse(ASSETS_DIR / "badges" / f"{name}.svg").getroot()
    assert root.tag == SVG and root.get("viewBox") == "0 0 120 120"


def test_an_earned_badge_has_its_levels_frame_and_a_locked_one_the_locked_frame() -> None:
    assert medal_path(badge("streak", "silver")) == "/badges/medals/silver-streak.svg"
    assert medal_path(badge("streak", "silver", earned=False)) == "/badges/medals/locked-streak.svg"


def test_a_family_without_art_of_its_own_gets_the_generic_motif() -> None:
    assert medal_path(badge("a-new-family")) == "/badges/medals/gold-generic.svg"


def test_the_medals_in_the_repository_are_the_parts_composed() -> None:
    """After redrawing a part, `python -m app.components.badge_medal` writes the medals again."""
    medals = composed_medals()
    assert len(medals) == 4 * (len(FAMILIES_WITH_ART) + 1)
    assert sorted(p.name for p in MEDALS_DIR.glob("*.svg")) == sorted(medals)
    for name, svg in medals.items():
        assert (MEDALS_DIR / name).read_text(encoding="utf-8") == svg, f"{name} is out of date"


@pytest.mark.parametrize("name", sorted(composed_medals()))
def test_each_medal_is_one_svg_document_with_its_frame_and_motif(name: str) -> None:
    frame, motif = name.removesuffix(".svg").split("-")
    svg = composed_medals()[name]
    root = ET.fromstring(svg)
    assert root.tag == SVG and root.get("viewBox") == "0 0 120 120"
    assert _inside(f"frame-{frame}") in svg
    if frame == "locked":  # the motif greyed (its shapes, other colours), and the lock on top
        assert LOCK in svg and LOCKED_MOTIF_GREY in svg
        assert svg.index(LOCK) > svg.index(_inside(f"frame-{frame}"))
    else:
        assert LOCK not in svg and _inside(motif) in svg


def _inside(part: str) -> str:
    """What a part's file draws: the text inside its root `<svg>` element."""
    text = (ASSETS_DIR / "badges" / f"{part}.svg").read_text(encoding="utf-8")
    return text.split(">", 1)[1].rsplit("</svg>", 1)[0].strip()
