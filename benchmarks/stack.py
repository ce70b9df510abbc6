"""The processes under test: the bare counter page, the mock backend (counting requests, one member with a long
history) and Starboard pointed at it over real HTTP. Reuses the e2e harness's `Server` (own process group, log
under test-artifacts/, killed on the way out); the logs are named `bench-*` so that they do not mix with a test
run going on at the same time.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.servers import HOST, Server, backend_server, free_port, running

BULK_MEMBER = "linus@example.com"
BULK_ENTRIES = 10_000
BACKGROUND_PATHS = frozenset({"GET /v1/me/events", "GET /v1/me/events/stream"})
"""The live updates (the event stream; a catch-up read of the events at sign-in): background requests, not part of
a screen visit."""


def backend(*extra: str, name: str = "bench-backend") -> Server:
    return backend_server(*extra, name=name, keep_state=False, start_timeout=120.0)


def starboard(api_url: str) -> Server:
    port = free_port()
    return Server(
        name="bench-app",
        argv=[sys.executable, "-m", "app"],
        port=port,
        env={"STARBOARD_API_URL": api_url, "STARBOARD_PORT": str(port), "STARBOARD_HOST": HOST},
    )


def bare() -> Server:
    port = free_port()
    return Server(
        name="bench-bare",
        argv=[sys.executable, "-m", "tests.e2e.bare_app", "--host", HOST, "--port", str(port)],
        port=port,
    )


@dataclass
class Stack:
    bare: Server
    backend: Server
    app: Server

    def app_rss_mb(self) -> float:
        """The Starboard process's resident memory (VmRSS), in MB."""
        assert self.app.proc is not None
        return rss_mb(self.app.proc.pid)

    def request_counts(self) -> dict[str, int]:
        """Requests the backend received so far, per `METHOD /path`."""
        response = httpx.get(self.backend.url + "/_counts", timeout=5.0)
        response.raise_for_status()
        return dict(response.json())


@contextlib.contextmanager
def side_by_side() -> Iterator[Stack]:
    """The bare page, and Starboard on a counting backend whose `BULK_MEMBER` has `BULK_ENTRIES` more entries."""
    api = backend("--count-requests", "--bulk-history", f"{BULK_MEMBER}:{BULK_ENTRIES}")
    with running(bare(), api) as (bare_page, _):
        app = starboard(api.url)
        with running(app):
            yield Stack(bare_page, api, app)


def rss_mb(pid: int) -> float:
    for status_line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if status_line.startswith("VmRSS:"):
            return int(status_line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def screen_requests(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Requests between two counts, without the live updates' background requests."""
    return {
        name: after[name] - before.get(name, 0)
        for name in after
        if after[name] > before.get(name, 0) and name not in BACKGROUND_PATHS
    }
