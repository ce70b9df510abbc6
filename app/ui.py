"""The Flet entry point: `main(page)` runs once per browser session.

It creates the session's store (with its own `LoyaltyClient`), restores the saved session from client storage,
ties background work to the connection's life, and renders the `App` component.
"""

from __future__ import annotations

import flet as ft

from app import web_security
from app.config import load_settings
from app.i18n.browser import browser_language
from app.i18n.pseudo_speech import PseudoSpeech
from app.runtime import make_client
from app.state import PrefsDeviceStore, Session
from app.views.root import App, configure_page

FIRST_FRAME_WAIT = 0.3
"""How long the first render of a returning member waits for their balance (see `Session.preload_balance`)."""


async def main(page: ft.Page) -> None:
    settings = load_settings()
    client = make_client(settings, page.client_ip)
    session = Session(
        client,
        PrefsDeviceStore(),
        demo_tools=settings.demo_tools,
        keep_hidden_tabs_for=settings.keep_hidden_tabs_seconds,
        prefetch_tabs_after=settings.prefetch_tabs_seconds,
        prefetch_up_to_sessions=settings.prefetch_up_to_sessions,
    )
    if settings.pseudo_locale:  # tests only: every text "[Šéñð Šţàŕš~]" (app/i18n/pseudo_speech.py)
        session.speech = PseudoSpeech()
    # A signed-in member's session does not count against the caps on sessions nobody is signed in to.
    web_security.watch_sign_in(page.session, lambda: session.auth == "signed_in")
    await session.start()
    client.set_language(session.speech.language)  # a language kept on the device: the API's texts come in it too
    if not session.language_chosen:
        # First visit: speak the browser's language, and keep it on the device so later visits need not ask the
        # browser again (a choice in Profile replaces it).
        await session.set_language(await browser_language(page))
    if session.auth == "signed_in":
        await session.preload_balance(FIRST_FRAME_WAIT)
    configure_page(page, session)
    session.set_window_width(page.width)

    def on_resize(e: ft.PageResizeEvent) -> None:
        session.set_window_width(e.width)

    def on_disconnect() -> None:
        session.live.cancel()  # no polling for a closed tab; resumes if it reconnects

    async def on_connect() -> None:
        await session.reconnected()  # a reload (F5) is a request for what is true now

    async def on_close() -> None:
        await session.close()

    page.on_disconnect = on_disconnect
    page.on_connect = on_connect
    page.on_close = on_close
    page.on_resize = on_resize
    page.render(App, session)
