"""Inbox: gifts with their message, asks and thank-yous, Stars about to expire, challenges ending, new offers, tier
changes and badges, newest first; an unread dot, "Mark all read", and each item opens the screen it is about."""

from __future__ import annotations

from datetime import UTC, datetime

import flet as ft

from app.api.models import InboxItem, InboxKind, InboxLink
from app.components.action_row import with_action
from app.components.context import use_i18n, use_screen, use_session
from app.components.feedback import InlineError, when_loaded
from app.components.layout import SectionCard
from app.i18n import Translator
from app.state import InboxState, RewardsState

KIND_ICONS: dict[InboxKind, ft.IconData] = {
    "gifts": ft.Icons.CARD_GIFTCARD,
    "friends": ft.Icons.PEOPLE_OUTLINE,
    "expiring": ft.Icons.HOURGLASS_BOTTOM_ROUNDED,
    "challenges": ft.Icons.FLAG_OUTLINED,
    "offers": ft.Icons.LOCAL_OFFER_OUTLINED,
    "tier": ft.Icons.WORKSPACE_PREMIUM,
    "badges": ft.Icons.MILITARY_TECH,
    "account": ft.Icons.SHIELD_OUTLINED,
}
LINK_PATHS: dict[InboxLink, str] = {
    "home": "/",
    "activity": "/activity",
    "rewards": "/rewards",
    "challenges": "/challenges",
    "badges": "/badges",
    "offers": "/offers",
    "gift": "/gift",
    "friends": "/friends",
    "profile": "/profile",
}


def path_for(link: InboxLink) -> str:
    """The URL of the screen an item is about; a screen this app does not have (yet) falls back to a neighbour."""
    from app.views.routes import screen_for  # at render time: the registry imports every screen, this one included

    path = LINK_PATHS.get(link, "/")
    if screen_for(path) is None:
        return "/gift" if link == "friends" else "/"
    return path


@ft.component
def InboxScreen() -> ft.Control:
    inbox = use_screen(InboxState)
    t = use_i18n()
    return when_loaded(inbox, t._("Loading your inbox"), t._("Your inbox could not load"), lambda: _content(inbox, t))


def _content(inbox: InboxState, t: Translator) -> list[ft.Control]:
    unread = inbox.unread
    header = with_action(
        ft.Text(
            t._("Nothing unread") if unread == 0 else t.n_("{n} unread", "{n} unread", unread),
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            expand=True,
        ),
        t._("Mark all read"),
        ft.Icons.DONE_ALL,
        inbox.mark_all_read,
        disabled=unread == 0 or inbox.marking,
    )
    controls: list[ft.Control] = [header]
    if inbox.action_error:
        controls.append(InlineError(inbox.action_error))
    if not inbox.items:
        controls.append(
            SectionCard(
                ft.Text(
                    t._("You're all caught up. Gifts, offers and news will show here."),
                    color=ft.Colors.ON_SURFACE_VARIANT,
                )
            )
        )
    controls += [InboxRow(item, inbox, key=item.id) for item in inbox.items]
    keep = inbox.inbox.keep_days if inbox.inbox is not None else 0
    controls.append(
        ft.Text(
            t.n_(
                "The inbox keeps the last {n} day. Choose what it shows in Profile.",
                "The inbox keeps the last {n} days. Choose what it shows in Profile.",
                keep,
            ),
            size=12,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    )
    return controls


@ft.component
def InboxRow(item: InboxItem, inbox: InboxState) -> ft.Control:
    session = use_session()
    t = use_i18n()
    page = ft.context.page

    async def open_it() -> None:
        await inbox.open_item(item)
        if item.kind == "expiring" and item.reward is not None:
            session.screen(RewardsState).suggest(item.reward.id)
        page.navigate(path_for(item.opens))

    when = t.relative(item.created_at - datetime.now(UTC))
    subtitle = [ft.Text(item.body, size=13)] if item.body else []
    subtitle.append(ft.Text(when, size=12, color=ft.Colors.ON_SURFACE_VARIANT))
    tile = ft.ListTile(
        leading=ft.Icon(KIND_ICONS.get(item.kind, ft.Icons.NOTIFICATIONS_OUTLINED), color=ft.Colors.PRIMARY),
        title=ft.Text(
            item.title,
            weight=ft.FontWeight.NORMAL if item.read else ft.FontWeight.W_700,
        ),
        subtitle=ft.Column(subtitle, spacing=2, tight=True),
        trailing=None
        if item.read
        else ft.Semantics(
            label=t._("Unread"),
            container=True,
            content=ft.Container(width=10, height=10, border_radius=5, bgcolor=ft.Colors.PRIMARY),
        ),
        on_click=open_it,
        content_padding=ft.Padding.symmetric(horizontal=12, vertical=4),
    )
    return ft.Card(
        content=tile,
        margin=0,
        elevation=0,
        variant=ft.CardVariant.FILLED if item.read else ft.CardVariant.OUTLINED,
    )
