"""Material icons named by the API (badge art, reward icons), with a sensible fallback."""

from __future__ import annotations

import flet as ft


def icon_named(name: str | None, fallback: ft.IconData = ft.Icons.STARS_ROUNDED) -> ft.IconData:
    """`"local_cafe"` -> `ft.Icons.LOCAL_CAFE`; an unknown name gives `fallback`."""
    if not name:
        return fallback
    icon = getattr(ft.Icons, name.strip().upper().replace("-", "_").replace(" ", "_"), None)
    return icon if isinstance(icon, ft.IconData) else fallback
