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

KIND_ICONS: dict[str, ft.IconData] = {
    **EARN_ICONS,
    "bonus": ft.Icons.AUTO_AWESOME_OUTLINED,
    "gift_in": ft.Icons.CARD_GIFTCARD,
    "gift_out": ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED,
    "redeem": ft.Icons.REDEEM,
    "expire": ft.Icons.HOURGLASS_BOTTOM_ROUNDED,
    "badge": ft.Icons.MILITARY_TECH_ROUNDED,
    "tier": ft.Icons.WORKSPACE_PREMIUM_ROUNDED,
}
"""One icon per kind of thing that happens to a member's Stars or status: a ledger entry's `kind` (Activity) and an
achievement's (a celebration: challenge, badge, tier), the same picture wherever it shows."""


def kind_icon(kind: str, fallback: ft.IconData = ft.Icons.STARS_ROUNDED) -> ft.IconData:
    """The icon of a ledger entry's or an achievement's kind; an unknown kind gives `fallback`."""
    return KIND_ICONS.get(kind, fallback)


def icon_named(name: str | None, fallback: ft.IconData = ft.Icons.STARS_ROUNDED) -> ft.IconData:
    """`"local_cafe"` -> `ft.Icons.LOCAL_CAFE`; an unknown name gives `fallback`."""
    if not name:
        return fallback
    icon = getattr(ft.Icons, name.strip().upper().replace("-", "_").replace(" ", "_"), None)
    return icon if isinstance(icon, ft.IconData) else fallback
