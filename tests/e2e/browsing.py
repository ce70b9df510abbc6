"""Where Chromium is and how to launch it offline (Playwright's own browser download does not work here)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from playwright.async_api import ViewportSize

CHROMIUM_DEFAULT = "/usr/bin/chromium"
INSTALL_COMMAND = "sudo apt-get install -y chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 390, "height": 844}


def find_chromium() -> str | None:
    """The Chromium executable: /usr/bin/chromium, else `chromium` on PATH, else None."""
    if Path(CHROMIUM_DEFAULT).is_file():
        return CHROMIUM_DEFAULT
    return shutil.which("chromium")


def missing_browser_message() -> str:
    bar = "!" * 78
    return (
        f"\n{bar}\n"
        "!!  Chromium NOT FOUND: the real-browser journeys (tests/e2e) need Chromium.\n"
        "!!  Looked for /usr/bin/chromium and `chromium` on PATH.\n"
        "!!  Install it with:\n"
        f"!!\n!!      {INSTALL_COMMAND}\n!!\n"
        "!!  (Playwright's own browser download cannot work offline; do not use `playwright install`.)\n"
        f"{bar}\n"
    )


def launch_options() -> dict[str, Any]:
    executable = find_chromium()
    if executable is None:
        raise RuntimeError(missing_browser_message())
    return {"executable_path": executable, "args": LAUNCH_ARGS, "headless": True}


def is_trap(error: object) -> bool:
    """A page error that is a WebAssembly.RuntimeError: Flutter's web client stopped on a trap, and the page reloads
    itself (assets/pwa/recover.js), without the semantics tree a test had enabled."""
    return getattr(error, "name", None) == "RuntimeError"
