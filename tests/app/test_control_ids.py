"""Each app process numbers its controls from a random start (app/control_ids.py), so a browser that reconnects to
another process after a crash gets the new session's controls afresh (tests/e2e/test_failover.py shows the effect)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import flet as ft
import pytest
from flet.controls.id_counter import ControlId

from app.control_ids import HIGHEST, LOWEST, start_control_ids_at_random


@pytest.fixture(autouse=True)
def keep_the_counter() -> Iterator[None]:
    counter = ControlId._counter
    yield
    ControlId._counter = counter


def test_two_processes_number_their_controls_from_different_points() -> None:
    first = start_control_ids_at_random(random.Random(1))
    ids_of_first = [ft.Text("a")._i, ft.Text("b")._i]
    second = start_control_ids_at_random(random.Random(2))
    ids_of_second = [ft.Text("a")._i, ft.Text("b")._i]
    assert ids_of_first == [first, first + 1] and ids_of_second == [second, second + 1]
    assert abs(first - second) > 1_000_000


def test_ids_stay_within_32_bits_above_the_fixed_ones() -> None:
    starts = [start_control_ids_at_random(random.Random(seed)) for seed in range(200)]
    assert all(3 < LOWEST <= s < HIGHEST < 2**32 for s in starts)
