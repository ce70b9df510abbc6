"""`python -m benchmarks.crowd` (`make crowd`): a crowd of simulated customers on the app, on the wire.

N customers speak Flet's WebSocket protocol directly (tests/support/flet_wire.py), not N browsers. Each signs in as
a member of its own (made over the API first), and the run goes in phases:

1. arrive: the customers open the app and sign in, spread over `--ramp` seconds;
2. settle: `--settle` seconds, then until the app is quiet (below 10% of a core for two seconds; `--settle-max`):
   the sessions build their other tabs ahead once the process has time, one at a time (app/views/shell.py);
   idle: everyone stays on Home for `--idle` seconds (CPU, memory and API requests of
   idle signed-in sessions; the open apps' event streams stay open at the API);
   then `--gift-samples` customers each give a Star to their neighbour, and the time from "Send gift" to the
   neighbour's open app showing it is measured on the neighbour's wire (push, with everyone else signed in);
3. active: for `--duration` seconds each customer switches tabs, and now and then redeems or gifts, with a think
   time of `--think` seconds (uniform) before every step;
4. every customer visits all five tabs, 50 at a time (memory of sessions that have seen every screen), stays idle
   until the tabs it left are released (`--keep-hidden-tabs`, the app's `STARBOARD_KEEP_HIDDEN_TABS_SECONDS`; memory
   again), then leaves. With `--walk-waves N` the customers walk in N groups, each once the group before is idle and
   released: customers who come and go over time rather than all at once.

An interaction is timed on the wire: from the event sent to the last frame received before a quiet period of
0.25 s once its expected text has arrived (`flet_wire.QUIET_S`); every interaction must bring its expected text.
The mock backend counts the API requests; CPU and memory are read from /proc for the app process(es). The table
goes into docs/capacity.md (only when this command runs; `--no-write` prints it only).

With `--processes N` the app runs as N processes behind nginx (deploy/cluster.py) and the figures add up over them
(`--processes 1,2` runs every crowd size on one process, then on two).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.config import Settings
from benchmarks.crowd_customer import Customer, Member, make_members
from benchmarks.crowd_report import PhaseFigures, RunFigures, render, write
from benchmarks.report import Machine, load_average
from benchmarks.stack import rss_mb
from deploy.cluster import Cluster
from tests.support.servers import ROOT, Server, backend_server, running

DOC = ROOT / "docs" / "capacity.md"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WALK_AT_ONCE = 50
"""Customers walking through every tab at the same time, at the end of a run (for the memory figure)."""


RELEASE_MARGIN_S = 5.0
"""Seconds after `--keep-hidden-tabs` before the memory of idle sessions that left every tab is read (plus one per 200
customers): the releases' patches are on the wire by then."""


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time used so far by the processes, in seconds (/proc/PID/stat fields 14 and 15)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


QUIET_CPU_PERCENT = 10.0
"""The app process(es) count as quiet, done with what arriving brought, below this share of one core over a second."""


async def app_quiet(pids: Sequence[int], at_most: float) -> None:
    """Wait until the app processes have used less than `QUIET_CPU_PERCENT` of a core over a second, twice in a
    row (for `at_most` seconds at most). Every session builds its other tabs ahead once the process has time
    (app/views/shell.py), one session at a time: a crowd that arrived together is served for a while after the last
    arrival, and that is part of arriving, not what an idle customer costs."""
    until = time.perf_counter() + max(at_most, 0.0)
    quiet = 0
    while quiet < 2 and time.perf_counter() < until:
        before, started = cpu_seconds(pids), time.perf_counter()
        await asyncio.sleep(1.0)
        used = 100 * (cpu_seconds(pids) - before) / (time.perf_counter() - started)
        quiet = quiet + 1 if used < QUIET_CPU_PERCENT else 0


@dataclass
class Probe:
    """What the app processes and the backend have used between two moments."""

    pids: Sequence[int]
    api_url: str
    started: float = 0.0
    cpu: float = 0.0
    requests: int = 0
    own_cpu: float = 0.0
    """The simulator's own CPU time at `start` (`time.process_time()`)."""

    def requests_now(self) -> int:
        counts = httpx.get(self.api_url + "/_counts", timeout=10.0).json()
        return sum(n for name, n in counts.items() if not name.startswith("GET /_counts"))

    def start(self) -> Probe:
        self.started, self.cpu, self.requests = time.perf_counter(), cpu_seconds(self.pids), self.requests_now()
        self.own_cpu = time.process_time()
        return self

    def stop(self, customers: int) -> PhaseFigures:
        seconds = time.perf_counter() - self.started
        return PhaseFigures(
            seconds=seconds,
            cpu_percent=100 * (cpu_seconds(self.pids) - self.cpu) / seconds,
            requests_per_minute=(self.requests_now() - self.requests) * 60 / seconds,
            customers=customers,
            simulator_cpu_percent=100 * (time.process_time() - self.own_cpu) / seconds,
        )

    def rss_mb(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)


@dataclass
class Crowd:
    app_url: str
    members: list[Member]
    think: tuple[float, float]
    seed: int
    customers: list[Customer] = field(default_factory=list)

    async def arrive(self, ramp: float) -> None:
        rng = random.Random(self.seed)
        self.customers = [Customer(m, self.app_url, self.think, random.Random(rng.random())) for m in self.members]

        async def one(i: int, customer: Customer) -> None:
            await asyncio.sleep(ramp * i / max(len(self.customers), 1))
            await customer.arrive()

        await asyncio.gather(*(one(i, c) for i, c in enumerate(self.customers)))

    async def browse(self, seconds: float) -> None:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(c.browse(until) for c in self.customers))

    async def gifts_seen(self, samples: int) -> list[float]:
        """Gift-to-recipient times (ms): customers 0, 2, 4, ... each give a Star to the next one (who gives none),
        a little apart, while everyone else stays signed in."""
        pairs = [
            (self.customers[i], self.customers[i + 1])
            for i in range(0, len(self.customers) - 1, 2)
            if self.customers[i].wire.connected and self.customers[i + 1].wire.connected
        ][:samples]

        async def one(i: int, sender: Customer, recipient: Customer) -> float | None:
            await asyncio.sleep(0.3 * i)
            return await sender.gift_seen_by(recipient)

        seen = await asyncio.gather(*(one(i, s, r) for i, (s, r) in enumerate(pairs)))
        return [t * 1000 for t in seen if t is not None]

    async def visit_every_tab(self, waves: int = 1, release_wait: float = 0.0) -> None:
        """Every customer through every tab, `WALK_AT_ONCE` at a time (all 1,000 at once overran the simulator: 3,082
        timeouts, so not every session had rendered every tab when the memory was read). With `waves` > 1 the
        customers walk in that many groups, each after the one before has been idle for `release_wait` seconds."""
        gate = asyncio.Semaphore(WALK_AT_ONCE)

        async def walk(customer: Customer) -> None:
            async with gate:
                await customer.visit_every_tab()

        size = -(-len(self.customers) // waves)
        for start in range(0, len(self.customers), size):
            if start:
                await asyncio.sleep(release_wait)
            await asyncio.gather(*(walk(c) for c in self.customers[start : start + size] if c.wire.connected))

    async def leave(self) -> None:
        await asyncio.gather(*(c.leave() for c in self.customers), return_exceptions=True)


async def warm_up(app_url: str, member: Member) -> None:
    """One customer through every screen first, so the baseline memory already holds what every session shares."""
    customer = Customer(member, app_url)
    if await customer.arrive():
        await customer.visit_every_tab()
    await customer.leave()


async def run_crowd(
    app_url: str, api_url: str, pids: Sequence[int], customers: int, args: argparse.Namespace
) -> RunFigures:
    members = await make_members(api_url, customers + 1)
    await warm_up(app_url, members[-1])
    probe = Probe(pids, api_url)
    baseline = probe.rss_mb()
    crowd = Crowd(app_url, members[:-1], (args.think_min, args.think_max), args.seed)
    arriving = probe.start()
    await crowd.arrive(args.ramp)
    figures = RunFigures(customers=customers, processes=len(pids), baseline_mb=baseline)
    figures.arrive = arriving.stop(customers)
    figures.signed_in_mb = probe.rss_mb()
    settling = probe.start()
    await asyncio.sleep(args.settle)  # the last arrivals' first loads and streams are not idle cost
    await app_quiet(pids, args.settle_max - args.settle)  # nor is building their other tabs ahead
    figures.settle = settling.stop(customers)
    idle = probe.start()
    await asyncio.sleep(args.idle)
    figures.idle = idle.stop(customers)
    figures.gift_latency_ms = await crowd.gifts_seen(args.gift_samples)
    active = probe.start()
    active_from = [len(c.interactions) for c in crowd.customers]
    await crowd.browse(args.duration if customers <= args.active_up_to else 0.0)
    figures.active = active.stop(customers)
    walk_from = [len(c.interactions) for c in crowd.customers]
    phase = zip(crowd.customers, active_from, walk_from, strict=True)
    figures.active_phase = [i for c, a, w in phase for i in c.interactions[a:w]]
    figures.active_interactions = len(figures.active_phase)
    # Everyone stays idle where the walk ended (Home): the tabs they left are released after `--keep-hidden-tabs`.
    release_wait = args.keep_hidden_tabs + RELEASE_MARGIN_S + customers / 200
    await crowd.visit_every_tab(args.walk_waves, release_wait)
    figures.all_tabs_mb = probe.rss_mb()
    await asyncio.sleep(release_wait)
    figures.released_mb = probe.rss_mb()
    await crowd.leave()
    figures.interactions = [i for c, w in zip(crowd.customers, walk_from, strict=True) for i in c.interactions[:w]]
    figures.walk = [i for c, w in zip(crowd.customers, walk_from, strict=True) for i in c.interactions[w:]]
    return figures


def session_caps(customers: int) -> dict[str, str]:
    """The app server's session caps raised for a crowd that arrives from one address (app/config.py)."""
    return {
        "STARBOARD_MAX_ANON_SESSIONS_PER_CLIENT": str(customers + 50),
        "STARBOARD_MAX_ANON_SESSIONS": str(customers + 50),
        "STARBOARD_MAX_SESSIONS": str(max(2000, 2 * customers + 100)),
    }


@contextlib.contextmanager
def single_process(
    api_url: str, customers: int = 0, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, list[int]]]:
    from benchmarks.stack import starboard

    app = starboard(api_url)
    app.name = "crowd-app"
    app.env = {**app.env, **session_caps(customers), **(env or {})}
    with running(app):
        assert app.proc is not None
        yield app.url, [app.proc.pid]


@contextlib.contextmanager
def app_processes(
    api_url: str, processes: int, customers: int, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, list[int]]]:
    if processes <= 1:
        with single_process(api_url, customers, env) as got:
            yield got
        return
    app_env = {**session_caps(customers), **(env or {})}
    with Cluster(processes, api_url=api_url, log_prefix="crowd", app_env=app_env) as cluster:
        yield cluster.url, cluster.pids()


def crowd_backend() -> Server:
    """The loyalty API for a crowd: the mock backend counting requests, hashing passwords lightly. With the served
    scrypt cost its own hashing (one hash at a time on this 2-core machine) was what saturated first: 200 customers
    arriving over 20 s kept it at 100% of a core and 143 of them could not sign in within 30 s. A real loyalty API
    hashes on its own machines; the crowd measures the app."""
    return backend_server(
        "--count-requests",
        "--light-password-hashing",
        *("--join-limit", "20000"),  # a crowd of 1,000 makes its 1,001 members from one address (127.0.0.1)
        name="crowd-backend",
        keep_state=False,
        start_timeout=120.0,
    )


async def main_async(args: argparse.Namespace) -> int:
    load_before = load_average()
    runs: list[RunFigures] = []
    for processes, size in [(p, n) for p in args.processes for n in args.customers]:
        app_env = {"STARBOARD_KEEP_HIDDEN_TABS_SECONDS": f"{args.keep_hidden_tabs:g}"}
        with running(crowd_backend()) as (api,), app_processes(api.url, processes, size, app_env) as (url, pids):
            print(f"{size} customers on {len(pids)} process(es) at {url} ...", flush=True)
            figures = await run_crowd(url, api.url, pids, size, args)
        runs.append(figures)
        print(figures.summary(), flush=True)
    machine = Machine.describe("(no browser)", load_before)
    machine = Machine(**{**machine.__dict__, "load_after": load_average()})
    settings = (
        f"ramp {args.ramp:.0f} s, settle {args.settle:.0f} s then until quiet (at most {args.settle_max:.0f} s), "
        f"idle {args.idle:.0f} s, "
        f"{args.gift_samples} gifts timed, active {args.duration:.0f} s, "
        f"think time {args.think_min:g}-{args.think_max:g} s, seed {args.seed}, "
        f"left tabs kept {args.keep_hidden_tabs:g} s, final walk in {args.walk_waves} group(s)"
    )
    text = render(runs, machine, settings)
    print()
    print(text)
    if not args.no_write:
        write(args.out, text)
        print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    failed = sum(len(r.failures) for r in runs)
    return 1 if failed else 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crowd", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--customers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[50, 100, 200],
        help="crowd sizes, one run each (default 50,100,200)",
    )
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1],
        help="app processes, one run of every crowd size each (more than 1: behind nginx; default 1)",
    )
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which the customers arrive")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after arriving before the idle phase")
    parser.add_argument(
        "--settle-max",
        type=float,
        default=120.0,
        help="then until the app is quiet (every session's tabs built ahead), up to this many seconds after arriving",
    )
    parser.add_argument("--idle", type=float, default=20.0, help="seconds everyone stays on Home")
    parser.add_argument(
        "--gift-samples", type=int, default=20, help="gifts timed from sender to the recipient's open app"
    )
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of active browsing")
    parser.add_argument(
        "--active-up-to",
        type=int,
        default=10_000,
        help="bigger crowds skip the active phase (they measure idle cost, memory and gift times only)",
    )
    parser.add_argument(
        "--keep-hidden-tabs",
        type=float,
        default=Settings.keep_hidden_tabs_seconds,
        help="seconds a tab the customer left stays built in the app (STARBOARD_KEEP_HIDDEN_TABS_SECONDS; default "
        "the app's, %(default)g); the memory of sessions that left every tab is read after it",
    )
    parser.add_argument(
        "--walk-waves",
        type=int,
        default=1,
        help="the final walk through every tab in this many groups, each after the one before has been idle until "
        "its left tabs were released (default 1: everyone, 50 at a time)",
    )
    parser.add_argument("--think-min", type=float, default=2.0)
    parser.add_argument("--think-max", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=DOC, help="the Markdown file to update (default docs/capacity.md)")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    sys.exit(asyncio.run(main_async(parse_args(argv))))


if __name__ == "__main__":
    main()
