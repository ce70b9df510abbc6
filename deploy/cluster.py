"""`python -m deploy.cluster --processes 3`: Starboard as N app processes behind nginx, on loopback.

Starts N `python -m app` processes on free loopback ports, all pointed at one loyalty API (`--api-url`; without
it, the mock backend is started too: the processes must share one, or a member signed in on one process would be
unknown on the next), then nginx in the foreground (Debian's /usr/sbin/nginx, `daemon off`) with the config made
from deploy/nginx.conf.template, its prefix, pid file and logs in a temporary folder. Ctrl-C (or SIGTERM) stops
everything. Tests and the crowd benchmark use the `Cluster` class directly.

See docs/deploy.md for the topology and how many processes to run per core.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = "/usr/sbin/nginx"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def nginx_config(prefix: Path, port: int, app_ports: list[int], host: str = HOST) -> str:
    """The template with its placeholders filled in."""
    upstreams = "\n".join(f"        server {HOST}:{p} max_fails=1 fail_timeout=10s;" for p in app_ports)
    text = TEMPLATE.read_text()
    for name, value in {"PREFIX": str(prefix), "HOST": host, "PORT": str(port), "UPSTREAMS": upstreams}.items():
        text = text.replace(f"@{name}@", value)
    return text


@dataclass
class Process:
    """One child process in its own process group, its output in a log file; `ready` once its URL answers."""

    name: str
    argv: list[str]
    port: int
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> Process:
        self._log = open(self.log_path, "ab")  # closed in stop()
        self.proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_ready(self, path: str = "/", timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise RuntimeError(f"{self.name} exited; see {self.log_path}:\n{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + path, timeout=2.0).status_code < 500:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer {self.url}{path} within {timeout:.0f} s:\n{self.log_tail()}")

    def signal(self, signum: int) -> None:
        """Signal the whole process group (the process and anything it spawned)."""
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signum)

    def signal_leader(self, signum: int) -> None:
        """Signal the process only, as a supervisor does for a rolling restart or the OOM killer for a crash."""
        if self.alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc is not None:
            self.signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.proc.wait(timeout=timeout)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # anything it spawned
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"


class Cluster:
    """N app processes and nginx in front; a context manager that stops them all on the way out."""

    def __init__(
        self, processes: int, api_url: str | None = None, port: int | None = None, log_prefix: str = "cluster"
    ) -> None:
        if not Path(NGINX).exists():
            raise RuntimeError(f"{NGINX} not found: install Debian's nginx (apt-get install -y nginx)")
        self.prefix = Path(tempfile.mkdtemp(prefix=f"starboard-{log_prefix}-"))
        self.prefix.chmod(0o755)  # nginx's workers run as another user when started as root
        self.port = port or free_port()
        self.api_url = api_url
        self.backend: Process | None = None
        self.apps = [self._app(i) for i in range(processes)]
        self.nginx = Process(
            "nginx",
            [
                NGINX,
                "-p",
                str(self.prefix),
                "-c",
                str(self.prefix / "nginx.conf"),
                "-e",
                str(self.prefix / "error.log"),
            ],
            self.port,
            self.prefix / "nginx.out.log",
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def _app(self, i: int) -> Process:
        port = free_port()
        env = {"STARBOARD_PORT": str(port), "STARBOARD_HOST": HOST, "STARBOARD_DEMO_TOOLS": "1"}
        process = Process(f"app-{i}", [sys.executable, "-m", "app"], port, self.prefix / f"app-{i}.log", env)
        return process

    def start(self) -> Cluster:
        try:
            if self.api_url is None:
                port = free_port()
                # The demo mock: its outbox for joining (--demo-tools); every visitor reaches it from this machine's
                # address through an app process, so the per-address limits on joining are raised.
                argv = [sys.executable, "-m", "app.mock_backend", "--host", HOST, "--port", str(port)]
                argv += ["--demo-tools", "--join-limit", "10000"]
                self.backend = Process("backend", argv, port, self.prefix / "backend.log").start()
                self.backend.wait_ready("/healthz")
                self.api_url = self.backend.url
            for app in self.apps:
                app.env["STARBOARD_API_URL"] = self.api_url
                app.start()
            for app in self.apps:
                app.wait_ready()
            (self.prefix / "nginx.conf").write_text(nginx_config(self.prefix, self.port, [a.port for a in self.apps]))
            self.nginx.start()
            self.nginx.wait_ready(timeout=15.0)
        except BaseException:
            self.stop()
            raise
        return self

    def restart(self, i: int) -> None:
        """Start app process `i` again on its port (after it was stopped or killed)."""
        app = self.apps[i]
        app.stop()
        app.start()
        app.wait_ready()

    def pids(self) -> list[int]:
        return [a.pid for a in self.apps if a.alive]

    def app_on_port(self, port: int) -> Process:
        return next(a for a in self.apps if a.port == port)

    def open_sockets(self) -> dict[int, int]:
        """Established TCP connections on each app port (from /proc/net/tcp): nginx keeps no idle connection to the
        processes, so these are the customers' WebSockets each process holds."""
        ports = {a.port: 0 for a in self.apps}
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            port = int(fields[1].rsplit(":", 1)[1], 16)
            if port in ports and fields[3] == "01":  # local port, state ESTABLISHED
                ports[port] += 1
        return ports

    def stop(self) -> None:
        self.nginx.stop()
        for app in self.apps:
            app.stop()
        if self.backend is not None:
            self.backend.stop()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if not any(exc):
            shutil.rmtree(self.prefix, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="app processes (default: cores)")
    parser.add_argument("--port", type=int, default=8550, help="nginx's port on 127.0.0.1 (default 8550)")
    parser.add_argument("--api-url", help="the loyalty API (default: start the mock backend)")
    args = parser.parse_args(argv)
    stop = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    with Cluster(args.processes, api_url=args.api_url, port=args.port) as cluster:
        print(f"Starboard on {cluster.url}: {len(cluster.apps)} app processes, logs in {cluster.prefix}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while not stop:
                time.sleep(0.5)


if __name__ == "__main__":
    main()
