"""Workarounds for Flet 1.0.5 costs found by the performance benchmark (docs/performance.md). Re-check on upgrade.

`lazy_message_repr()`: every message the server sends is logged with an f-string,
`transport_log.debug(f"send_message: {message}")` (flet_web `FletApp.send_message`, and the other transports), so
the whole message (a screen's worth of controls on a route change) is turned into text even when DEBUG logging is
off: about a third of the Python time of a tab switch. The fix makes `Message.__repr__` short unless the
`flet_transport` logger is enabled for DEBUG, in which case the log reads exactly as before.

`validation_keeps_no_empty_set()`: before every update Flet validates each control with
`validate(control, suppress_repeated_errors=True)`, which attaches a set to the control, to hold the errors already
reported, before it knows whether there is any: an empty set (216 bytes, and one more entry in the control's
`__dict__`) on every control of every session, for ever. Measured with tracemalloc on 30 signed-in sessions that had
seen every tab: 39,000 of them, 8.5 MB, the largest single allocation site after the imports. The fix makes the set
when a control first fails validation, and behaves as Flet's otherwise (a repeated identical error is reported once).

`configure_walks_no_plain_values()`: every control added to a page (a first visit, a re-render's new controls) is
prepared by `DiffBuilder._configure_dataclass`, which walks all of its fields, about 60 per control, and calls
itself, a generator, on each value: for every string, number, None and enum it made a generator and asked
`dataclasses.is_dataclass` to learn that there was nothing to do, and it listed the class's fields anew for every
control. A py-spy profile of the app under 100 customers had that walk's overhead (the field loop, `is_dataclass`,
`fields`) at about 14% of the process's CPU. The fix skips plain values before the call and lists each class's
walked fields once; what it configures, and in which order, is unchanged (a test compares it with Flet's on a tree).

`mounted_controls_share_empty_dicts()`: every Flet control carries two dicts besides its values: `_dirty` (the
fields changed since the last update) and `_internals` (settings for the client, such as a `Column`'s
"host_expanded"), 64 bytes each when empty, as they are for most controls for ever: a control rendered by a
component is frozen once mounted (Flet refuses to change it; a new render makes new controls), and only a few kinds
put something in `_internals`, at construction (buttons also when they update). With about 1,000 controls a session
after every tab, that was about 0.1 MB a session (docs/capacity.md). Once a frozen control is mounted, an empty
`_dirty` or `_internals` of its own is dropped, and it reads one shared empty dict set on `BaseControl` instead
(`NOTHING_HELD`, which refuses to be written to, so a missed writer fails loudly rather than writing into every
control); `data` left at None is dropped the same way (the class's default). Buttons keep their `_internals`, which
their `before_update` writes. The attributes are deleted one by one, never through `control.__dict__`: CPython 3.11
keeps an object's attributes inline and makes a dict object of them the first time `__dict__` is read, about 60
bytes a control (tracemalloc, 2026-12-03: 60 KB a session, more than the dicts dropped saved).

`index_only_addressable_controls()`: a session indexes every control it mounts by id, in a `WeakValueDictionary`
(a weak reference with a callback each, 80 bytes, and a slot in the index's table): about 110 KB of a session that
has opened every tab (tracemalloc on 20 such sessions, 2026-12-03), a tenth of its memory. The client names a
control only to send its event (controls with an `on_...` handler), a property it changed (inputs, pickers,
navigation, dialogs and the page, in Flet's Dart client) or a method's answer. The index now keeps only controls
that are not of the passive kinds (texts, icons, images, layout, cards, bars, components) or that have a handler;
any other control asked for is found by walking the page's tree, as Flet's own dispatch already does for a control
it finds stale, and then kept. A walk costs 10-15 ms in a session that has opened every tab; a 50-customer crowd run
(tabs, redemptions, gifts) made 33, each for a control that had handled an event and was replaced by a new render
when Flet asked for it again after the handler (it finds nothing). That lookup, for auto-update, which a page built
from components does not use, now answers None without a walk, as Flet's index did (`_trigger_event`).
Remembering the ids of controls unmounted lately to answer those without a walk was tried and taken out: a live
control that Flet's diff reports as removed would then lose the changes the browser sends for it (Flet's own index
loses them; the walk finds the control).
Walks are bounded per session (`AddressableIndex.may_walk`: 10 at once, then 2 a second), Flet's own walk for an
event's control included: a client sending events, property changes or method answers for made-up ids would
otherwise spend 10-15 ms of the process for each message. Past the bound an id the index does not hold is not found,
as with Flet's index; a customer's own taps cost at most one walk each.

`memo_keeps_children_mounted()`: when a parent re-renders, a memoized component (`@ft.memo`) whose props did not
change is reconciled with its new instance and keeps its old body, but the diff still lists the old instance's whole
body as removed: every control under it is dropped from the session's index and every component under it is
unmounted (it stops re-rendering when its own state changes). And a component in that body still names the old
instance as its parent component, a weak reference that dies with it: its next render of its own finds no context
(`use_context` walks parent components). The fix stops the removal walk at such a component (its body lives on,
unchanged, under its successor) and points the body's components at the successor.

`send_loop_keeps_no_frame()`: Flet's WebSocket send loop keeps the last frame it sent in a local variable while it
waits for the next one, so every session holds on to its last frame for as long as it stays quiet: for a customer
who last opened Badges, the whole screen (37.5 KB; tracemalloc on 10 sessions that had walked every tab, 1 object of
37.5 KB a session from `FletApp.send_message`). The fix lets go of a frame once it is sent.

The web server's sessions (`guard_web_sessions()`, `quiet_web_logs()`; issue 11). Flet 1.0.5 has no hook for any
of these, so they wrap private methods of `flet_web.fastapi.FletApp` (name-mangled `_FletApp__...`):
- A session is found again on register by `page_name + session id + sha1(client IP + User-Agent)`. The session id
  sits in the tab's sessionStorage and the rest is public, so anyone holding the id could resume a signed-in
  session after its tab disconnected. The key now also holds a hash of a per-browser secret: the HttpOnly,
  SameSite=Strict cookie that app/web_security.py sets on the page and on the WebSocket handshake. A register
  with someone else's id then finds nothing and gets a fresh session, as an unknown id always did.
- A register that would create a session first asks the `SessionGate` (app/web_security.py); a refused one gets
  Flet's own register answer with its `error` text (the client shows it) and the WebSocket is closed.
- A session whose client left while the server was sending to it was never marked disconnected (the send loop
  raised out of `handle()` before Flet's disconnect step), so it never expired: it is now disconnected.
- A malformed first frame left the connection open for ever (Flet's receive loop stops the send loop only once a
  session exists) and then raised in `handle()` (no session to disconnect): a traceback per frame from uvicorn.
  Such a connection is now closed, with one log line.
- A tab closed while the app's `main` still ran disposed the connection, which dropped the session under `main`
  (AttributeError, logged with a traceback); the connection is now disposed once `main` has returned.
- `page.navigate()` is a fire-and-forget task: when the session closes before the browser answers (a tab closed
  mid-navigation, a session expired or dropped to make room), asyncio logged "Task exception was never
  retrieved" with a traceback. That ending is now quiet (other failures are still logged).
- Flet logs every session id at INFO ("New session created ...: <id>") and the receive loop logs a full traceback
  for any bad frame. `quiet_web_logs()` strips session ids from Flet's log lines and turns the receive-loop
  traceback into one line naming the exception type (the traceback stays when DEBUG logging is on).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import functools
import hashlib
import logging
import re
import time
import weakref
from collections.abc import Iterator
from enum import Enum
from typing import Any, Protocol

import flet as ft
import msgpack
from flet.components.component import Component
from flet.controls import base_control
from flet.controls.object_patch import DiffBuilder, ObjectPatchException, _control_setattr
from flet.controls.page import Page
from flet.messaging.protocol import Message, MessageAction, RegisterClientRequestBody, RegisterClientResponseBody
from flet.messaging.session import Session as FletSession
from flet.utils import validation
from flet_web.fastapi.flet_app import FletApp
from flet_web.fastapi.flet_app_manager import FletAppManager, app_manager
from starlette.websockets import WebSocket

_transport_log = logging.getLogger("flet_transport")
_full_repr = Message.__repr__


def _message_repr(self: Message) -> str:
    if _transport_log.isEnabledFor(logging.DEBUG):
        return _full_repr(self)
    return f"Message(action={self.action!r}, body=...)"


def lazy_message_repr() -> None:
    """Make the unconditional `send_message` debug f-string cheap while DEBUG logging is off (idempotent)."""
    Message.__repr__ = _message_repr  # type: ignore[method-assign, assignment]


_flet_validate = validation.validate
_REPORTED = validation._REPORTED_VALIDATION_ERRORS_KEY


def _validate(instance: Any, *, suppress_repeated_errors: bool = False) -> None:
    """`flet.utils.validation.validate`, with the set of reported errors made at the first error, not before."""
    if not suppress_repeated_errors:
        _flet_validate(instance)
        return
    reported: set[tuple[str, str]] | None = getattr(instance, _REPORTED, None)
    try:
        _flet_validate(instance)
    except ValueError as ex:
        if reported is None:
            reported = set()
            try:
                setattr(instance, _REPORTED, reported)
            except Exception:  # as Flet's: an instance that takes no attribute reports every time
                raise ex from None
        signature = (ex.__class__.__name__, str(ex))
        if signature in reported:
            return
        reported.add(signature)
        raise
    else:
        if reported:
            reported.clear()  # valid again: the next failure is reported again


def validation_keeps_no_empty_set() -> None:
    """No set of reported validation errors on a control until it has one (idempotent)."""
    base_control.validate = _validate  # type: ignore[attr-defined]


_flet_configure_dataclass = DiffBuilder._configure_dataclass
_patch_log = logging.getLogger("flet_object_patch")
_PLAIN = frozenset({str, int, float, bool, bytes, type(None)})
"""Values with nothing inside to configure (enums too, checked apart: Flet's icons and colors are `str` enums)."""


@functools.cache
def _walked_fields(cls: type) -> tuple[str, ...]:
    """The fields Flet's walk visits (not the ones marked `skip`), listed once per class."""
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("skip", False))


def _has_inside(value: Any) -> bool:
    return type(value) not in _PLAIN and not isinstance(value, Enum)


def _configure_dataclass(
    self: DiffBuilder, item: Any, parent: Any, frozen: bool, configure_setattr_only: bool = False
) -> Iterator[Any]:
    """Flet 1.0.5's `DiffBuilder._configure_dataclass`, line for line, but for the walk through fields and items."""
    is_instance = dataclasses.is_dataclass(item) and not isinstance(item, type)  # a bool: `item` stays Any
    if not is_instance:
        if isinstance(item, dict):
            for v in item.values():
                if _has_inside(v):
                    yield from _configure_dataclass(self, v, parent, frozen)
        elif isinstance(item, list):
            for v in item:
                if _has_inside(v):
                    yield from _configure_dataclass(self, v, parent, frozen)
        elif isinstance(item, type):
            yield from _flet_configure_dataclass(self, item, parent, frozen, configure_setattr_only)
        return
    if _patch_log.isEnabledFor(logging.DEBUG):
        _patch_log.debug("\n_configure_dataclass: %s %s %s", item, frozen, configure_setattr_only)
    if parent is None:
        parent_ref = getattr(item, "_parent", None)
        parent = parent_ref() if parent_ref else None
    if parent:
        if parent is item:
            raise ObjectPatchException(f"Parent is the same as item: {item}")
        item._parent = weakref.ref(parent)
    if hasattr(item, "_frozen"):
        frozen = item._frozen
    elif frozen:
        item._frozen = frozen
    item_cls = item.__class__
    if getattr(item_cls, "__flet_control_cls__", None) is None:
        item_cls.__flet_control_cls__ = self.control_cls
    is_control = self.control_cls is not None and isinstance(item, self.control_cls)
    if is_control:
        if not configure_setattr_only:
            item.build()
            item._before_update_safe()
            object.__setattr__(item, "_initialized", True)
        yield item
    if not configure_setattr_only:
        child_parent = item if is_control else parent
        for name in _walked_fields(item_cls):
            value = getattr(item, name)
            if _has_inside(value):
                yield from _configure_dataclass(self, value, child_parent, frozen)
    if not frozen:
        dst_dirty = getattr(item, "_dirty", None)
        if dst_dirty is not None:
            dst_dirty.clear()
        else:
            if item_cls.__setattr__ is not _control_setattr:
                item_cls.__setattr__ = _control_setattr
            object.__setattr__(item, "__changes", {})
    elif is_control and vars(base_control.BaseControl).get("_internals") is NOTHING_HELD:
        _drop_empty_dicts(item)  # once `mounted_controls_share_empty_dicts()` has given the class the shared one


class _NothingHeld(dict[Any, Any]):
    """One empty dict that every mounted frozen control without changes or internals of its own reads."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a control's shared empty dict is read-only (app/flet_fixes.py: NOTHING_HELD)")

    __setitem__ = update = setdefault = __ior__ = _refuse  # type: ignore[assignment]


NOTHING_HELD = _NothingHeld()
_WRITES_INTERNALS_WHEN_UPDATED = (ft.Button, ft.IconButton)


def _drop_empty_dicts(control: Any) -> None:
    # Read and delete attributes, never `control.__dict__`: CPython 3.11 keeps an instance's attributes inline and
    # makes a dict object for them (about 60 bytes more) the first time `__dict__` is read.
    dirty = control._dirty
    if dirty is not NOTHING_HELD and not dirty:
        object.__delattr__(control, "_dirty")
    internals = control._internals
    if internals is not NOTHING_HELD and not internals and not isinstance(control, _WRITES_INTERNALS_WHEN_UPDATED):
        object.__delattr__(control, "_internals")
    if control.data is None:
        with contextlib.suppress(AttributeError):  # already the class's None
            object.__delattr__(control, "data")


def mounted_controls_share_empty_dicts() -> None:
    """Frozen controls drop their empty `_dirty`, `_internals` and `data` once mounted (idempotent)."""
    base_control.BaseControl._dirty = NOTHING_HELD  # type: ignore[attr-defined]
    base_control.BaseControl._internals = NOTHING_HELD  # type: ignore[attr-defined]


def configure_walks_no_plain_values() -> None:
    """Prepare added controls without a generator per plain field value (idempotent)."""
    DiffBuilder._configure_dataclass = _configure_dataclass  # type: ignore[method-assign]


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


_PASSIVE_TYPES = frozenset(
    {
        Component,
        ft.Text,
        ft.Icon,
        ft.Image,
        ft.Container,
        ft.Row,
        ft.Column,
        ft.ResponsiveRow,
        ft.Stack,
        ft.Card,
        ft.Semantics,
        ft.ProgressBar,
        ft.ProgressRing,
        ft.Divider,
        ft.Badge,
    }
)
"""Kinds of control the client never addresses unless they have an event handler: it sends no property changes
for them (in Flet's Dart client only inputs, pickers, navigation, dialogs and the page do) and no events."""


@functools.cache
def _handler_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name.startswith("on_"))


def _addressable(control: Any) -> bool:
    """A control the client may name in an event, a property change or a method's answer, as far as Flet's client
    goes: every kind but the passive ones, and a passive one with an event handler (a tappable `Container`)."""
    cls: type = type(control)
    return cls not in _PASSIVE_TYPES or any(getattr(control, name, None) is not None for name in _handler_fields(cls))


def _find_mounted(root: Any, control_id: int) -> Any:
    """The control with `control_id` in the tree under `root`, walked through the fields Flet's diff walks."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        value = todo.pop()
        if isinstance(value, (list, tuple)):
            todo.extend(v for v in value if _has_inside(v))
        elif isinstance(value, dict):
            todo.extend(v for v in value.values() if _has_inside(v))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) and id(value) not in seen:
            seen.add(id(value))
            if isinstance(value, base_control.BaseControl) and value._i == control_id:
                return value
            for name in _walked_fields(type(value)):
                if name != "_parent" and _has_inside(inner := getattr(value, name, None)):
                    todo.append(inner)
    return None


class AddressableIndex(weakref.WeakValueDictionary[int, Any]):
    """A session's control index that keeps only the controls the client may address (`_addressable`).

    Flet indexes every mounted control, with a weak reference each (a `KeyedRef`, 80 bytes, and a slot in the
    index's table): about 110 KB for a session that has opened every tab, 10% of its memory, most of it for texts,
    icons and layout the client never names. A control the index does not hold is found by walking the page's
    tree, as Flet's own event dispatch already does for a control it finds stale; `walks` counts those walks.
    """

    walks = 0
    refused = 0
    """Walks refused by the bound, counted process-wide like `walks`."""
    WALK_BURST = 10.0
    WALKS_PER_SECOND = 2.0
    clock = staticmethod(time.monotonic)

    def __init__(self, session: FletSession) -> None:
        super().__init__()
        self._session = weakref.ref(session)
        self._budget = self.WALK_BURST
        self._budget_at = self.clock()

    def may_walk(self) -> bool:
        """Take one walk from the session's budget (a token bucket: `WALK_BURST`, refilled at `WALKS_PER_SECOND`).

        A client can name any id; only the walks it causes cost the process anything, so they are what is bounded.
        """
        now = self.clock()
        self._budget = min(self.WALK_BURST, self._budget + (now - self._budget_at) * self.WALKS_PER_SECOND)
        self._budget_at = now
        if self._budget < 1:
            AddressableIndex.refused += 1
            if AddressableIndex.refused % 100 == 1:  # the first, then every hundredth: a flood does not flood the log
                _log.warning(
                    "A client named more unknown control ids than its session's bound allows (%d refused "
                    "in this process)",
                    AddressableIndex.refused,
                )
            return False
        self._budget -= 1
        return True

    def __setitem__(self, key: int, control: Any) -> None:
        if _addressable(control):
            super().__setitem__(key, control)

    def get(self, key: int, default: Any = None) -> Any:  # type: ignore[override]
        found = super().get(key)
        if found is None and _HANDLED.get() == key:
            return default  # Flet asking again for the control whose handler just ran: see `_trigger_event`
        if found is None and (session := self._session()) is not None and self.may_walk():
            AddressableIndex.walks += 1
            found = _find_mounted(session.page, key)
            if found is not None:
                super().__setitem__(key, found)  # asked for once, likely again (a passive control's method call)
        return default if found is None else found

    def __getitem__(self, key: int) -> Any:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self.get(key) is not None


_HANDLED: contextvars.ContextVar[int | None] = contextvars.ContextVar("starboard_handled_control", default=None)
"""The id of the control whose event handler runs in this context (`_trigger_event`)."""

_flet_trigger_event = base_control.BaseControl._trigger_event


async def _trigger_event(self: Any, event_name: str, event_data: Any, e: Any = None) -> None:
    """Flet's, with `_HANDLED` set. Once a handler has run, Flet looks its control up again by id to auto-update it
    (`session.after_event(session.index.get(self._i))`), which a page built from components never does. A render has
    often replaced that control by then, and the index no longer holds it: Flet's own index answered None, ours
    walked the page for nothing (33 walks of 10-15 ms in a 50-customer crowd run of 30 s). It answers None again."""
    token = _HANDLED.set(self._i)
    try:
        await _flet_trigger_event(self, event_name, event_data, e)
    finally:
        _HANDLED.reset(token)


_flet_session_init = FletSession.__init__


def _session_init(self: FletSession, conn: Any) -> None:
    _flet_session_init(self, conn)
    index = AddressableIndex(self)
    index[self.page._i] = self.page
    self._Session__index = index  # type: ignore[attr-defined]


_flet_find_live_control = FletSession._Session__find_live_control  # type: ignore[attr-defined]


def _find_live_control(
    self: FletSession, value: Any, control_id: int, parent: Any = None, visited: set[int] | None = None
) -> Any:
    """Flet's walk for an event's control, within the session's walk budget (its recursion passes `visited`)."""
    index = self._Session__index  # type: ignore[attr-defined]
    if visited is None and isinstance(index, AddressableIndex) and not index.may_walk():
        return None
    return _flet_find_live_control(self, value, control_id, parent, visited)


def index_only_addressable_controls() -> None:
    """Sessions index only the controls the client may address; others are found by walking, within a bound per
    session that also holds Flet's own walk for an event's control (idempotent)."""
    FletSession.__init__ = _session_init  # type: ignore[method-assign]
    FletSession._Session__find_live_control = _find_live_control  # type: ignore[attr-defined]
    base_control.BaseControl._trigger_event = _trigger_event  # type: ignore[method-assign]


# ---------------------------------------------------------------- web sessions


class SessionGate(Protocol):
    """The policy `guard_web_sessions()` asks (app/web_security.py implements it)."""

    cookie_name: str
    """The cookie that holds the browser's secret."""

    def admit(self, client: str) -> str | None:
        """Called before a new session is created for `client` (an address): None admits, a text refuses."""

    def opened(self, key: str, session: FletSession, client: str) -> None:
        """A session was created under `key` (the manager's key) for `client`."""

    def released(self, client: str) -> None:
        """An admission that created no session after all (the register failed)."""


_flet_handle = FletApp.handle
_flet_unique_id = FletApp._FletApp__get_unique_session_id  # type: ignore[attr-defined]
_flet_on_message = FletApp._FletApp__on_message  # type: ignore[attr-defined]
_flet_receive_loop = FletApp._FletApp__receive_loop  # type: ignore[attr-defined]
_gate: SessionGate | None = None
_log = logging.getLogger("starboard.web")


class _Refused(Exception):
    """Ends the receive loop of a connection whose register was refused (logged by the gate, not as an error)."""


REFUSAL_SHOWN_SECONDS = 60.0
"""How long a refused connection stays open, so that the browser shows why."""


def flet_sessions(manager: FletAppManager = app_manager) -> dict[str, FletSession]:
    """The sessions `manager` holds by id: connected, or kept for a browser that may come back. Flet keeps them in a
    private dict and has no public view of it; read without an await, no session comes or goes meanwhile (which is
    what keeps `SessionGuard`'s admission atomic, app/web_security.py)."""
    return manager._FletAppManager__sessions  # type: ignore[attr-defined, no-any-return]


def live_sessions() -> int:
    """How many sessions this process holds (`flet_sessions()`)."""
    return len(flet_sessions())


def _close_soon(websocket: WebSocket) -> None:
    async def close() -> None:
        with contextlib.suppress(Exception):
            await websocket.close(code=1013)

    asyncio.get_running_loop().create_task(close())


def _browser_key(self: FletApp) -> str:
    return getattr(self, "_starboard_browser_key", "")


def _unique_id(self: FletApp, session_id: str) -> str:
    secret = _browser_key(self)
    bound = hashlib.sha256(f"starboard-browser:{secret}".encode()).hexdigest()[:32]
    return f"{_flet_unique_id(self, session_id)}_{bound}"


async def _handle(self: FletApp, websocket: WebSocket) -> None:
    if _gate is not None:
        self._starboard_browser_key = websocket.cookies.get(_gate.cookie_name, "")  # type: ignore[attr-defined]
    try:
        await _flet_handle(self, websocket)
    except Exception as error:
        session = self._FletApp__session  # type: ignore[attr-defined]
        # Without a session: never registered (a malformed first frame, or refused); Flet's last step,
        # disconnecting the session, had no session to name and raised AttributeError.
        if session is not None:
            # The send loop raised (the client left while a message was on its way), so Flet skipped its last
            # step and the session stayed "connected": it would never expire.
            _log.info("A WebSocket closed while a message was being sent (%s)", type(error).__name__)
            if session.connection is self:
                await app_manager.disconnect_session(
                    _unique_id(self, session.id),
                    self._FletApp__session_timeout_seconds,  # type: ignore[attr-defined]
                )
    timer = getattr(self, "_starboard_refusal_timer", None)
    if timer is not None:
        timer.cancel()  # the client left: let go of its socket now
    if self._FletApp__session is None:  # type: ignore[attr-defined]
        with contextlib.suppress(Exception):
            await websocket.close(code=getattr(self, "_starboard_close_code", 1008))


async def _receive_loop(self: FletApp) -> None:
    await _flet_receive_loop(self)
    queue = self._FletApp__send_queue  # type: ignore[attr-defined]
    if self._FletApp__session is None and queue is not None:
        await queue.put(None)  # Flet stops the send loop only when a session exists: the connection hung open


async def _on_message(self: FletApp, data: Any) -> None:
    gate = _gate
    if getattr(self, "_starboard_refused", False):
        raise _Refused("a refused connection sent more")
    if gate is None or self._FletApp__session is not None:  # type: ignore[attr-defined]
        return await _flet_on_message(self, data)
    if not isinstance(data, list | tuple) or len(data) != 2 or data[0] != MessageAction.REGISTER_CLIENT.value:
        raise ValueError("the first message must be a register")
    body = data[1]
    if not isinstance(body, dict):
        raise ValueError("malformed register")
    session_id = RegisterClientRequestBody(**body).session_id  # a malformed one fails here, before any admission
    if session_id:
        candidate = await app_manager.get_session(_unique_id(self, str(session_id)))
        if candidate is not None and candidate.connection is None:
            return await _flet_on_message(self, data)  # this browser resumes its own session
    client = self._FletApp__client_ip  # type: ignore[attr-defined]
    refusal = gate.admit(client)
    if refusal is not None:
        # Flet's client shows a SESSION_CRASHED message only while its connection stays open (on a close it
        # reconnects and shows "Working..." again), so the refusal stays on screen for a while; then the
        # connection is closed and the browser's own reconnection tries again.
        answer = RegisterClientResponseBody(session_id="", page_patch={}, error=refusal)
        websocket = self._FletApp__websocket  # type: ignore[attr-defined]
        await websocket.send_bytes(b"\x00" + msgpack.packb([MessageAction.REGISTER_CLIENT.value, answer.__dict__]))
        await websocket.send_bytes(b"\x00" + msgpack.packb([MessageAction.SESSION_CRASHED.value, {"message": refusal}]))
        self._starboard_refused = True  # type: ignore[attr-defined]
        self._starboard_close_code = 1013  # type: ignore[attr-defined]  # "try again later"
        self._starboard_refusal_timer = asyncio.get_running_loop().call_later(  # type: ignore[attr-defined]
            REFUSAL_SHOWN_SECONDS, _close_soon, websocket
        )
        return None
    try:
        await _flet_on_message(self, data)
    finally:
        session = self._FletApp__session  # type: ignore[attr-defined]
        if session is None:
            gate.released(client)
        else:
            gate.opened(_unique_id(self, session.id), session, client)


_flet_on_session_created = FletApp._FletApp__on_session_created  # type: ignore[attr-defined]
_flet_dispose = FletApp.dispose


async def _on_session_created(self: FletApp) -> None:
    self._starboard_main_running = True  # type: ignore[attr-defined]
    try:
        await _flet_on_session_created(self)
    finally:
        self._starboard_main_running = False  # type: ignore[attr-defined]
        if getattr(self, "_starboard_disposed", False):
            _flet_dispose(self)


def _dispose(self: FletApp) -> None:
    # A tab that closes while `main` still runs disposed the connection, which dropped its session under `main`:
    # `main`'s last step then failed with AttributeError, logged as an unhandled error with a traceback.
    if getattr(self, "_starboard_main_running", False):
        self._starboard_disposed = True  # type: ignore[attr-defined]
        return
    _flet_dispose(self)


def _quiet_closed_session(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    error = task.exception()  # retrieved, so asyncio does not log "Task exception was never retrieved"
    if error is None:
        return
    if isinstance(error, RuntimeError) and str(error) == "Session closed":
        _log.debug("A navigation ended with its session")
    else:
        _log.error("Navigation failed", exc_info=error)


def _navigate(self: Page, route: str, **kwargs: Any) -> None:
    asyncio.create_task(self.push_route(route, **kwargs)).add_done_callback(_quiet_closed_session)


def guard_web_sessions(gate: SessionGate) -> None:
    """Bind sessions to the browser's cookie, ask `gate` before creating one, close bad connections (idempotent)."""
    global _gate
    _gate = gate
    FletApp.handle = _handle  # type: ignore[method-assign]
    FletApp._FletApp__get_unique_session_id = _unique_id  # type: ignore[attr-defined]
    FletApp._FletApp__on_message = _on_message  # type: ignore[attr-defined]
    FletApp._FletApp__receive_loop = _receive_loop  # type: ignore[attr-defined]
    FletApp._FletApp__on_session_created = _on_session_created  # type: ignore[attr-defined]
    FletApp.dispose = _dispose  # type: ignore[method-assign]


_SESSION_IN_TEXT = (
    re.compile(r"()_?[A-Za-z0-9]{16}_[0-9a-f]{40}(?:_[0-9a-f]{32})?"),  # the manager's key, wherever it is
    re.compile(r"((?:[Ss]ession|FletApp)[^:\n]*:)\s*\S+"),  # "New session created (3 total): <key>"
    re.compile(r"""(session_id['"]?\s*[:=]\s*['"]?)[A-Za-z0-9_]+"""),  # a register message at DEBUG
)


class _QuietWebLogs(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], _Refused):
            return False  # the gate logged the refusal already
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted: let logging report it as it always did
            return True
        if message.startswith("Receive loop error") and record.exc_info:
            error = record.exc_info[1]
            if not logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
                record.exc_info = None
                record.exc_text = None
            message = f"Closed a WebSocket after a malformed frame ({type(error).__name__})"
        for pattern in _SESSION_IN_TEXT:
            message = pattern.sub(r"\1 <session>", message)
        record.msg, record.args = message, None
        return True


_QUIET = _QuietWebLogs()


def quiet_web_logs() -> None:
    """No session id in Flet's logs; one line, not a traceback, per malformed WebSocket frame (idempotent)."""
    for name in ("flet", "flet_web.fastapi", "flet_transport"):
        logger = logging.getLogger(name)
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)


_flet_send_loop = FletApp._FletApp__send_loop  # type: ignore[attr-defined]


async def _send_loop(self: FletApp) -> None:
    # Flet's `FletApp.__send_loop`, but the frame is let go of once sent (`message = None`) instead of being held
    # while the loop waits for the next one.
    assert self._FletApp__websocket  # type: ignore[attr-defined]
    assert self._FletApp__send_queue  # type: ignore[attr-defined]
    while True:
        message = await self._FletApp__send_queue.get()  # type: ignore[attr-defined]
        if message is None:
            break
        try:
            await self._FletApp__websocket.send_bytes(message)  # type: ignore[attr-defined]
        finally:
            message = None
    self._FletApp__websocket = None  # type: ignore[attr-defined]
    self._FletApp__send_queue = None  # type: ignore[attr-defined]


def send_loop_keeps_no_frame() -> None:
    FletApp._FletApp__send_loop = _send_loop  # type: ignore[attr-defined]


def quiet_navigation_of_closed_sessions() -> None:
    """`page.navigate()` whose session closes before the browser answers ends quietly (idempotent)."""
    Page.navigate = _navigate  # type: ignore[method-assign]


def apply_all() -> None:
    """Every workaround above that needs no policy; called once by the entry points (`python -m app`, `main.py`).

    `guard_web_sessions(gate)` is applied by the web server (app/web_security.py), which owns the policy.
    """
    lazy_message_repr()
    validation_keeps_no_empty_set()
    configure_walks_no_plain_values()
    memo_keeps_children_mounted()
    mounted_controls_share_empty_dicts()
    send_loop_keeps_no_frame()
    index_only_addressable_controls()
    quiet_web_logs()
    quiet_navigation_of_closed_sessions()
