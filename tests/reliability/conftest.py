"""Shared fixtures of the reliability suite, and the hook that writes the reliability report from its figures.

The report is written only after a *complete* and *green* run of this folder (every `test_*.py` module
collected, nothing deselected, every test passed), so it never shows figures of a partial or failing run.
A test run writes it to `test-artifacts/reliability.md` (ignored by git: tests never rewrite tracked files);
`make reliability-report` sets `STARBOARD_RELIABILITY_REPORT=docs/reliability.md` to update the committed one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.mock_backend import FrozenClock, Store, build_demo_store
from tests.reliability.figures import Figures
from tests.support.clocks import frozen_clock
from tests.support.servers import backend_server, running

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOC = ROOT / os.environ.get("STARBOARD_RELIABILITY_REPORT", "test-artifacts/reliability.md")


@dataclass
class _Run:
    """What this pytest session did with the reliability tests."""

    figures: Figures = field(default_factory=Figures)
    collected: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    deselected: int = 0
    passed: set[str] = field(default_factory=set)
    passed_count: int = 0
    """Passed test runs; schemathesis runs one per API operation under a single node id."""
    failed: set[str] = field(default_factory=set)
    seconds: float = 0.0
    message: str = ""


RUN_KEY = pytest.StashKey[_Run]()
_CURRENT: dict[str, _Run] = {}


def _ours(nodeid: str) -> bool:
    return nodeid.replace("\\", "/").startswith("tests/reliability/")


def _run(config: pytest.Config) -> _Run:
    run = config.stash.get(RUN_KEY, None)
    if run is None:
        run = config.stash[RUN_KEY] = _Run()
    return run


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run = _CURRENT["run"] = _run(config)
    for item in items:
        if _ours(item.nodeid):
            run.collected.add(item.nodeid)
            run.modules.add(item.nodeid.split("::")[0].rsplit("/", 1)[-1])


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items and any(_ours(i.nodeid) for i in items):
        _run(items[0].config).deselected += 1


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not _ours(report.nodeid):
        return
    # A report carries no config: reach this session's record through the pointer set at collection.
    run = _CURRENT.get("run")
    if run is None:
        return
    run.seconds += report.duration
    module = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    run.figures.durations[module] = run.figures.durations.get(module, 0.0) + report.duration
    if report.failed:
        run.failed.add(report.nodeid)
    elif report.when == "call" and report.passed:
        run.passed.add(report.nodeid)
        run.passed_count += 1
    elif report.skipped:
        run.failed.add(report.nodeid)  # a skipped reliability test means the figures are incomplete


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    run = _CURRENT.get("run") or _run(session.config)
    expected = {p.name for p in HERE.glob("test_*.py")}
    complete = (
        run.collected
        and run.modules == expected
        and not run.deselected
        and not run.failed
        and run.passed == run.collected
    )
    if complete:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(run.figures.render(run.passed_count, run.seconds), encoding="utf-8")
        run.message = f"reliability figures written to {DOC.relative_to(ROOT)}"
    elif run.collected:
        run.message = f"{DOC.relative_to(ROOT)} left as it was (partial or failing reliability run)"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    run = _CURRENT.pop("run", None)
    if run is not None and run.message:
        terminalreporter.write_line(run.message)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    """The session's figure collector (see `figures.py`)."""
    return _run(request.config).figures


@pytest.fixture
def clock() -> FrozenClock:
    return frozen_clock()


@pytest.fixture
def store(clock: FrozenClock) -> Store:
    return build_demo_store(clock=clock)


@dataclass(frozen=True)
class ServedBackend:
    """`python -m app.mock_backend` in a subprocess on loopback; its stdout and stderr go to `log_path`."""

    url: str
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def served_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedBackend]:
    server = backend_server(name="uvicorn", keep_state=False, log_dir=tmp_path_factory.mktemp("backend"))
    with running(server):
        yield ServedBackend(server.url, server.log_path)
