"""Python's cyclic garbage collector, tuned for one process that holds many customers' sessions.

Every render builds a tree of Flet controls whose parents and children point at each other: cycles, which only the
cyclic collector frees. With Python's default thresholds (700, 10, 10) the young generation is collected every 700
allocations, while a render's trees are still in use: they are promoted, die old, and only a full collection frees
them. A full collection walks every object of every session and stops the event loop that serves them all. The crowd
simulator (`python -m benchmarks.crowd --customers 100`, 3 minutes) measured 23 full collections of about 600 ms each
(14 s in all, and every tap waiting behind each one) with the defaults; with these thresholds none, and 2.4 s of
collecting in all (docs/capacity.md).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 10)
"""Collect the young generation every 50,000 allocations (a render's trees are garbage by then) and the middle one
every 20 of those; the oldest after 10 of the middle ones (Python also waits until a quarter of it is new)."""


def tune_for_many_sessions() -> None:
    """Once, after start-up: what is loaded by then (modules, classes, settings) lives as long as the process, so no
    collection walks it again (`gc.freeze`); then the thresholds above."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
