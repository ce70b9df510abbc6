"""The app process tunes the cyclic garbage collector once at start (app/garbage_collection.py)."""

from __future__ import annotations

import gc
import subprocess
import sys

from app.garbage_collection import THRESHOLDS, tune_for_many_sessions


def test_tuning_freezes_what_start_up_loaded_and_sets_the_thresholds() -> None:
    before = gc.get_threshold()
    try:
        tune_for_many_sessions()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_serving_the_app_tunes_the_collector() -> None:
    """`serve()` calls it (checked in a child process, with the server itself stubbed out)."""
    code = (
        "import gc, uvicorn, app.__main__ as m\n"
        "m.asyncio.run = lambda coro: coro.close()\n"
        "m.serve()\n"
        "print(gc.get_threshold(), gc.get_freeze_count() > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == f"{THRESHOLDS} True"
