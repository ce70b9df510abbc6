"""A rolling restart needs the app process to leave promptly on SIGTERM: `exit_promptly_on_sigterm()`.

In Flet web mode `ft.run` serves with uvicorn, which handles SIGTERM itself: it stops listening (new sessions go to
another process, see deploy/), asks every WebSocket to close (code 1012, "service restart": the browsers reconnect
through the load balancer) and then waits, with no time limit, for every connection and task to finish
(`timeout_graceful_shutdown` is None and `ft.run` offers no way to set it). Its check of the exit flag runs on the
event loop that also serves every session, so a busy process noticed the signal late: measured here, 200 idle
signed-in sessions took 4.7 s to exit, and 3,600 more than 8 s (issue 13).

The fix wraps uvicorn's signal handler: on the first SIGTERM it bounds the graceful part (`GRACE_S`: whatever still
runs then is cancelled by uvicorn) and arms a watchdog thread that ends the process at `DEADLINE_S` whatever the
event loop is doing. Sessions live in memory only (the member's tokens are in the browser), so nothing is lost that
a graceful exit would have saved. Re-check on a uvicorn or Flet upgrade.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType

import uvicorn

GRACE_S = 2
"""Seconds (a whole number, as uvicorn wants) after which uvicorn cancels what is still running."""
DEADLINE_S = 4.0
"""The process is gone this long after SIGTERM, whatever happens (the target is 5 s)."""

log = logging.getLogger("starboard.shutdown")
_original_handle_exit = uvicorn.Server.handle_exit
_watchdog: threading.Timer | None = None


def _exit_now() -> None:
    log.warning("still running %.1f s after SIGTERM: exiting now", DEADLINE_S)
    logging.shutdown()
    os._exit(0)


def _handle_exit(self: uvicorn.Server, sig: int, frame: FrameType | None) -> None:
    global _watchdog
    if sig == signal.SIGTERM and _watchdog is None:
        self.config.timeout_graceful_shutdown = GRACE_S
        _watchdog = threading.Timer(DEADLINE_S, _exit_now)
        _watchdog.daemon = True
        _watchdog.start()
    _original_handle_exit(self, sig, frame)


def exit_promptly_on_sigterm() -> None:
    """Make SIGTERM end the web server within `DEADLINE_S` (idempotent; call before `ft.run`)."""
    uvicorn.Server.handle_exit = _handle_exit  # type: ignore[method-assign]
