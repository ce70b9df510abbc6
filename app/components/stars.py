"""Progress toward something ("40 Stars to Free drink"). Amounts of Stars are the translator's: `t.stars(n)`."""

from __future__ import annotations

import flet as ft

from app.api.models import Challenge
from app.i18n import Translator


def StarsProgress(
    value: float, label: str, caption: str | None = None, color: ft.ColorValue | None = None
) -> ft.Control:
    """A labelled progress bar: `label` is its accessible name, what the bar means in words ("189 of 200 Stars to
    Breakfast sandwich"), not only a number; `caption` the visible line."""
    bar = ft.ProgressBar(
        value=max(0.0, min(1.0, value)),
        semantics_label=label,
        bar_height=10,
        border_radius=5,
        color=color,
    )
    # Its own semantics node: otherwise Flutter merges the bar into the card around it, and the bar's accessible
    # name becomes the whole card's text.
    bar = ft.Semantics(content=bar, container=True)
    if caption is None:
        return bar
    return ft.Column([bar, ft.Text(caption, color=ft.Colors.ON_SURFACE_VARIANT, size=13)], spacing=6)


def badges_earned(earned: int, total: int, t: Translator) -> str:
    """`4 of 12 badges earned` / `4 de 12 insignias conseguidas`."""
    return t.n_("{earned} of {n} badge earned", "{earned} of {n} badges earned", total, earned=earned)


def challenge_progress(c: Challenge, t: Translator) -> ft.Control:
    """A challenge's bar: "3 of 5" under it, "Coffee week: 3 of 5 done" as its accessible name."""
    done = min(c.progress, c.target)
    return StarsProgress(
        done / c.target if c.target else 0.0,
        # Translators: a progress bar's accessible name; {challenge} is a challenge's title.
        t._("{challenge}: {done} of {target} done", challenge=c.title, done=done, target=c.target),
        t._("{done} of {target}", done=done, target=c.target),
    )
