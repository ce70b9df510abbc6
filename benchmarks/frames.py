"""`python -m benchmarks.frames`: how much work the browser's main thread does after a tab switch.

`make bench` times a tap to the frame that shows its result. What comes after that frame also counts on a phone: a
tap made meanwhile waits for it, and it costs battery. This opens Starboard as a signed-in member in headless
Chromium (the same stack and profile as `make bench`), switches tabs, and records a Chrome trace of the 1.2 s after
each tap. It prints, per kind of switch, the tap's time to the shown result (slower than in `make bench`: tracing
costs the page), the main thread's time in Flutter's frames (`FireAnimationFrame`), how many frames took longer
than 16 ms, and the longest one. It asserts nothing and writes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

from benchmarks import probe, scenarios
from benchmarks.report import load_average
from benchmarks.scenarios import GIFT_LOADED, HOME_LOADED, REWARDS_LOADED, SETTLE_SECONDS, tab
from benchmarks.stack import side_by_side
from tests.e2e.backend_api import BackendApi
from tests.e2e.browsing import launch_options

WINDOW_SECONDS = 1.2
SWITCHES = (
    ("Rewards", REWARDS_LOADED, "first visit"),
    ("Home", HOME_LOADED, "back to Home"),
    ("Friends", GIFT_LOADED, "first visit"),
    ("Home", HOME_LOADED, "back to Home"),
    ("Rewards", REWARDS_LOADED, "kept tab"),
    ("Home", HOME_LOADED, "back to Home"),
)


@dataclass
class Frames:
    busy_ms: float
    long_frames: int
    longest_ms: float


def frames_in(trace: Path) -> Frames:
    """The renderer main thread's animation frames in a Chrome trace."""
    data = json.loads(trace.read_text())
    events = data["traceEvents"] if isinstance(data, dict) else data
    threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    durations = [
        e["dur"] / 1000
        for e in events
        if e.get("ph") == "X" and e.get("name") == "FireAnimationFrame" and (e["pid"], e.get("tid")) in threads
    ]
    return Frames(sum(durations), sum(1 for d in durations if d > 16), max(durations, default=0.0))


async def one_round(browser: Browser, page: Page, folder: Path, found: dict[str, list[tuple[Frames, float]]]) -> None:
    for name, loaded, kind in SWITCHES:
        trace = folder / "trace.json"
        await browser.start_tracing(page=page, path=str(trace), categories=["devtools.timeline"])
        timing = await probe.tap(page, tab(page, name), loaded)
        await asyncio.sleep(WINDOW_SECONDS)
        await browser.stop_tracing()
        found[kind].append((frames_in(trace), timing.total))
        await asyncio.sleep(0.5)


async def main_async(rounds: int) -> None:
    found: dict[str, list[tuple[Frames, float]]] = defaultdict(list)
    before = load_average()
    with side_by_side() as stack, tempfile.TemporaryDirectory(prefix="starboard-frames-") as folder:
        async with async_playwright() as playwright, BackendApi(stack.backend.url) as api:
            browser = await playwright.chromium.launch(**launch_options())
            context = await scenarios.member_context(browser, stack, scenarios.MEMBER)
            await scenarios.warm_up(api)
            for n in range(1, rounds + 1):
                await scenarios._requests_settled(stack)
                page, meter, _ = await scenarios.open_page(context, stack.app.url + "/", "home")
                await scenarios._requests_settled(stack)  # the tabs built ahead are in
                await meter.quiet(SETTLE_SECONDS)
                await one_round(browser, page, Path(folder), found)
                await page.close()
                print(f"round {n}/{rounds} done", flush=True)
            await browser.close()
    print(f"\nLoad average before: {before}; after: {load_average()}. {WINDOW_SECONDS} s traced after each tap.\n")
    print(
        "| Switch | Taps | Tap to shown, median | Main thread in frames, median | Frames over 16 ms, median "
        "| Longest frame, median |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind, samples in found.items():
        busy = statistics.median(f.busy_ms for f, _ in samples)
        long = statistics.median(f.long_frames for f, _ in samples)
        longest = statistics.median(f.longest_ms for f, _ in samples)
        tap = statistics.median(total for _, total in samples)  # traced, so slower than `make bench`'s taps
        print(f"| {kind} | {len(samples)} | {tap:.0f} ms | {busy:.0f} ms | {long:.0f} | {longest:.0f} ms |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.frames", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="pages opened, each switching tabs 6 times")
    asyncio.run(main_async(parser.parse_args(argv).rounds))


if __name__ == "__main__":
    main()
