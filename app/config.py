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
    api_timeout: float = 6.0
    """Seconds one request may take (read timeout); a hung API then fails in about 20 s, not 31."""

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
    timeout_text = env.get("STARBOARD_API_TIMEOUT", "").strip()
    return Settings(
        api_url=env.get("STARBOARD_API_URL", "").strip() or None,
        host=host,
        port=int(port_text) if port_text else 8550,
        open_browser=env.get("STARBOARD_OPEN_BROWSER", "").strip().lower() in _TRUE,
        demo_tools_requested=env.get("STARBOARD_DEMO_TOOLS", "").strip().lower() in _TRUE,
        api_timeout=float(timeout_text) if timeout_text else 6.0,
    )
