"""Workarounds for Flet 1.0.5 costs found by the performance benchmark (docs/performance.md). Re-check on upgrade.

`lazy_message_repr()`: every message the server sends is logged with an f-string,
`transport_log.debug(f"send_message: {message}")` (flet_web `FletApp.send_message`, and the other transports), so
the whole message (a screen's worth of controls on a route change) is turned into text even when DEBUG logging is
off: about a third of the Python time of a tab switch. The fix makes `Message.__repr__` short unless the
`flet_transport` logger is enabled for DEBUG, in which case the log reads exactly as before.

`memo_keeps_children_mounted()`: when a parent re-renders, a memoized component (`@ft.memo`) whose props did not
change is reconciled with its new instance and keeps its old body, but the diff still lists the old instance's whole
body as removed: every control under it is dropped from the session's index and every component under it is
unmounted (it stops re-rendering when its own state changes). And a component in that body still names the old
instance as its parent component, a weak reference that dies with it: its next render of its own finds no context
(`use_context` walks parent components). The fix stops the removal walk at such a component (its body lives on,
unchanged, under its successor) and points the body's components at the successor.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterator
from typing import Any

from flet.components.component import Component
from flet.controls.object_patch import DiffBuilder
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


_all_removed_controls = DiffBuilder._removed_controls


def _body_lives_on(item: Any) -> bool:
    """A memoized component replaced by its successor, which skipped rendering and took over this very body."""
    return (
        isinstance(item, Component)
        and item.memoized
        and item._stale
        and item._b is not None
        and item._b is item._state.last_b
    )


def _removed_controls(self: DiffBuilder, item: Any, recurse: bool) -> Iterator[Any]:
    if _body_lives_on(item):
        yield item  # the old instance goes; its body stays mounted under the successor
        return
    yield from _all_removed_controls(self, item, recurse)


_component_before_update = Component.before_update


def _before_update(self: Component) -> None:
    _component_before_update(self)
    body = self._b
    if self.memoized and body is not None and body is self._state.last_b:
        for item in body if isinstance(body, list) else [body]:
            if isinstance(item, Component):
                item._parent_component = weakref.ref(self)


def memo_keeps_children_mounted() -> None:
    """Keep the body of a memoized component mounted and in context when its parent re-renders (idempotent)."""
    DiffBuilder._removed_controls = _removed_controls  # type: ignore[method-assign]
    Component.before_update = _before_update  # type: ignore[method-assign]


def apply_all() -> None:
    """Every workaround above; called once by the entry points (`python -m app`, `main.py`)."""
    lazy_message_repr()
    memo_keeps_children_mounted()
