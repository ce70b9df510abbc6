"""`TextInput`: a text field the customer types into, whose text the app sets only at a new revision.

Why not `ft.TextField(value=state.text, on_change=...)`: Flet applies what the browser typed to the field at once
(`UPDATE_CONTROL_PROPS`), but runs `on_change` handlers as tasks, later. A re-render in between (the state answering
an older keystroke, likelier on a busy server) diffs the state's older text against the field's newer one and sends
the older text back: the browser replaces what was typed and moves the cursor.

Here the field's `value` is always what the field already holds, so re-renders send nothing back while the customer
types. When the app itself changes the text (clears the form after sending, fills the demo email, loads a saved
birthday) its state bumps `revision`: the field is created again (a new `key`) with the state's text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft


@ft.component
def TextInput(value: str, revision: int, on_change: Callable[[str], None], **kwargs: Any) -> ft.Control:
    last = ft.use_ref(None)  # (revision, the TextField of the previous render: Flet keeps its value up to date)
    previous: tuple[int, ft.TextField] | None = last.current
    shown = previous[1].value if previous is not None and previous[0] == revision else value

    def changed(e: ft.Event[ft.TextField]) -> None:
        on_change(e.control.value)

    field = ft.TextField(value=shown, on_change=changed, key=f"rev-{revision}", **kwargs)
    last.current = (revision, field)
    return field
