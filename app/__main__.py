"""`python -m app` (and `make run`): serve the Starboard web app (Flet web mode, offline: no CDN).

Settings come from the environment (see app/config.py): STARBOARD_HOST / STARBOARD_LAN / STARBOARD_PORT,
STARBOARD_API_URL, STARBOARD_OPEN_BROWSER, and the session limits.

The server is Flet's own FastAPI app (`flet_web.fastapi.app`, what `ft.run(view=WEB_BROWSER)` serves), wrapped in
app/web_security.py's hardening and run by uvicorn here, because `ft.run` offers no way to wrap it, with WebSockets
that compress each message on its own (app/websocket_compression.py).
"""

from __future__ import annotations

import asyncio
import logging
import webbrowser

import flet_web.fastapi
import uvicorn

from app import web_assets, web_security
from app.config import PROJECT_ROOT, load_settings
from app.control_ids import start_control_ids_at_random
from app.flet_fixes import apply_all as apply_flet_fixes
from app.garbage_collection import tune_for_many_sessions
from app.shutdown import exit_promptly_on_sigterm
from app.ui import main
from app.websocket_compression import QuietDeflateProtocol

SERVED_ASSETS = PROJECT_ROOT / ".web-assets"
"""What the browser is served next to Flet's client: `assets/`, our index.html, the emoji font (app/web_assets.py)."""


def serve() -> None:
    settings = load_settings()
    apply_flet_fixes()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    shown_host = "localhost" if settings.host in ("127.0.0.1", "0.0.0.0") else settings.host
    backend = "the embedded mock backend" if settings.uses_mock_backend else settings.api_url
    print(
        f"Starboard on http://{shown_host}:{settings.port} (listening on {settings.host}), using {backend}", flush=True
    )
    font = web_assets.system_emoji_font()
    if font is None:
        print(f"Emoji in messages will show as boxes: install the emoji font with `{web_assets.INSTALL_HINT}`.")
    served = web_assets.prepare(settings.assets_dir, SERVED_ASSETS, web_assets.flet_web_client(), font)
    exit_promptly_on_sigterm()  # rolling restarts: gone within 5 s of SIGTERM (app/shutdown.py)
    start_control_ids_at_random()  # a browser reconnecting to another process gets fresh controls (app/control_ids.py)
    flet_app = flet_web.fastapi.app(
        main,
        assets_dir=str(served),
        no_cdn=True,
        session_timeout_seconds=settings.session_idle_seconds,
    )
    hardened, _ = web_security.harden(flet_app, settings)
    tune_for_many_sessions()  # a full collection stopped every session for ~600 ms (app/garbage_collection.py)
    config = uvicorn.Config(hardened, host=settings.host, port=settings.port, log_level="info", ws=QuietDeflateProtocol)
    url = f"http://{shown_host}:{settings.port}"
    asyncio.run(_run(uvicorn.Server(config), url if settings.open_browser else None))


async def _run(server: uvicorn.Server, open_url: str | None) -> None:
    task = asyncio.create_task(server.serve())
    if open_url is not None:
        while not server.started and not task.done():
            await asyncio.sleep(0.05)
        if server.started:
            webbrowser.open(open_url)
    await task


if __name__ == "__main__":
    serve()
