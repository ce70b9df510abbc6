"""`python -m benchmarks.run` (`make bench`): Starboard next to a bare Flet page, measured side by side.

Starts the bare counter page, the mock backend (over real HTTP, counting requests, one member bulk-seeded with
10,000 more ledger entries) and Starboard pointed at it; drives them in headless Chromium for `--runs` rounds,
each round taking the bare page's figures and then Starboard's (so both see the same machine load); then measures
the backend alone (gifts per second, 50 concurrent clients). Prints the table and writes it into
docs/performance.md with the machine it ran on.

Benchmarks print numbers; nothing here asserts a timing. A round that fails is reported (with a screenshot and the
accessibility tree in test-artifacts/) and the others still count.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, async_playwright

from benchmarks import scenarios
from benchmarks.backend_load import gifts_per_second, ring_of_members
from benchmarks.report import Machine, console, load_average, render, write
from benchmarks.scenarios import Samples
from benchmarks.stack import BULK_MEMBER, Stack, backend, side_by_side
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import launch_options
from tests.support.servers import ARTIFACTS, ROOT, running

DOC = ROOT / "docs" / "performance.md"
SCROLL_TO = 500


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of every browser measurement (default 5)")
    parser.add_argument("--taps", type=int, default=4, help="taps of each kind per round (default 4)")
    parser.add_argument("--scroll-runs", type=int, default=3, help="rounds that also scroll Activity (default 3)")
    parser.add_argument("--gift-seconds", type=float, default=6.0, help="time limit of one gifts-per-second round")
    parser.add_argument("--gift-budget", type=int, default=3000, help="gifts at most in one round")
    parser.add_argument(
        "--out", type=Path, default=DOC, help="the Markdown file to update (default docs/performance.md)"
    )
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument(
        "--wait-for-idle",
        type=float,
        default=0.0,
        metavar="LOAD",
        help="first wait (up to 15 min) until the 1-minute load average is below LOAD (e.g. 1.5)",
    )
    return parser.parse_args(argv)


def wait_for_idle(threshold: float, timeout: float = 15 * 60, every: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        print(f"waiting for a quieter machine: load {load_average()} (want < {threshold})", flush=True)
        time.sleep(every)


async def _save_failure(context: BrowserContext | None, label: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / ("bench-" + re.sub(r"[^\w.-]+", "_", label))
    if context is not None:
        for i, page in enumerate(context.pages):
            with contextlib.suppress(Exception):
                await page.screenshot(path=f"{stem}-{i}.png")
                tree = await page.locator("body").aria_snapshot(timeout=5_000)
                Path(f"{stem}-{i}.txt").write_text(f"url: {page.url}\n{tree}\n")
    return str(stem.relative_to(ROOT))


class Bench:
    def __init__(self, args: argparse.Namespace, browser: Browser, stack: Stack, api: BackendApi) -> None:
        self.args = args
        self.browser = browser
        self.stack = stack
        self.api = api
        self.samples = Samples()
        self.notes: list[str] = []

    async def attempt(self, label: str, context: BrowserContext | None, step: Awaitable[None]) -> bool:
        try:
            await step
            return True
        except Exception as exc:
            where = await _save_failure(context, label)
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.notes.append(f"{label} failed: {message} (screenshot and accessibility tree: `{where}-*`)")
            print(f"  {label} FAILED: {message}", flush=True)
            traceback.print_exc(limit=3)
            return False

    async def browser_rounds(self) -> None:
        bare = await scenarios.bare_context(self.browser, self.stack)
        member = await scenarios.member_context(self.browser, self.stack, scenarios.MEMBER)
        bulk = await scenarios.member_context(self.browser, self.stack, BULK_MEMBER)
        target = await scenarios.entry_pattern(self.api, SCROLL_TO - 1)
        await scenarios.warm_up(self.api)
        for n in range(1, self.args.runs + 1):
            started = time.monotonic()
            await self.attempt(
                f"round {n}: bare page", bare, scenarios.bare_run(bare, self.stack, self.samples, self.args.taps)
            )
            await self.attempt(
                f"round {n}: Starboard",
                member,
                scenarios.starboard_run(member, self.stack, self.api, self.samples, self.args.taps),
            )
            scroll = n <= self.args.scroll_runs
            await self.attempt(
                f"round {n}: Activity with 10,000 entries",
                bulk,
                scenarios.activity_run(bulk, self.stack, self.samples, target, scroll),
            )
            print(f"round {n}/{self.args.runs} done in {time.monotonic() - started:.0f} s", flush=True)
        for context in (bare, member, bulk):
            await context.close()


async def backend_rounds(args: argparse.Namespace, samples: Samples, rounds: int) -> None:
    """A fresh backend of its own, so that the gifts do not change what the browser rounds saw; then the same
    against a durable backend (`--db`, a fresh SQLite file) to show what committing every write costs."""
    with tempfile.TemporaryDirectory(prefix="starboard-bench-db-") as folder:
        for key, extra in (
            ("backend.gifts_per_s", ()),
            ("backend_db.gifts_per_s", ("--db", str(Path(folder) / "bench.db"))),
        ):
            with running(backend(*extra, name="bench-backend-load")) as (server,):
                members = await ring_of_members(server.url)
                for _ in range(rounds):
                    result = await gifts_per_second(server.url, members, args.gift_budget, args.gift_seconds)
                    samples.add(key, result.per_second)
                    print(
                        f"gifts{' (--db)' if extra else ''}: {result.gifts} in {result.seconds:.1f} s "
                        f"({result.per_second:.0f}/s), {result.refused} refused",
                        flush=True,
                    )


async def main_async(args: argparse.Namespace) -> int:
    load_before = load_average()
    started = time.monotonic()
    with side_by_side() as stack:
        async with async_playwright() as playwright, BackendApi(stack.backend.url) as api:
            browser = await playwright.chromium.launch(**launch_options())
            machine = Machine.describe(browser.version, load_before)
            bench = Bench(args, browser, stack, api)
            await bench.browser_rounds()
            await browser.close()
    samples, notes = bench.samples, bench.notes
    await backend_rounds(args, samples, rounds=min(args.runs, 3))
    machine = Machine(**{**machine.__dict__, "load_after": load_average()})
    settings = (
        f"{args.runs} rounds, {args.taps} taps of each kind per round, {args.scroll_runs} Activity scrolls; "
        f"viewport 390x844; whole run {time.monotonic() - started:.0f} s"
    )
    print()
    print(console(samples, machine))
    if notes:
        print("\n".join(["", "Notes:", *notes]))
    if not args.no_write:
        write(args.out, render(samples, machine, notes, settings))
        print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if notes else 0


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.wait_for_idle:
        wait_for_idle(args.wait_for_idle)
    sys.exit(asyncio.run(main_async(args)))


if __name__ == "__main__":
    main()
