"""Material icons named by the API (badge art, reward icons), with a sensible fallback; the icon of each way to earn
Stars, the same on Ways to earn and in Activity."""

from __future__ import annotations

import flet as ft

EARN_ICONS: dict[str, ft.IconData] = {
    "purchase": ft.Icons.STOREFRONT_OUTLINED,
    "review": ft.Icons.RATE_REVIEW_OUTLINED,
    "survey": ft.Icons.QUIZ_OUTLINED,
    "referral": ft.Icons.GROUP_ADD_OUTLINED,
    "birthday": ft.Icons.CAKE_OUTLINED,
    "challenge": ft.Icons.EMOJI_EVENTS_OUTLINED,
}
"""Each way to earn (an earn rule's `kind`, and the ledger entry it makes)."""


def icon_named(name: str | None, fallback: ft.IconData = ft.Icons.STARS_ROUNDED) -> ft.IconData:
    """`"local_cafe"` -> `ft.Icons.LOCAL_CAFE`; an unknown name gives `fallback`."""
    if not name:
        return fallback
    icon = getattr(ft.Icons, name.strip().upper().replace("-", "_").replace(" ", "_"), None)
    return icon if isinstance(icon, ft.IconData) else fallback
