"""The inbox: what a member is told about, which kinds they keep, what is read.

Items come from the member's events (generic over event kinds: a kind listed in `EVENT_ITEMS` becomes an item, any
other kind is not inbox news) and from what time alone brings (Stars about to expire, a challenge ending, an offer
starting). Everything here is a pure function of those facts; the service gathers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import get_args

from app.api.models import Event, InboxItem, InboxKind, InboxLink, InboxPreference, Offer, RewardRef
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import zone
from app.mock_backend.texts import Stars, Texts, pick, text

KEEP_DAYS = 30
"""The inbox keeps items of the last 30 days."""
MAX_ITEMS = 100
ENDING_SOON = timedelta(days=2)
"""A challenge is announced when it ends within 2 days."""
ALWAYS_ON: frozenset[InboxKind] = frozenset({"account"})
"""Account and security notices cannot be turned off."""

KIND_TITLES: dict[InboxKind, str] = {
    "gifts": "Gifts you receive",
    "friends": "Asks and thank-yous from friends",
    "expiring": "Stars about to expire",
    "challenges": "Challenges ending soon",
    "offers": "New offers",
    "tier": "Tier changes",
    "badges": "Badges you earn",
    "account": "Account and security notices",
}
assert set(KIND_TITLES) == set(get_args(InboxKind))
KIND_TITLES_ES: dict[InboxKind, str] = {
    "gifts": "Regalos que recibes",
    "friends": "Peticiones y agradecimientos de amigos",
    "expiring": "Estrellas a punto de caducar",
    "challenges": "Retos que terminan pronto",
    "offers": "Ofertas nuevas",
    "tier": "Cambios de nivel",
    "badges": "Insignias que consigues",
    "account": "Avisos de cuenta y seguridad",
}
"""The preferences' titles in Spanish (``preferences`` answers in the reader's language)."""

EVENT_ITEMS: dict[str, tuple[InboxKind, InboxLink]] = {
    "gift_received": ("gifts", "activity"),
    "friend_request_received": ("friends", "friends"),
    "friend_request_accepted": ("friends", "friends"),
    "ask_received": ("friends", "friends"),
    "ask_answered": ("friends", "friends"),
    "thanks_received": ("friends", "friends"),
    "stars_expired": ("expiring", "activity"),
    "challenge_completed": ("challenges", "challenges"),
    "tier_changed": ("tier", "home"),
    "badge_earned": ("badges", "badges"),
}
"""Which event kinds are inbox news, of which kind, and the screen each opens. Keyed by the event kind's name, so
kinds added elsewhere (friends' asks and thank-yous) are listed here whether or not their module is present."""


def item_for_event(event: Event) -> InboxItem | None:
    """The inbox item of an event, or None when the event is not inbox news (a purchase the member just made)."""
    found = EVENT_ITEMS.get(event.kind)
    if found is None:
        return None
    kind, opens = found
    return InboxItem(
        id=f"event-{event.id}",
        kind=kind,
        title=event.title,
        body=event.body,
        created_at=event.created_at,
        read=False,
        opens=opens,
        stars=event.stars,
    )


def item_for_expiring(stars: int, on: date, suggestion: RewardRef | None, warning_days: int) -> InboxItem:
    """Stars about to expire: the amount, the date and what they still buy."""
    body = (
        text("expiring_buys", reward=suggestion.name, cost=Stars(suggestion.cost))
        if suggestion is not None
        else text("expiring_spend")
    )
    return InboxItem(
        id=f"expiring-{on.isoformat()}",
        kind="expiring",
        title=text("expiring_title", stars=Stars(stars), on=on),
        body=body,
        created_at=datetime.combine(on - timedelta(days=warning_days), time(), zone("UTC")),
        read=False,
        opens="rewards",
        stars=stars,
        due=on,
        reward=suggestion,
    )


@dataclass(frozen=True)
class RunningChallenge:
    id: str
    title: str
    ends_at: datetime
    reward_stars: int
    still_open: bool
    """Open to join or joined and not completed."""


def items_for_challenges(challenges: Iterable[RunningChallenge], at: datetime, time_zone: str) -> list[InboxItem]:
    """Challenges still open to the member that end within `ENDING_SOON`."""
    out = []
    for c in challenges:
        if not c.still_open or not at < c.ends_at <= at + ENDING_SOON:
            continue
        ends = c.ends_at.astimezone(zone(time_zone))
        out.append(
            InboxItem(
                id=f"ending-{c.id}",
                kind="challenges",
                title=text("challenge_ends_soon", challenge=c.title),
                body=text("challenge_ends_at", day=ends.date(), time=f"{ends:%H:%M}", stars=Stars(c.reward_stars)),
                created_at=c.ends_at - ENDING_SOON,
                read=False,
                opens="challenges",
                stars=c.reward_stars,
                due=ends.date(),
            )
        )
    return out


def item_for_offer(offer: Offer) -> InboxItem:
    """A new offer, from the moment it starts."""
    return InboxItem(
        id=f"offer-{offer.id}",
        kind="offers",
        title=text("new_offer", offer=offer.title),
        body=offer.description,
        created_at=offer.starts_at,
        read=False,
        opens="offers",
    )


def compose(
    candidates: Iterable[InboxItem], read: set[str], off: set[str], at: datetime
) -> tuple[list[InboxItem], int]:
    """The inbox as the member sees it: items of the kinds they keep, of the last `KEEP_DAYS` days and not in the
    future, newest first (at most `MAX_ITEMS`), each marked read or not; and how many are unread."""
    since = at - timedelta(days=KEEP_DAYS)
    shown = sorted(
        (
            i.model_copy(update={"read": i.id in read})
            for i in candidates
            if since <= i.created_at <= at and (i.kind in ALWAYS_ON or i.kind not in off)
        ),
        key=lambda i: (i.created_at, i.id),
        reverse=True,
    )[:MAX_ITEMS]
    return shown, sum(1 for i in shown if not i.read)


def mark_read(read: set[str], ids: Iterable[str], current: Sequence[InboxItem]) -> set[str]:
    """The read ids after marking ``ids``: only ids of items still in the inbox are kept (the set stays small)."""
    known = {i.id for i in current}
    return {i for i in read if i in known} | (set(ids) & known)


def preferences(off: set[str]) -> list[InboxPreference]:
    return [
        InboxPreference(
            kind=kind,
            title=pick(Texts(title, KIND_TITLES_ES[kind])),
            enabled=kind in ALWAYS_ON or kind not in off,
            can_turn_off=kind not in ALWAYS_ON,
        )
        for kind, title in KIND_TITLES.items()
    ]


def set_preference(off: set[str], kind: InboxKind, enabled: bool) -> set[str]:
    """The kinds turned off after this change.

    Raises:
        Refusal: ``preference_locked`` (409) when turning off account and security notices.
    """
    if kind in ALWAYS_ON:
        if not enabled:
            raise Refusal("preference_locked", "Account and security notices are always on.", "kind", 409)
        return set(off)
    return (set(off) | {kind}) if not enabled else (set(off) - {kind})
