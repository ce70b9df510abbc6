"""Control ids that differ from one app process to the next: `start_control_ids_at_random()`.

Flet numbers the controls of every session from one counter per process, starting at 3
(`flet/controls/id_counter.py`). Two fresh processes therefore give their first sessions the same ids. When a
process dies and the browser reconnects, through the load balancer, to another process, the new session's page
(with the same ids) is merged into the tree the browser still holds: the browser keeps its old controls, and the
new session's services (client storage among them) never get a listener. Measured with Flet 1.0.5's web client:
every call to `SharedPreferences.get` then timed out after 10 s ("Timeout waiting for invoke method listener for
SharedPreferences(9).get") and the customer, whose tokens were in client storage, was sent to sign in.

Starting each process's counter at a random point makes ids of two processes practically never meet, so a
reconnecting browser builds the new session's controls (and services) afresh. Ids stay below 2**32 (the web
client decodes them from msgpack as 32-bit integers at most). Re-check on a Flet upgrade.
"""

from __future__ import annotations

import itertools
import random

from flet.controls.id_counter import ControlId

LOWEST = 1 << 20
HIGHEST = (1 << 32) - (1 << 26)
"""Room for 64 million controls above the highest start."""


def start_control_ids_at_random(rng: random.Random | None = None) -> int:
    """Restart this process's control-id counter at a random point; returns it. Call before any session starts."""
    start = (rng or random.SystemRandom()).randrange(LOWEST, HIGHEST)
    ControlId._counter = itertools.count(start)
    return start
