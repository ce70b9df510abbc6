"""The figures the reliability tests measure, collected during the run and written to `docs/reliability.md`.

Each test records what it actually tried (interleavings, requests, faults, inputs, endpoint x token pairs) with
`figures.record(...)`; the hook in `conftest.py` renders them when the whole reliability suite ran and passed,
so the document can only ever show numbers a green run produced.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTIONS = (
    "Ledger properties",
    "Concurrency over real HTTP",
    "Faults injected in the client's transport",
    "Hostile input",
    "Access",
    "Secrets",
    "Hostile clients",
    "Durability (kill -9)",
    "Hostile clients at the API",
)
"""The order of the sections in the document (a section nobody recorded into is left out)."""

INTRO = {
    "Ledger properties": (
        "Hypothesis `RuleBasedStateMachine` (`test_ledger_properties.py`): random interleavings of purchases, "
        "redemptions, gifts, reviews, new friendships, replayed and misused idempotency keys, and time passing "
        "(hours to a year, so batches expire) among members in four time zones. After every step the store is "
        "compared with an independent model of the batches: conservation, no negative balance, oldest batch "
        "spent first, one effect per key, tier from qualifying (purchase) Stars only."
    ),
    "Concurrency over real HTTP": (
        "`python -m app.mock_backend` on a free loopback port; gifts and redemptions fired at once from asyncio "
        "tasks in this process and from a second client process (`test_concurrency_http.py`). Afterwards every "
        "involved member's activity ledger and summary are read back over HTTP."
    ),
    "Faults injected in the client's transport": (
        "An httpx transport wrapper around the in-process ASGI transport (`test_transport_faults.py`) adds "
        "latency, timeouts, refused connections, 500/502/503 answers and answers lost after the server applied "
        "the request; the real mock backend is behind it, so 'exactly once' is checked on its ledger."
    ),
    "Hostile input": (
        "Schemathesis against the served OpenAPI document (in-process ASGI, with a valid bearer token) and a "
        "catalog of hostile values for every field of the app's forms (`test_schema_fuzz.py`, "
        "`test_hostile_input.py`)."
    ),
    "Access": (
        "The authorization matrix is enumerated from the app's own OpenAPI document, so a new endpoint is "
        "covered without editing the test (`test_access_matrix.py`)."
    ),
    "Secrets": (
        "A whole journey (sign in, summary, gift, redeem, refresh, sign out) with every logger at DEBUG, in "
        "process and over HTTP with uvicorn's access log captured (`test_secrets_in_logs.py`)."
    ),
    "Hostile clients": (
        "The app server (`python -m app`) as a real process on a loopback port, attacked by raw WebSockets that "
        "speak Flet's protocol (`flet_wire.py`) while a member uses headless Chromium "
        "(`test_hostile_clients.py`): a stolen session id, a flood of unauthenticated sessions from one address "
        "(the app under test admits 6 per address and 40 in all), other origins, malformed frames, property "
        "changes and events for control ids that do not exist (each costs a walk of the page, bounded per "
        "session), the pages' security headers."
    ),
    "Durability (kill -9)": (
        "`python -m app.mock_backend --db PATH` on a free loopback port; 200 gifts with Idempotency-Keys fired at "
        "once, SIGKILL to the backend after the 100th 201, restart from the same file (`test_durability.py`). "
        "Every acknowledged gift is read back and its key replayed; what was in flight is retried. The write "
        "cost is measured in process against the in-memory backend."
    ),
    "Hostile clients at the API": (
        "The mock backend in process (ASGI, a clock that moves only when told, several client addresses) and as a "
        "real process on a loopback port (`test_hostile_auth.py`, `test_hostile_text.py`, "
        "`test_hostile_contract.py`): password guessing and spraying, known against unknown emails timed "
        "interleaved, where the password hash runs with respect to the store's lock, a flood of wrong passwords "
        "beside a member's requests, hidden characters in every text field, and the OpenAPI document's required "
        "headers and `Allow` answers checked against what the server does."
    ),
}


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: int | float | str
    note: str = ""


@dataclass
class Figures:
    """A session-wide collector: tests record into it, the session-finish hook renders it."""

    items: list[Figure] = field(default_factory=list)
    durations: dict[str, float] = field(default_factory=dict)

    def record(self, section: str, name: str, value: int | float | str, note: str = "") -> None:
        """Record one measured figure; recording the same (section, name) again replaces it."""
        if section not in SECTIONS:
            raise ValueError(f"unknown section {section!r}; add it to SECTIONS")
        figure = Figure(section, name, value, note)
        for index, old in enumerate(self.items):
            if (old.section, old.name) == (section, name):
                self.items[index] = figure  # keeps its place in the document
                return
        self.items.append(figure)

    def add(self, section: str, name: str, value: int, note: str = "") -> None:
        """Add to a counted figure (several tests may contribute to one count)."""
        old = next((f for f in self.items if (f.section, f.name) == (section, name)), None)
        base = old.value if old is not None and isinstance(old.value, int) else 0
        self.record(section, name, base + value, note or (old.note if old else ""))

    def render(self, passed: int, seconds: float) -> str:
        lines = [
            "# Reliability and security: the measured figures",
            "",
            "<!-- Generated by tests/reliability/conftest.py at the end of a full, green run of",
            "     `pytest tests/reliability`. Do not edit by hand: run the suite to refresh it. -->",
            "",
            f"Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {passed} reliability tests passed in {seconds:.1f} s "
            f"on {os.cpu_count()} CPU cores, Python {platform.python_version()} ({sys.platform}).",
            "",
            "The invariants are those of `shared/design.md`: Stars are never created or lost by gifting (the sum "
            "over all members changes only by earn, redeem and expiry entries); no balance goes negative under "
            "any interleaving; one idempotency key, one effect; a member's token reads and changes that member's "
            "data only.",
        ]
        for section in SECTIONS:
            rows = [f for f in self.items if f.section == section]
            if not rows:
                continue
            lines += ["", f"## {section}", "", INTRO[section], "", "| figure | value | how |", "| --- | ---: | --- |"]
            for f in rows:
                lines.append(f"| {f.name} | {_fmt(f.value)} | {f.note} |")
        if self.durations:
            lines += ["", "## Time per test module", "", "| module | seconds |", "| --- | ---: |"]
            for module, secs in sorted(self.durations.items()):
                lines.append(f"| `{module}` | {secs:.1f} |")
        return "\n".join(lines) + "\n"


def _fmt(value: int | float | str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return value
