"""Settings of the Flet app. Environment variables are read here and nowhere else.

- `STARBOARD_API_URL`: base URL of a loyalty API. Unset: the embedded offline mock backend runs in-process
  (httpx.ASGITransport, no sockets), one instance per process shared by every browser session, so two members
  signed in from two browsers see each other's gifts.
- `STARBOARD_HOST` (default `127.0.0.1`); `STARBOARD_LAN=1` listens on `0.0.0.0` so a phone on the same network can
  open the app.
- `STARBOARD_PORT` (default `8550`).
- `STARBOARD_OPEN_BROWSER=1` also opens the app in the default browser.
- `STARBOARD_API_TIMEOUT` (seconds, default 6): how long one request to the API may take before it is tried again
  (a GET is tried three times). Screens say they are still trying after `SLOW_AFTER_SECONDS` whatever this is.
- `STARBOARD_DEMO_TOOLS=1` shows the mock-only demo actions ("Simulate a visit") against an API given by URL, when
  that API is the mock backend served over HTTP (`python -m app.mock_backend`). They are always on with the
  embedded mock.
- `STARBOARD_SESSION_IDLE_SECONDS` (default 300): how long the app server keeps a browser session after its tab
  disconnected, so that a reload or a dropped connection resumes it (Flet's own default is an hour).
- `STARBOARD_KEEP_HIDDEN_TABS_SECONDS` (default 120): how long a tab the customer left stays built in the app server,
  so that going back to it is only showing it again; after that it is released (its data stays in the session's
  state, and going back builds it again without a request while that data is fresh). An idle session then holds
  only the screen it shows.
- `STARBOARD_PREFETCH_TABS_SECONDS` (default 1): once the first screen after signing in has loaded, the other tabs
  load and are built hidden this many seconds later, one at a time, so that a first visit is only showing them;
  one session of the process at a time (the others wait their turn), each tab once the event loop is quiet (the
  customers' own work comes first; a tab whose load takes longer than 2 s hands the turn on); they are released
  like tabs the customer left. `off` turns
  it off: every tab then loads and is built on its first visit.
- `STARBOARD_PREFETCH_UP_TO_SESSIONS` (default 300): tabs are built ahead only while the process holds at most this
  many sessions (connected, or kept for a browser that may come back). Every session's tabs built at once cost memory
  all together: 1,000 sessions that each had theirs built ahead held 1.17 MB each at the end, against the 1 MB target
  (docs/capacity.md); beyond this many, first visits are built on the tap.
- `STARBOARD_MAX_ANON_SESSIONS_PER_CLIENT` (default 30) and `STARBOARD_MAX_ANON_SESSIONS` (default 300): how many
  sessions with nobody signed in the app server holds for one client address and in all; a new one beyond either
  is refused with a message (see app/web_security.py). `STARBOARD_MAX_SESSIONS` (default 2000) caps all
  sessions, signed-in ones included.
- `STARBOARD_PSEUDO_LOCALE=1`: FOR TESTS ONLY, never in production. Every session speaks the pseudo-locale
  (app/i18n/pseudo.py): each catalogue text shown as "[Šéñð Šţàŕš~]", 30% longer and bracketed, so the layout test
  (tests/e2e/test_layout_long_texts.py) sees clipped texts and texts that skipped the catalogue. Members never get it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    api_url: str | None
    """None means: use the embedded mock backend in-process."""
    host: str
    port: int
    open_browser: bool
    demo_tools_requested: bool = False
    assets_dir: Path = ASSETS_DIR
    session_idle_seconds: int = 300
    keep_hidden_tabs_seconds: float = 120.0
    prefetch_tabs_seconds: float | None = 1.0
    """None: tabs load on their first visit only."""
    prefetch_up_to_sessions: int = 300
    """Tabs are built ahead only while the process holds at most this many sessions."""
    max_anon_sessions_per_client: int = 30
    max_anon_sessions: int = 300
    max_sessions: int = 2000
    api_timeout: float = 6.0
    """Seconds one request may take (read timeout); a hung API then fails in about 20 s, not 31."""
    pseudo_locale: bool = False
    """Test-only: every session speaks the pseudo-locale (`STARBOARD_PSEUDO_LOCALE=1`)."""

    @property
    def uses_mock_backend(self) -> bool:
        return self.api_url is None

    @property
    def demo_tools(self) -> bool:
        """Whether to offer the mock backend's demo actions (they need `POST /v1/demo/purchases`)."""
        return self.uses_mock_backend or self.demo_tools_requested


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or from `env`, in tests)."""
    env = os.environ if env is None else env
    lan = env.get("STARBOARD_LAN", "").strip().lower() in _TRUE
    host = "0.0.0.0" if lan else (env.get("STARBOARD_HOST", "").strip() or "127.0.0.1")
    port_text = env.get("STARBOARD_PORT", "").strip()

    def number(name: str, default: int) -> int:
        text = env.get(name, "").strip()
        return int(text) if text else default

    def seconds(name: str, default: float) -> float:
        text = env.get(name, "").strip()
        return float(text) if text else default

    return Settings(
        api_url=env.get("STARBOARD_API_URL", "").strip() or None,
        host=host,
        port=int(port_text) if port_text else 8550,
        open_browser=env.get("STARBOARD_OPEN_BROWSER", "").strip().lower() in _TRUE,
        demo_tools_requested=env.get("STARBOARD_DEMO_TOOLS", "").strip().lower() in _TRUE,
        session_idle_seconds=number("STARBOARD_SESSION_IDLE_SECONDS", 300),
        keep_hidden_tabs_seconds=seconds("STARBOARD_KEEP_HIDDEN_TABS_SECONDS", 120.0),
        prefetch_tabs_seconds=None
        if env.get("STARBOARD_PREFETCH_TABS_SECONDS", "").strip().lower() == "off"
        else seconds("STARBOARD_PREFETCH_TABS_SECONDS", 1.0),
        prefetch_up_to_sessions=number("STARBOARD_PREFETCH_UP_TO_SESSIONS", 300),
        max_anon_sessions_per_client=number("STARBOARD_MAX_ANON_SESSIONS_PER_CLIENT", 30),
        max_anon_sessions=number("STARBOARD_MAX_ANON_SESSIONS", 300),
        max_sessions=number("STARBOARD_MAX_SESSIONS", 2000),
        api_timeout=seconds("STARBOARD_API_TIMEOUT", 6.0),
        pseudo_locale=env.get("STARBOARD_PSEUDO_LOCALE", "").strip().lower() in _TRUE,
    )
