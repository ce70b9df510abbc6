"""Start and stop the mock backend and the Flet app as real processes on loopback ports.

Each server runs in its own process group (`start_new_session=True`) so that stopping it also stops anything it
spawned; its output goes to a log file under `test-artifacts/` so that a failed start can say why.
Shared by the browser journeys, the contract and reliability suites, `python -m tests.e2e.screenshots` and the
benchmarks.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
HOST = "127.0.0.1"
_WORKER = f"-{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else ""
"""`TEST_WORKERS=2 make test` runs the suites in two pytest-xdist workers at once: each one's servers log to files of
their own (a test reads its server's log, and two "backend" servers may run at the same time)."""


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One server process: `start()` returns once `ready_path` answers HTTP, `stop()` kills its process group."""

    name: str
    argv: Sequence[str]
    port: int
    ready_path: str = "/"
    env: Mapping[str, str] = field(default_factory=dict)
    start_timeout: float = 60.0
    log_dir: Path = ARTIFACTS
    proc: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None
    _held: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"{self.name}{_WORKER}.log"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> Server:
        if self.running:
            return self
        self._release_port()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # closed in stop()
        log.write(f"\n===== starting {self.name}: {' '.join(self.argv)} (port {self.port})\n".encode())
        log.flush()
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.proc = subprocess.Popen(
            list(self.argv), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._log = log
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with code {self.proc.returncode} before answering on {self.url}.\n"
                    f"--- last lines of {self.log_path}:\n{self.log_tail()}"
                )
            try:
                response = httpx.get(self.url + self.ready_path, timeout=2.0)
                if response.status_code < 500:
                    return
                last_error = f"HTTP {response.status_code}"
            except httpx.HTTPError as e:
                last_error = repr(e)
            time.sleep(0.1)
        raise RuntimeError(
            f"{self.name} did not answer {self.url}{self.ready_path} within {self.start_timeout:.0f}s "
            f"({last_error}).\n--- last lines of {self.log_path}:\n{self.log_tail()}"
        )

    def kill(self) -> None:
        """Kill the server at once (SIGKILL to its process group: no shutdown code runs), then clean up as `stop`."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.stop()

    def stop(self, *, hold_port: bool = False) -> None:
        """Stop the server (its whole process group).

        With `hold_port`, keep the port bound (not listening) until the next `start()`: clients get "connection
        refused", as from a server that is down, and no other process on the machine can take the port meanwhile
        (other test runs pick free ports too; one answering here would look like our server with its data lost).
        """
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc is not None:
            # The leader is gone; make sure nothing it spawned outlives it.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None
        self._wait_port_free()
        if hold_port:
            self._hold_port()
        else:
            self._release_port()

    def _hold_port(self) -> None:
        held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        held.bind((HOST, self.port))
        self._held = held

    def _release_port(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()

    def restart(self) -> Server:
        self.stop()
        return self.start()

    def _wait_port_free(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                if s.connect_ex((HOST, self.port)) != 0:
                    return
            time.sleep(0.05)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def backend_server(
    *extra: str,
    name: str = "backend",
    port: int | None = None,
    keep_state: bool = True,
    log_dir: Path = ARTIFACTS,
    start_timeout: float = 60.0,
) -> Server:
    """The mock loyalty API over real HTTP (`python -m app.mock_backend`), with `extra` arguments.

    With `keep_state`, a SQLite file (`--db`) makes a restart keep members, Stars and sessions, like a real API
    (every write is committed before it is answered, so even a kill keeps them).
    """
    port = port or free_port()
    state = ["--db", str(Path(tempfile.mkdtemp(prefix="starboard-backend-")) / "state.db")]
    return Server(
        name=name,
        argv=[
            sys.executable,
            "-m",
            "app.mock_backend",
            "--host",
            HOST,
            "--port",
            str(port),
            *(state if keep_state else []),
            # The demo outbox (the codes "emailed" to join), and room for every test's sign-ups and demo members:
            # here every client is 127.0.0.1. The program's own limits are tested in tests/reliability.
            "--demo-tools",
            "--join-limit",
            "1000",
            *extra,
        ],
        port=port,
        ready_path="/healthz",
        log_dir=log_dir,
        start_timeout=start_timeout,
    )


def app_server(
    api_url: str, port: int | None = None, *, name: str = "app", env: Mapping[str, str] | None = None
) -> Server:
    """The Starboard Flet web app (`python -m app`) pointed at `api_url`, with more settings in `env` (e.g.
    `STARBOARD_PSEUDO_LOCALE=1`)."""
    port = port or free_port()
    return Server(
        name=name,
        argv=[sys.executable, "-m", "app"],
        port=port,
        env={
            "STARBOARD_API_URL": api_url,
            "STARBOARD_PORT": str(port),
            "STARBOARD_HOST": HOST,
            "STARBOARD_DEMO_TOOLS": "1",  # the API is the mock backend served over HTTP
            **(env or {}),
        },
    )


def embedded_app_server(port: int | None = None) -> Server:
    """The app as `make run` starts it: no `STARBOARD_API_URL`, so the mock backend runs in-process (one world for
    every browser session of the process)."""
    port = port or free_port()
    return Server(
        name="embedded_app",
        argv=[sys.executable, "-m", "app"],
        port=port,
        env={"STARBOARD_API_URL": "", "STARBOARD_PORT": str(port), "STARBOARD_HOST": HOST},
    )


def bare_server(port: int | None = None) -> Server:
    """The bare Flet counter page (`python -m tests.e2e.bare_app`)."""
    port = port or free_port()
    return Server(
        name="bare_app",
        argv=[sys.executable, "-m", "tests.e2e.bare_app", "--host", HOST, "--port", str(port)],
        port=port,
    )


@contextlib.contextmanager
def running(*servers: Server) -> Iterator[tuple[Server, ...]]:
    """Start the servers in order and stop them all (in reverse) on the way out, also on errors."""
    started: list[Server] = []
    try:
        for server in servers:
            started.append(server.start())
        yield servers
    finally:
        for server in reversed(started):
            server.stop()


@contextlib.contextmanager
def starboard() -> Iterator[tuple[Server, Server]]:
    """The mock backend and the app pointed at it, both running for the duration of the block."""
    backend = backend_server()
    with running(backend):
        app = app_server(backend.url)
        with running(app):
            yield backend, app
