"""The frame around every signed-in screen: a top bar, the screen, and the bottom navigation.

It is also the guard: a signed-out visitor is sent to `/signin` (and comes back to the same URL after signing in).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Coroutine
from typing import cast

import flet as ft

from app.components.buttons import IconAction
from app.components.celebration import Celebration
from app.components.context import provide_shown, use_i18n, use_member, use_observed, use_session, use_wide
from app.components.feedback import Loading
from app.flet_fixes import live_sessions
from app.state import InboxState
from app.views.routes import SIGN_IN_PATH, TABS, Screen, screen_for

TAB_LABEL_SIZE = 11
"""The bottom bar's labels, in px (Material 3 says 12): five tabs share a phone's 390 px, about 70 px a label, and
a label 30% longer than English ("Challenges" in another language) must still fit on one line at 11 px
(tests/e2e/test_layout_long_texts.py measures it)."""
WARM_SECONDS = 1.0
"""How long the tabs just built ahead stay drawn beneath the shown screen (`Frame.prefetch_tabs`): long enough for
the browser to receive them and draw a frame, short enough that it does not keep drawing them with every frame."""
PREFETCH_PATIENCE_SECONDS = 2.0
"""How long one tab's load may hold the process's turn to build ahead (`Frame.prefetch_tabs`)."""
QUIET_LAG_SECONDS = 0.005
"""The event loop counts as quiet when a short sleep ends at most this late: nothing else was waiting to run."""
QUIET_PROBE_SECONDS = 0.02

_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()
_tab_loads: set[asyncio.Future[None]] = set()
"""The tab loads under way for building ahead, held until done: one the session stopped waiting for goes on alone."""


def _prefetch_gate() -> asyncio.Semaphore:
    """One session of the process builds its tabs ahead at a time, the others wait their turn (in order).

    Every session at once made a crowd's arrival pay for it: 200 customers signing in over 20 s on one process
    took 3.4 s to sign in at the median (6.6 s at p95) against about 0.1 s without building ahead (docs/capacity.md).
    One at a time, each tab only once the event loop is quiet (`_until_quiet`), the work fills the gaps between the
    customers' own. One gate per event loop (the tests run several loops)."""
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Semaphore(1)
    return gate


async def _until_quiet() -> None:
    """Return once a short sleep ends on time: the process has no customer's work waiting (building ahead is what
    it does with time to spare; a tap meanwhile waits for one tab's render at most)."""
    loop = asyncio.get_running_loop()
    while True:
        started = loop.time()
        await asyncio.sleep(QUIET_PROBE_SECONDS)
        if loop.time() - started - QUIET_PROBE_SECONDS <= QUIET_LAG_SECONDS:
            return


async def _loaded_within(load: Coroutine[object, object, None], seconds: float) -> bool:
    """Run `load`; False if it is not done within `seconds` (it then goes on alone, not cancelled: a load cut off
    halfway would leave its screen loading)."""
    task = asyncio.ensure_future(load)
    _tab_loads.add(task)
    task.add_done_callback(_tab_loads.discard)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        task.result()
    return bool(done)


@ft.component
def Shell() -> ft.Control:
    """The route of every signed-in screen: it follows the URL, and a tab tapped in the bottom bar before the URL does.

    A tab tapped is shown at once, before the browser's URL follows: `page.navigate` is a round trip through the
    browser (push_route, then route_change) that took about 30 ms of every tab switch. When the URL catches up, the
    router renders this component again; the frame (`Frame`, memoized) is then given what it already shows and is
    not rendered again (a render and a diff of the whole frame, 3-4 ms, on every tab switch of every customer).
    """
    location = ft.use_route_location()
    outlet = ft.use_route_outlet()
    page = ft.context.page
    tapped = ft.use_ref(lambda: None)  # (the tab's path, the location it was tapped on), until the location changes
    _, rerender = ft.use_state(0)
    if tapped.current is not None and tapped.current[1] != location:
        tapped.current = None
    shown = tapped.current[0] if tapped.current is not None else location
    here = ft.use_ref(lambda: ("", ""))
    here.current = (shown, location)  # what the tab handler, made once, reads
    provide_shown(shown)  # what a kept screen's render reads to know whether it is on screen (`PopIn`)

    def go_tab(path: str) -> None:
        shown_now, location_now = here.current
        if path != shown_now:
            tapped.current = (path, location_now)
            rerender(lambda n: n + 1)
            page.navigate(path)

    on_tab = ft.use_callback(go_tab, [])
    screen = screen_for(shown)
    is_tab = screen is not None and screen in TABS
    # A tab is one of the kept screens (no outlet); any other screen comes with the route (a new outlet each time).
    return Frame(shown, None if is_tab else outlet, on_tab)


@ft.memo
@ft.component
def Frame(shown: str, outlet: ft.Control | None, on_tab: Callable[[str], None]) -> ft.Control:
    """The top bar, the screen at `shown` (a kept tab, or `outlet`), and the bottom navigation; the guard."""
    session = use_observed(use_session())  # its auth (the guard)
    wide = use_wide()
    member = use_member()
    t = use_i18n()
    page = ft.context.page

    def send_to_sign_in() -> None:
        if session.auth == "signed_out":
            session.remember_return(shown if shown != SIGN_IN_PATH else "/")
            page.navigate(SIGN_IN_PATH)

    async def load_balance() -> None:
        # The balance in the top bar: load it whichever screen opens first.
        if session.auth == "signed_in":
            await session.ensure_balance()

    screen = screen_for(shown)
    is_tab = screen is not None and screen in TABS  # as `Shell` decides it
    kept = ft.use_ref(set)  # the tabs visited lately: they stay mounted, hidden while another screen is shown
    _, rerender = ft.use_state(0)
    prefetched, set_prefetched = ft.use_state(0)  # tabs built ahead of their first visit, so far
    warm, set_warm = ft.use_state(cast(frozenset[str], frozenset()))  # tabs built ahead, drawn beneath the shown one

    async def show_screen() -> None:
        if session.auth == "signed_in":
            await session.show(session.screen(screen.state) if screen else None)

    async def release_hidden_tabs() -> None:
        # Tabs the customer left some time ago are released: an idle session then holds only the screen it shows,
        # and the next customers' screens reuse the memory (1,000 sessions that had visited every tab: 1.55 MB each
        # with every tab kept; 0.84 MB with this, walking in groups two minutes apart; docs/capacity.md). Going back
        # to a released tab builds it again from the session's state (no request while its data is fresh). A tab
        # switch starts the wait again (Flet cancels the running effect when `shown` changes; the cleanup cancels it
        # on unmount), and so does a tab built ahead of its first visit (`prefetch_tabs`).
        await asyncio.sleep(session.keep_hidden_tabs_for)
        still_shown = {screen.path} if is_tab and screen is not None else set()  # as `kept` holds it
        if kept.current - still_shown:
            kept.current &= still_shown
            rerender(lambda n: n + 1)

    async def prefetch_tabs() -> None:
        # The other tabs load and are built hidden once the first screen is in and the customer has had it to
        # themselves for `session.prefetch_tabs_after`: a first visit is then only showing a kept tab (loaded and
        # built on the tap, 236 ms at the median and 424 ms at p95; built ahead, 119 and 266 ms: docs/performance.md,
        # the rest is Flutter's first build of the screen). One session of the process at a time, one tab at a time,
        # each once the event loop is quiet, so a tap meanwhile waits for one screen's render at most. Home's first
        # render still costs its one request. Prefetched tabs are released as tabs the customer left are.
        after = session.prefetch_tabs_after
        if session.auth != "signed_in" or after is None:
            return
        if screen is not None:
            await session.screen(screen.state).ensure_loaded()  # shares the request the first screen is waiting on

        def not_now() -> bool:
            """Nobody to build ahead for (the tab was closed, or is reconnecting), or a crowded process: every
            session's tabs built at once would cost too much memory together."""
            return page.session.connection is None or live_sessions() > session.prefetch_up_to_sessions

        await asyncio.sleep(after)
        if not_now():
            return
        gate = _prefetch_gate()
        fresh: list[str] = []
        await gate.acquire()  # in turn (a crowd signing in queues here; signing out or leaving cancels the wait)
        try:
            for tab in TABS:
                if tab.path in kept.current or session.auth != "signed_in":
                    continue
                await _until_quiet()
                if not_now():
                    return  # the tab was closed, or the process filled up, while this session waited
                if tab.path in kept.current or session.auth != "signed_in":
                    continue  # visited meanwhile
                # Loaded first, so it is built once, with its data (a load already under way, such as Home's for the
                # top bar's balance, is waited for or shows its spinner until done: the screen observes its state).
                if not await _loaded_within(session.screen(tab.state).ensure_loaded(), PREFETCH_PATIENCE_SECONDS):
                    # The API is slow, or the browser has gone: Rewards keeps its codes in the browser's storage and
                    # waits for its answer, which a closed tab never gives (its session expires 5 minutes later). The
                    # turn passes on: a closed tab once held it all that time, and no other session of the process
                    # built ahead. The load finishes on its own; this session's other tabs load on their first visit.
                    return
                if tab.path not in kept.current:
                    kept.current.add(tab.path)
                    fresh.append(tab.path)
                    set_prefetched(lambda n: n + 1)  # renders it (before the next tab: the loop is not quiet till then)
        finally:
            gate.release()
        if not fresh or not_now():
            return
        # The browser holds a hidden tab as data only, and builds and draws it on its first visit, running much of
        # its code for the first time on that page (it compiles its WebAssembly lazily, function by function: about
        # 600 functions on a first visit to Friends). So the tabs just built ahead are drawn once, beneath the shown
        # screen and out of the accessibility tree, then hidden again: their first visit then runs compiled code
        # (19 functions left to compile on Friends; docs/performance.md, 2026-12-03 evening).
        await _until_quiet()
        set_warm(frozenset(fresh))
        try:
            await asyncio.sleep(WARM_SECONDS)
        finally:
            set_warm(frozenset())

    ft.use_effect(send_to_sign_in, [session.auth])
    ft.use_effect(prefetch_tabs, [session.auth], cleanup=lambda: None)
    ft.use_effect(load_balance, [session.auth])
    ft.use_effect(show_screen, [shown, session.auth])
    ft.use_effect(release_hidden_tabs, [shown, session.auth, prefetched], cleanup=lambda: None)
    if session.auth != "signed_in":
        kept.current = set()  # the next member starts with fresh screens
        return Loading(t._("Opening Starboard"))
    if is_tab and screen is not None:
        kept.current.add(screen.path)
    # Screens reached from Home (Activity, Member card, ...) keep Home highlighted and get a back arrow.
    selected = TABS.index(screen) if is_tab and screen is not None else 0

    def go_tab(e: ft.Event[ft.NavigationBar] | ft.Event[ft.NavigationRail]) -> None:
        index = e.control.selected_index
        if index is not None and 0 <= index < len(TABS):
            on_tab(TABS[index].path)

    actions: list[ft.Control] = [InboxButton(shown)]
    if member.balance is not None:
        chip = ft.Container(
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.STARS_ROUNDED, size=18, color=ft.Colors.ON_PRIMARY_CONTAINER),
                    ft.Text(t.number(member.balance), weight=ft.FontWeight.W_600, color=ft.Colors.ON_PRIMARY_CONTAINER),
                ],
                spacing=4,
                tight=True,
            ),
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            border_radius=16,
            padding=ft.Padding.symmetric(horizontal=10, vertical=4),
            margin=ft.Margin.only(right=12),
        )
        # Translators: the balance in the top bar, read aloud; {stars} is "1,430 Stars", already in your language.
        balance = t._("Balance: {stars}", stars=t.stars(member.balance))
        actions.append(ft.Semantics(label=balance, exclude_semantics=True, content=chip))
    top_bar = ft.AppBar(
        title=ft.Text(screen.title(t) if screen else "Starboard", weight=ft.FontWeight.W_600),
        leading=None if is_tab else IconAction(ft.Icons.ARROW_BACK, t._("Back"), on_click=lambda: page.navigate("/")),
        automatically_imply_leading=False,
        actions=actions,
        bgcolor=ft.Colors.SURFACE,
    )
    # A phone gets the bottom navigation bar; a wide window a rail on the left (the same destinations).
    nav: ft.Control | None = None
    rail: ft.Control | None = None
    if wide:
        rail = ft.NavigationRail(
            destinations=[
                ft.NavigationRailDestination(icon=d.icon, selected_icon=d.selected_icon, label=d.title(t)) for d in TABS
            ],
            selected_index=selected,
            on_change=go_tab,
            label_type=ft.NavigationRailLabelType.ALL,
            group_alignment=-0.9,
            key="rail",
        )
    else:
        # The labels' size comes with a theme of the bar's own, not the page's: see `_theme` in app/views/root.py.
        labels = ft.TextStyle(size=TAB_LABEL_SIZE, weight=ft.FontWeight.W_500)
        bar_theme = ft.Theme(navigation_bar_theme=ft.NavigationBarTheme(label_text_style=labels))
        nav = ft.Container(
            content=ft.NavigationBar(
                destinations=[
                    ft.NavigationBarDestination(icon=d.icon, selected_icon=d.selected_icon, label=d.title(t))
                    for d in TABS
                ],
                selected_index=selected,
                on_change=go_tab,
            ),
            theme=bar_theme,
            dark_theme=bar_theme,  # the client takes `dark_theme` when the page is dark, with nothing else from `theme`
        )
    # A tab visited stays mounted until it has been hidden for `session.keep_hidden_tabs_for`: switching back only
    # shows it again (no render, no API call while it is fresh). Other screens (Activity, Member card, ...) come and
    # go with the route.
    # The screens share one place, one above the other: the shown one, opaque and in the accessibility tree; the
    # others hidden, except those drawn once after being built ahead (`warm`), beneath the shown one and out of the
    # tree. The order changes only while some are drawn, so that a tab switch only changes two layers' `visible`.
    shown_layer = screen.path if is_tab and screen is not None else "outlet"
    body = [
        _Layer(
            Unread(tab, unread=tab.path in warm and tab.path != shown_layer),
            tab.path,
            shown=tab.path == shown_layer,
            drawn=tab.path in warm,
        )
        for tab in TABS
        if tab.path in kept.current
    ]
    if shown_layer == "outlet":
        body.append(_Layer(outlet, "outlet", shown=True))
    elif warm:
        body.sort(key=lambda layer: layer.key == shown_layer)  # on top
    middle = ft.Row(
        [
            *([rail, ft.VerticalDivider(width=1, key="rail-divider")] if rail is not None else []),
            ft.Stack(body, expand=True, key="body"),
        ],
        expand=True,
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    # Celebration: a finished challenge, a new badge or tier, above whichever screen is shown (never over it).
    return ft.Column([top_bar, Celebration(), middle, *([nav] if nav is not None else [])], expand=True, spacing=0)


def _Layer(content: ft.Control | None, key: str, *, shown: bool, drawn: bool = False) -> ft.Control:
    """One screen in the body's stack, filling it with the page's colour: `shown`, or hidden, or, when `drawn`,
    drawn beneath the shown one. Showing a kept tab only changes this layer's `visible`: its screen is not rendered
    again."""
    return ft.Container(
        content=content,
        visible=shown or drawn,
        bgcolor=ft.Colors.SURFACE,
        left=0,
        top=0,
        right=0,
        bottom=0,
        key=key,
    )


@ft.component
def InboxButton(shown: str) -> ft.Control:
    """The top bar's way to the inbox, with the unread count in its name ("Inbox, 3 unread") and on its badge.

    The count comes with Home's summary (`Member.inbox_unread`); the inbox loads only once something it shows changed
    (`InboxState.keep_count_current`), and live updates keep the count current (`InboxState.events_arrived`)."""
    session = use_observed(use_session())  # its auth
    member = use_member()
    inbox = session.screen(InboxState)  # not observed: the count is the member's; the inbox's items are not shown here
    t = use_i18n()
    page = ft.context.page

    async def load() -> None:
        # On sign-in, and on every navigation (`shown`, the screen the frame shows): no request while the count is
        # current, a reload once something the inbox shows changed (an activated offer leaves the "new offer" item).
        if session.auth == "signed_in":
            await inbox.keep_count_current()

    ft.use_effect(load, [session.auth, shown])
    unread = member.inbox_unread or 0
    # Translators: the inbox button's accessible name.
    name = t.n_("Inbox, {n} unread", "Inbox, {n} unread", unread)
    return ft.IconButton(
        icon=ft.Icon(ft.Icons.INBOX_OUTLINED if unread == 0 else ft.Icons.MARK_EMAIL_UNREAD, semantics_label=name),
        on_click=lambda: page.navigate("/inbox"),
        # The badge's number is for the eye; the button's name already says it ("" keeps it out of the tree).
        badge=ft.Badge(label=ft.Text(t.number(unread) if unread < 100 else "99+", semantics_label=""))
        if unread
        else None,
        key="inbox-button",
    )


@ft.memo  # renders again only when a tab starts or stops being drawn beneath the shown one, not on a tab switch
@ft.component
def Unread(tab: Screen, *, unread: bool) -> ft.Control:
    """A kept tab's screen, left out of the accessibility tree while `unread`: drawn beneath the shown one (`warm`).
    A hidden one (`visible=False`) is out of it anyway."""
    return ft.Semantics(content=KeptTab(tab), exclude_semantics=unread)


@ft.memo  # the shell re-renders on every navigation; a kept tab's screen re-renders only when its own state changes
@ft.component
def KeptTab(screen: Screen) -> ft.Control:
    return screen.component()


@ft.component
def NotFound() -> ft.Control:
    t = use_i18n()
    page = ft.context.page
    return ft.Container(
        content=ft.Column(
            [
                ft.Icon(ft.Icons.EXPLORE_OFF_OUTLINED, size=48, color=ft.Colors.ON_SURFACE_VARIANT),
                ft.Text(t._("This page does not exist."), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                ft.FilledButton(t._("Go to Home"), on_click=lambda: page.navigate("/")),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=12,
        ),
        alignment=ft.Alignment.CENTER,
        expand=True,
    )
