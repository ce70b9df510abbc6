"""Keep the mock backend's state across a restart (`--state-file`).

A real loyalty API keeps its data and sessions when it restarts; the mock keeps everything in memory, so without
this a restart would reseed the demo world and sign every member out. The state is written when the server stops
(SIGTERM or Ctrl-C) and read when it starts. The file is a pickle: load only files this backend wrote itself.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from app.mock_backend.store import Store


def save_store(store: Store, path: Path) -> None:
    """Write the store atomically (a half-written file never replaces a good one)."""
    tmp = path.with_name(path.name + ".tmp")
    with store.lock:
        data = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.write_bytes(data)
    os.replace(tmp, path)


def load_store(path: Path) -> Store | None:
    """The store saved at `path`, or None when there is none yet."""
    if not path.exists():
        return None
    store = pickle.loads(path.read_bytes())  # noqa: S301 - our own file, see the module docstring
    if not isinstance(store, Store):
        raise ValueError(f"{path} does not hold a Starboard mock backend state")
    return store
