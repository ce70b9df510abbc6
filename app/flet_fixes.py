"""Workarounds for Flet 1.0.5 costs found by the performance benchmark (docs/performance.md). Re-check on upgrade.

`lazy_message_repr()`: every message the server sends is logged with an f-string,
`transport_log.debug(f"send_message: {message}")` (flet_web `FletApp.send_message`, and the other transports), so
the whole message (a screen's worth of controls on a route change) is turned into text even when DEBUG logging is
off: about a third of the Python time of a tab switch. The fix makes `Message.__repr__` short unless the
`flet_transport` logger is enabled for DEBUG, in which case the log reads exactly as before.
"""

from __future__ import annotations

import logging

from flet.messaging.protocol import Message

_transport_log = logging.getLogger("flet_transport")
_full_repr = Message.__repr__


def _message_repr(self: Message) -> str:
    if _transport_log.isEnabledFor(logging.DEBUG):
        return _full_repr(self)
    return f"Message(action={self.action!r}, body=...)"


def lazy_message_repr() -> None:
    """Make the unconditional `send_message` debug f-string cheap while DEBUG logging is off (idempotent)."""
    Message.__repr__ = _message_repr  # type: ignore[method-assign, assignment]


def apply_all() -> None:
    """Every workaround above; called once by the entry points (`python -m app`, `main.py`)."""
    lazy_message_repr()

