"""What every test suite shares: stores built in this process hash passwords with the light test-only cost, and
the way `make test` splits the run between two pytest-xdist workers.

The suites sign in thousands of times; at the served cost (scrypt N=2^14, r=8, p=5) that alone would take minutes.
Servers started as subprocesses (`tests/support/servers.py`) hash with the served cost, as does a test that asks
for `SERVER_COST` explicitly.
"""

from collections import Counter
from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

from app.mock_backend.passwords import use_light_cost_for_tests

use_light_cost_for_tests()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Items that share a node id get one of their own: schemathesis makes one item per API operation, all under the
    test function's id (tests/reliability/test_schema_fuzz.py), and pytest-xdist, which tells items apart by their
    ids, would run only the first of them."""
    shared = {nodeid for nodeid, n in Counter(item.nodeid for item in items).items() if n > 1}
    for item in items:
        if item.nodeid in shared:
            _rename(item, f"{item.nodeid.rpartition('::')[0]}::{item.name}")


def _rename(item: pytest.Item, nodeid: str) -> None:
    if hasattr(item, "_id"):  # pytest 9 keeps the id structured (`_pytest.nodeid.NodeId`)
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(nodeid)
    else:
        item._nodeid = nodeid  # type: ignore[attr-defined]  # pytest 8


class _ByModule(LoadScopeScheduling):
    """`make test`'s split between two pytest-xdist workers (`-n 2 --dist loadscope`): the browser journeys
    (tests/e2e) all in one worker, one after the other, as in a single process: one Chromium at a time, so their
    timings keep the margin they have alone (two at once, on 2 cores, pushed the load average to 12 and a journey
    past its timeout); the whole reliability suite in one worker, whose complete green run writes the reliability
    report (tests/reliability/conftest.py); any other module at a time, so that its module fixtures (servers) start
    in one worker. The journeys go first, so they start at once in one worker while the other takes the rest,
    biggest groups first (xdist's `loadscopereorder`); a worker that is done takes what is left."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return next((group for group in (BROWSER, RELIABILITY) if module.startswith(group)), module)

    def _assign_work_unit(self, node: Any) -> None:
        if BROWSER in self.workqueue:  # the longest lane, whatever the number of tests in other groups
            self.workqueue.move_to_end(BROWSER, last=False)
        super()._assign_work_unit(node)


RELIABILITY = "tests/reliability/"
BROWSER = "tests/e2e/"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    return _ByModule(config, log) if config.getvalue("dist") == "loadscope" else None


STARTED_AGAIN_PROPERTY = "started again"
"""A browser journey started again after its renderer stopped answering or its web client stopped on a trap
(tests/e2e/conftest.py) says so in its report's `user_properties`: the report reaches this process from a
pytest-xdist worker, where this conftest lists it at the end of the run (the e2e conftest is loaded in the workers
only)."""
_STARTED_AGAIN: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _STARTED_AGAIN.extend(str(line) for key, line in report.user_properties if key == STARTED_AGAIN_PROPERTY)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _STARTED_AGAIN:
        terminalreporter.section("journeys started again after a Chromium renderer or web client stopped")
        for line in _STARTED_AGAIN:
            terminalreporter.write_line(line)
