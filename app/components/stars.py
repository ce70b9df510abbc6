"""Stars on screen: amounts, and progress toward something ("40 Stars to Free drink")."""

from __future__ import annotations

import flet as ft


def stars(n: int) -> str:
    """`412 Stars`, `1 Star`, `1,250 Stars`."""
    return f"{n:,} Star" if n == 1 else f"{n:,} Stars"


@ft.component
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
