"""The page the browser loads (`index.html`), made from Flet's own at start.

Flet serves `index.html` from the app's assets folder when there is one there, else its own, then fills in its
settings (base href, WebSocket, no-CDN paths). Writing ours from Flet's (rather than committing a copy) keeps every
script and setting a Flet upgrade brings; a change here fails loudly (`WebClientChanged`) in the unit tests instead
of serving a page without its worker.

What changes:
- the title and home-screen names are "Starboard", the browser bar takes the brand colour, the splash is ours;
- `pwa/no-cdn.js` runs before Flet's scripts: it keeps the client from loading scripts from another origin
  (Flet's client asks a CDN for Rive's runtime on every page load; see that file);
- `pwa/register.js` registers the service worker under the exact URL Flet's bootstrap uses for its own, so that
  the two never replace each other (see assets/flutter_service_worker.js);
- `pwa/a11y.js` names dialogs by their titles and marks fields in error invalid, two things Flutter web leaves out
  of the accessibility tree (see that file);
- `pwa/recover.js`, also before Flet's scripts: a page whose web client stopped on a WebAssembly trap (a blank,
  frozen screen) reloads itself, once a minute at most, and comes back signed in on the same screen (see that file).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

APP_NAME = "Starboard"
DESCRIPTION = "Your Starboard member card, Stars, rewards and gifts."
THEME_COLOR = "#00695C"
_SW_VERSION = re.compile(r"""serviceWorkerVersion:\s*["']([^"']+)["']""")


class WebClientChanged(ValueError):
    """Flet's index.html or bootstrap no longer looks as this module expects (after a Flet upgrade)."""


def service_worker_version(web_client: Path) -> str:
    """The build id under which Flet's bootstrap (re)registers `flutter_service_worker.js?v=<id>`."""
    bootstrap = (web_client / "flutter_bootstrap.js").read_text(encoding="utf-8")
    match = _SW_VERSION.search(bootstrap)
    if match is None:
        raise WebClientChanged("flutter_bootstrap.js names no serviceWorkerVersion")
    return match.group(1)


def _replace(page: str, pattern: str, replacement: str) -> str:
    changed, count = re.subn(pattern, lambda _: replacement, page, count=1)
    if count != 1:
        raise WebClientChanged(f"Flet's index.html has nothing matching {pattern!r}")
    return changed


def index_html(flet_index: str, sw_version: str) -> str:
    """Starboard's page from Flet's `index.html` (before Flet fills in its settings)."""
    name = html.escape(APP_NAME)
    page = _replace(flet_index, r"<title>[^<]*</title>", f"<title>{name}</title>")
    page = _replace(
        page,
        r'<meta name="apple-mobile-web-app-title" content="[^"]*">',
        f'<meta name="apple-mobile-web-app-title" content="{name}">',
    )
    page = _replace(
        page,
        r'<meta name="description" content="[^"]*">',
        f'<meta name="description" content="{html.escape(DESCRIPTION)}">\n'
        f'  <meta name="theme-color" content="{THEME_COLOR}">',
    )
    page = _replace(page, r'src="icons/loading-animation\.png"', 'src="splash.png"')
    # Before Flet's first script: nothing of the client may run before the guard is in place.
    page = _replace(
        page,
        r"(?=\n\s*<script)",
        '\n  <script src="pwa/no-cdn.js"></script>\n  <script src="pwa/recover.js"></script>',
    )
    return _replace(
        page,
        r"(?=\s*</body>)",
        f'\n  <script src="pwa/register.js" data-sw-version="{html.escape(sw_version)}" defer></script>'
        '\n  <script src="pwa/a11y.js" defer></script>',
    )


def write_index(web_client: Path, out: Path) -> Path:
    """Write Starboard's `index.html` into `out` (the folder served next to Flet's client); returns its path."""
    flet_index = (web_client / "index.html").read_text(encoding="utf-8")
    target = out / "index.html"
    target.write_text(index_html(flet_index, service_worker_version(web_client)), encoding="utf-8")
    return target
