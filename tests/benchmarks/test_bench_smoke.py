"""The benchmark's own parts that need no browser: the report keeps the hand-written parts of the page it updates,
and the gifts-per-second load really sends gifts (over HTTP, to a backend process of its own)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from benchmarks.backend_load import gifts_per_second, ring_of_members
from benchmarks.frames import Frames, frames_in
from benchmarks.report import BEGIN, END, Machine, render, write
from benchmarks.scenarios import Samples
from benchmarks.stack import backend
from tests.support.servers import running

MACHINE = Machine("Test CPU", 2, 4.0, "3.11", "1.0.5", "150", "2026-01-01", "0.10 / 0.10 / 0.10", "0.20 / 0.10 / 0.10")


def figures() -> Samples:
    samples = Samples()
    for value in (600.0, 640.0, 700.0):
        samples.add("bare.interactive_ms", value)
        samples.add("home.interactive_ms", value * 1.2)
    samples.add("home.first_bytes", 70 * 1024)
    return samples


def test_the_table_compares_with_the_bare_page_and_says_which_targets_are_missed() -> None:
    text = render(figures(), MACHINE, ["round 2: Starboard failed: boom"], "3 rounds")
    home = next(line for line in text.splitlines() if line.startswith("| Navigation to interactive"))
    assert "| 640 ms | 768 ms | 1.20x | ≤ 1.3x bare | yes |" in home
    first_render = next(line for line in text.splitlines() if line.startswith("| WebSocket bytes: first render"))
    assert "70.0 KB" in first_render and "**no**" in first_render
    assert "Test CPU, 2 cores" in text and "round 2: Starboard failed: boom" in text


def test_writing_replaces_only_the_generated_part(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    write(page, render(figures(), MACHINE, [], "first"))
    page.write_text("# Performance\n\nHand-written intro.\n\n" + page.read_text().split("## Latest run\n\n", 1)[1]
                    + "\n## Fixes\n\nHand-written fixes.\n")  # fmt: skip
    write(page, render(figures(), MACHINE, [], "second"))
    text = page.read_text()
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert "Hand-written intro." in text and "Hand-written fixes." in text
    assert "Settings: second." in text and "Settings: first." not in text


async def test_gifts_per_second_sends_real_gifts_between_friends() -> None:
    with running(backend(name="bench-smoke-backend")) as (server,):
        members = await ring_of_members(server.url, clients=4)
        result = await gifts_per_second(server.url, members, budget=20, seconds=10.0)
    assert result.gifts == 20 and result.refused == 0 and result.per_second > 0


async def test_gifts_per_second_against_a_durable_backend(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    with running(backend("--db", str(db), name="bench-smoke-backend-db")) as (server,):
        members = await ring_of_members(server.url, clients=4)
        result = await gifts_per_second(server.url, members, budget=20, seconds=10.0)
    assert result.gifts == 20 and result.refused == 0
    with sqlite3.connect(db) as connection:
        gifts = connection.execute("SELECT count(*) FROM docs WHERE kind = 'gift'").fetchone()[0]
    assert gifts >= 20, "every acknowledged gift is in the file"


def test_the_frames_counted_are_the_renderer_main_threads_animation_frames(tmp_path: Path) -> None:
    trace = tmp_path / "trace.json"
    meta = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 10, "args": {"name": "CrRendererMain"}},
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 11, "args": {"name": "Compositor"}},
    ]
    events = [
        {"ph": "X", "name": "FireAnimationFrame", "pid": 1, "tid": 10, "ts": 0, "dur": 40_000},
        {"ph": "X", "name": "FireAnimationFrame", "pid": 1, "tid": 10, "ts": 50_000, "dur": 5_000},
        {"ph": "X", "name": "FireAnimationFrame", "pid": 1, "tid": 11, "ts": 0, "dur": 90_000},  # another thread
        {"ph": "X", "name": "RunTask", "pid": 1, "tid": 10, "ts": 0, "dur": 70_000},  # not a frame
    ]
    trace.write_text(json.dumps({"traceEvents": meta + events}))

    assert frames_in(trace) == Frames(busy_ms=45.0, long_frames=1, longest_ms=40.0)
