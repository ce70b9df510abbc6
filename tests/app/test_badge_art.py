"""Badge art: every family the API names has its own motif in assets/badges/, every level its frame, and a locked
badge is drawn with the locked frame; the files are SVG (vector) documents."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from app.api.models import Badge
from app.components.badge_medal import FAMILIES_WITH_ART, badge_art
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
    assert badge_art(badge("streak", "silver")) == ("/badges/frame-silver.svg", "/badges/streak.svg")
    assert badge_art(badge("streak", "silver", earned=False)) == ("/badges/frame-locked.svg", "/badges/streak.svg")


def test_a_family_without_art_of_its_own_gets_the_generic_motif() -> None:
    assert badge_art(badge("a-new-family"))[1] == "/badges/generic.svg"
