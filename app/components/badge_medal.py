"""A badge's art (assets/badges/): its family's motif on a medal frame of its level (bronze, silver, gold).

A locked badge has the grey frame, a faded grey motif and a lock, so it reads as "not yet" at a glance in both themes.
A family the app has no art for (a newer API) gets the generic star motif.

The app shows one picture per badge, `assets/badges/medals/<level or locked>-<family>.svg`: the frame, the motif
and (locked) the lock composed into one SVG by app/badge_art.py from the drawn parts in assets/badges/. One `Image`
is one control in the session and one picture for the phone to lay out, where a frame and a motif stacked, tinted
and overlaid with a lock took six controls; the Badges screen shows 27 of them (docs/capacity.md, memory).
"""

from __future__ import annotations

import flet as ft

from app.api.models import Badge

FAMILIES_WITH_ART = frozenset(
    {"visits", "streak", "gifts", "challenges", "reviews", "status", "rewards", "friends", "games"}
)
GENERIC_MOTIF = "generic"


def medal_path(badge: Badge) -> str:
    """The badge's picture, as the app serves it."""
    family = badge.family if badge.family in FAMILIES_WITH_ART else GENERIC_MOTIF
    frame = badge.level if badge.earned_at is not None else "locked"
    return f"/badges/medals/{frame}-{family}.svg"


def BadgeMedal(badge: Badge, size: int = 64) -> ft.Control:
    """The badge's picture; what it means is said by the control around it (a tile's or a dialog's name)."""
    return ft.Image(src=medal_path(badge), width=size, height=size, fit=ft.BoxFit.CONTAIN, exclude_from_semantics=True)
