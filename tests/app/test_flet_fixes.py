"""The Flet workarounds keep Flet's behaviour, minus the cost (docs/performance.md)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging

import flet as ft
import msgpack
import pytest
from flet.controls.base_control import BaseControl
from flet.controls.object_patch import DiffBuilder
from flet.messaging.protocol import Message, MessageAction, configure_encode_object_for_msgpack
from flet_web.fastapi.flet_app import FletApp

from app.flet_fixes import (
    NOTHING_HELD,
    AddressableIndex,
    _configure_dataclass,
    _flet_configure_dataclass,
    guard_web_sessions,
    lazy_message_repr,
    mounted_controls_share_empty_dicts,
    quiet_navigation_of_closed_sessions,
    quiet_web_logs,
    send_loop_keeps_no_frame,
    validation_keeps_no_empty_set,
)
from app.flet_fixes import _flet_send_loop as flet_send_loop
from app.flet_fixes import _send_loop as our_send_loop
from app.web_security import SessionGuard


def test_a_sent_message_is_not_turned_into_text_unless_transport_debug_logging_is_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lazy_message_repr()
    message = Message(MessageAction.PATCH_CONTROL, {"patch": ["x" * 1000]})
    assert "xxxx" not in f"{message}"
    with caplog.at_level(logging.DEBUG, logger="flet_transport"):
        assert "x" * 1000 in f"{message}"


# ---------------------------------------------------------------- web sessions (issue 11)


def _connection(browser_key: str) -> FletApp:
    """A FletApp as `handle()` leaves it before the first frame (no socket needed for the key)."""
    conn = FletApp.__new__(FletApp)
    conn.page_name = ""
    conn._FletApp__client_ip = "127.0.0.1"  # type: ignore[attr-defined]
    conn._FletApp__client_user_agent = "Mozilla/5.0 HeadlessChrome"  # type: ignore[attr-defined]
    conn._starboard_browser_key = browser_key  # type: ignore[attr-defined]
    return conn


def test_a_session_is_found_again_only_with_the_same_browser_secret() -> None:
    guard_web_sessions(SessionGuard(per_client=30, in_total=300))
    key = FletApp._FletApp__get_unique_session_id  # type: ignore[attr-defined]
    member, thief = _connection("secret-of-adas-browser"), _connection("")
    assert key(member, "AbCdEfGh12345678") == key(_connection("secret-of-adas-browser"), "AbCdEfGh12345678")
    assert key(member, "AbCdEfGh12345678") != key(thief, "AbCdEfGh12345678")
    assert "secret-of-adas-browser" not in key(member, "AbCdEfGh12345678")


def test_session_ids_are_taken_out_of_flets_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    quiet_web_logs()
    key = "_AbCdEfGh12345678_" + "0" * 40 + "_" + "f" * 32
    with caplog.at_level(logging.INFO):
        logging.getLogger("flet_web.fastapi").info(f"New session created (3 total): {key}")
        logging.getLogger("flet").info("Session was garbage collected: %s", "AbCdEfGh12345678")
        logging.getLogger("flet_web.fastapi").info(f"Unhandled error reconnecting session {key}: boom")
    text = caplog.text
    assert "AbCdEfGh12345678" not in text and "0" * 40 not in text
    assert "New session created (3 total): <session>" in text


def test_a_receive_loop_error_is_one_line_without_the_clients_text(caplog: pytest.LogCaptureFixture) -> None:
    quiet_web_logs()
    logger = logging.getLogger("flet_web.fastapi")
    with caplog.at_level(logging.INFO, logger="flet_web.fastapi"):
        try:
            raise ValueError("attacker text\nforged line")
        except ValueError as e:
            logger.warning(f"Receive loop error: {e}", exc_info=True)
    (record,) = caplog.records
    assert record.getMessage() == "Closed a WebSocket after a malformed frame (ValueError)"
    assert record.exc_info is None and "Traceback" not in caplog.text


@pytest.mark.parametrize("ours", [False, True])
async def test_the_send_loop_holds_no_frame_it_has_sent(ours: bool) -> None:
    """Flet's loop (`ours=False`) keeps the last frame while it waits for the next: the check sees that it can fail."""
    if ours:
        send_loop_keeps_no_frame()
        assert FletApp._FletApp__send_loop is our_send_loop  # type: ignore[attr-defined]
    sent: list[bytes] = []

    class Socket:
        async def send_bytes(self, data: bytes) -> None:
            sent.append(data)

    app = FletApp.__new__(FletApp)
    app._FletApp__websocket = Socket()  # type: ignore[attr-defined]
    app._FletApp__send_queue = queue = asyncio.Queue()  # type: ignore[attr-defined]
    loop = our_send_loop if ours else flet_send_loop
    task = asyncio.ensure_future(loop(app))
    frame = b"\x00" + b"x" * 40_000
    queue.put_nowait(frame)
    while not sent:
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    held = [v for v in task.get_coro().cr_frame.f_locals.values() if v is frame]  # type: ignore[union-attr]
    queue.put_nowait(None)
    await task
    assert sent == [frame]
    assert app._FletApp__send_queue is None  # type: ignore[attr-defined]
    assert (held == []) is ours


async def test_a_navigation_that_ends_with_its_session_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    quiet_navigation_of_closed_sessions()

    class ClosedPage:
        async def push_route(self, route: str) -> None:
            raise RuntimeError("Session closed")

    with caplog.at_level(logging.DEBUG):
        ft.Page.navigate(ClosedPage(), "/signin")  # type: ignore[arg-type]
        for _ in range(3):
            await asyncio.sleep(0)
        gc.collect()  # an unretrieved task exception is reported when the task is collected
        await asyncio.sleep(0)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def test_a_valid_control_carries_no_set_of_reported_errors_and_a_repeated_error_is_reported_once() -> None:
    validation_keeps_no_empty_set()
    key = "__reported_validation_errors"
    bar = ft.ProgressBar(value=0.5)
    bar._before_update_safe()  # what Flet runs before every update of every control
    assert not hasattr(bar, key)  # Flet 1.0.5 left an empty set on every control

    bar.value = -1
    with pytest.raises(ValueError, match="value"):
        bar._before_update_safe()
    bar._before_update_safe()  # the same error again: reported once, as Flet does
    bar.value = 0.25
    bar._before_update_safe()
    bar.value = -1
    with pytest.raises(ValueError, match="value"):
        bar._before_update_safe()  # valid in between: reported again


class _FletsWalk(DiffBuilder):
    _configure_dataclass = _flet_configure_dataclass


class _OurWalk(DiffBuilder):
    _configure_dataclass = _configure_dataclass


def _a_screen() -> ft.Control:
    return ft.Column(
        [
            ft.Text("Hi, Ada", color=ft.Colors.PRIMARY, size=20),
            ft.Container(
                content=ft.Row([ft.Icon(ft.Icons.STAR, semantics_label="Stars"), ft.Text("194 Stars")]),
                padding=ft.Padding.all(4),
                border_radius=ft.BorderRadius.all(8),
            ),
            ft.Card(content=ft.ListTile(title=ft.Text("Activity"), on_click=lambda: None)),
            ft.ProgressBar(value=0.5, semantics_label="6 Stars to Breakfast sandwich"),
            ft.Semantics(label="Badge", content=ft.Image(src="badge.png", width=48)),
        ],
        key="home",
    )


def _everything_in(value: object) -> list[object]:
    """Every dataclass in a tree, in field order."""
    found: list[object] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.append(value)
        for f in dataclasses.fields(value):
            if not f.metadata.get("skip", False):
                found += _everything_in(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for v in value:
            found += _everything_in(v)
    elif isinstance(value, dict):
        for v in value.values():
            found += _everything_in(v)
    return found


def _what_the_walk_left(value: object) -> list[tuple[object, ...]]:
    def parent(item: object) -> str | None:
        ref = getattr(item, "_parent", None)
        return type(ref()).__name__ if ref is not None and ref() is not None else None

    return [
        (type(d).__name__, parent(d), getattr(d, "_frozen", None), getattr(d, "_initialized", None))
        + (hasattr(d, "__changes"), dict(getattr(d, "_dirty", {}) or {}))
        for d in _everything_in(value)
    ]


@pytest.mark.parametrize("frozen", [False, True])
def test_our_walk_configures_what_flets_does_in_the_same_order(frozen: bool) -> None:
    """`configure_walks_no_plain_values` skips plain values; the controls it yields and what it sets on every
    dataclass of the tree (parent, frozen, initialized, change log) are Flet's."""
    theirs, ours = _a_screen(), _a_screen()
    by_flet = list(_FletsWalk(None, None, BaseControl)._configure_dataclass(theirs, None, frozen))
    by_us = list(_OurWalk(None, None, BaseControl)._configure_dataclass(ours, None, frozen))
    assert [type(c).__name__ for c in by_us] == [type(c).__name__ for c in by_flet]
    assert len(by_us) >= 12  # the walk reached the controls inside value fields and lists
    assert _what_the_walk_left(ours) == _what_the_walk_left(theirs)


def _wire(control: ft.Control) -> object:
    """What Flet sends of a control tree, less the control ids (two builds of a screen differ only in those)."""

    def without_ids(value: object) -> object:
        if isinstance(value, dict):
            return {k: without_ids(v) for k, v in value.items() if k != "_i"}
        if isinstance(value, list):
            return [without_ids(v) for v in value]
        return value

    packed = msgpack.packb(control, default=configure_encode_object_for_msgpack(BaseControl))
    return without_ids(msgpack.unpackb(packed))


def test_a_mounted_frozen_control_reads_the_shared_empty_dicts_and_sends_the_same() -> None:
    mounted_controls_share_empty_dicts()
    before, screen = _a_screen(), _a_screen()
    assert isinstance(screen, ft.Column)
    list(_FletsWalk(None, None, BaseControl)._configure_dataclass(before, None, True))
    list(_OurWalk(None, None, BaseControl)._configure_dataclass(screen, None, True))
    text = screen.controls[0]
    assert {"_dirty", "_internals", "data"}.isdisjoint(vars(text))
    assert text._dirty is NOTHING_HELD and text._internals is NOTHING_HELD and text.data is None  # type: ignore[attr-defined]
    assert vars(screen)["_internals"] == {"host_expanded": True}  # what a control holds stays its own
    assert _wire(screen) == _wire(before)
    with pytest.raises(TypeError):
        text._internals["host_expanded"] = True  # type: ignore[attr-defined]
    assert NOTHING_HELD == {}


def test_buttons_and_controls_that_are_not_frozen_keep_their_own_dicts() -> None:
    mounted_controls_share_empty_dicts()
    button, loose = ft.FilledButton("Redeem"), ft.Text("Hi")
    list(_OurWalk(None, None, BaseControl)._configure_dataclass(button, None, True))
    list(_OurWalk(None, None, BaseControl)._configure_dataclass(loose, None, False))
    assert "_internals" in vars(button)  # its `before_update` writes a style there when it gets colours
    button.before_update()
    assert {"_dirty", "_internals"} <= set(vars(loose))  # a page-level control changed in place tracks its changes
    loose.value = "Hello"
    assert loose._dirty == {"value": None}  # type: ignore[attr-defined]


def test_the_index_keeps_what_the_client_may_address_and_finds_the_rest_by_walking() -> None:
    """`index_only_addressable_controls`: Flet indexes every mounted control; ours keeps inputs, navigation and
    controls with an event handler, and walks the page for any other the client names."""
    tap = ft.Container(content=ft.Text("Open"), on_click=lambda: None)
    field, label, icon = ft.TextField(label="Email"), ft.Text("Hi, Ada"), ft.Icon(ft.Icons.STAR)
    screen = ft.Column([label, ft.Row([icon, tap]), field, ft.Container(content=ft.Text("Plain"))])

    class Session:
        page = ft.Column([screen])  # stands for the page: the walk starts there

    session = Session()
    index = AddressableIndex(session)  # type: ignore[arg-type]
    mounted = list(_OurWalk(None, None, BaseControl)._configure_dataclass(session.page, None, True))
    for control in mounted:
        index[control._i] = control  # what Flet does for every control it mounts
    assert set(index.data) == {tap._i, field._i}  # Flet's would hold all 9

    walks = AddressableIndex.walks
    assert index.get(field._i) is field and tap._i in index
    assert AddressableIndex.walks == walks  # held: no walk
    assert index.get(label._i) is label and index[icon._i] is icon  # walked to, then held
    assert AddressableIndex.walks == walks + 2 and icon._i in index.data
    assert index.get(10**9) is None and 10**9 not in index
    with pytest.raises(KeyError):
        index[10**9]
    index.pop(field._i, None)  # as Flet unmounts
    assert index.get(field._i) is field  # still on the page (Flet's diff can report a live control removed)
    index.pop(field._i, None)
    screen.controls.remove(field)
    assert index.get(field._i) is None and field._i not in index  # gone from the page: not found by walking either
