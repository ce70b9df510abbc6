"""`python -m benchmarks.profile tabs|navigation|activity`: where Starboard's Python time goes in one interaction.

Runs the same stack as the benchmark, repeats one interaction in headless Chromium while py-spy samples the app
process, then prints the functions that held the event loop the longest (inclusive samples) and writes the raw
stacks to test-artifacts/profile-<scenario>.txt (open it in https://www.speedscope.app or with
`py-spy`'s flamegraph tools). This is how the fixes in docs/performance.md were found.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from benchmarks import probe, scenarios
from benchmarks.stack import BULK_MEMBER, Stack, side_by_side
from tests.e2e.browsing import launch_options
from tests.support.servers import ARTIFACTS

Scenario = Callable[[Browser, Stack, int], Awaitable[None]]


async def _tabs(browser: Browser, stack: Stack, times: int) -> None:
    context = await scenarios.member_context(browser, stack, scenarios.MEMBER)
    page, meter, _ = await scenarios.open_page(context, stack.app.url + "/", "home")
    for _ in range(times):
        await probe.tap(page, scenarios.tab(page, "Rewards"), scenarios.REWARDS_LOADED)
        await meter.quiet(0.2)
        await probe.tap(page, scenarios.tab(page, "Home"), scenarios.HOME_LOADED)
        await meter.quiet(0.2)


async def _navigation(browser: Browser, stack: Stack, times: int) -> None:
    context = await scenarios.member_context(browser, stack, scenarios.MEMBER)
    for _ in range(times):
        page, meter, _ = await scenarios.open_page(context, stack.app.url + "/", "home")
        await meter.quiet(0.3)
        await page.close()


async def _activity(browser: Browser, stack: Stack, times: int) -> None:
    context = await scenarios.member_context(browser, stack, BULK_MEMBER)
    page, meter, _ = await scenarios.open_page(context, stack.app.url + "/activity", "activity")
    await meter.quiet(0.5)
    await page.mouse.move(195, 422)
    for _ in range(times * 10):
        await page.mouse.wheel(0, 422)
        await page.wait_for_timeout(50)


SCENARIOS: dict[str, Scenario] = {"tabs": _tabs, "navigation": _navigation, "activity": _activity}


def _label(frame: str) -> str:
    """`function (file.py:line)` from py-spy's `function (/path/to/file.py:line)`."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit('/', 1)[-1]}" if where else name


def summary(raw: Path, top: int = 40) -> str:
    """Inclusive samples per function on the event loop (below asyncio's own frames), busiest first; idle waiting
    is left out."""
    inclusive: collections.Counter[str] = collections.Counter()
    busy = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        loop = next((i for i, f in enumerate(frames) if f.startswith("Handle._run ")), None)
        if loop is None or loop == len(frames) - 1:
            continue
        busy += int(count)
        for label in dict.fromkeys(_label(f) for f in frames[loop + 1 :]):
            inclusive[label] += int(count)
    rows = [f"{n:>7} {100 * n / busy:5.1f}%  {label}" for label, n in inclusive.most_common(top)] if busy else []
    return "\n".join([f"busy samples on the event loop: {busy}", *rows])


async def run(name: str, times: int, rate: int) -> None:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    out = ARTIFACTS / f"profile-{name}.txt"
    ARTIFACTS.mkdir(exist_ok=True)
    with side_by_side() as stack:
        assert stack.app.proc is not None
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(**launch_options())
            spy = subprocess.Popen(
                [py_spy, "record", "--pid", str(stack.app.proc.pid), "--format", "raw", "--rate", str(rate),
                 "--output", str(out)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )  # fmt: skip
            await asyncio.sleep(1.0)
            try:
                await SCENARIOS[name](browser, stack, times)
            finally:
                spy.send_signal(2)  # SIGINT: py-spy writes what it has and exits
                _, err = spy.communicate(timeout=60)
                await browser.close()
    if not out.exists():
        raise SystemExit(f"py-spy wrote nothing: {err.decode(errors='replace').strip()}")
    print(summary(out))
    print(f"\nraw stacks: {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--times", type=int, default=10, help="how often to repeat the interaction")
    parser.add_argument("--rate", type=int, default=500, help="samples per second")
    args = parser.parse_args(argv)
    asyncio.run(run(args.scenario, args.times, args.rate))


if __name__ == "__main__":
    main()
