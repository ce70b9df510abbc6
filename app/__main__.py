"""`python -m app` (and `make run`): serve the Starboard web app (Flet web mode, offline: no CDN).

Settings come from the environment (see app/config.py): STARBOARD_HOST / STARBOARD_LAN / STARBOARD_PORT,
STARBOARD_API_URL, STARBOARD_OPEN_BROWSER.
"""

from __future__ import annotations

import logging
import os

import flet as ft

from app import web_assets
from app.config import PROJECT_ROOT, load_settings
from app.control_ids import start_control_ids_at_random
from app.flet_fixes import apply_all as apply_flet_fixes
from app.shutdown import exit_promptly_on_sigterm
from app.ui import main

SERVED_ASSETS = PROJECT_ROOT / ".web-assets"
"""What the browser is served next to Flet's client: `assets/` plus the emoji font (see app/web_assets.py)."""


def serve() -> None:
    settings = load_settings()
    if not settings.open_browser:
        # Flet treats `view=None` as "desktop socket server" on a machine with a display; forcing the web server
        # serves the same web app there too, without opening a browser.
        os.environ["FLET_FORCE_WEB_SERVER"] = "true"
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
    ft.run(
        main,
        view=ft.AppView.WEB_BROWSER,
        host=settings.host,
        port=settings.port,
        assets_dir=str(served),
        no_cdn=True,
    )


if __name__ == "__main__":
    serve()
