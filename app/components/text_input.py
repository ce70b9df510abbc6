"""`TextInput`: a text field the customer types into, whose text the app sets only at a new revision.

Why not `ft.TextField(value=state.text, on_change=...)`: Flet applies what the browser typed to the field at once
(`UPDATE_CONTROL_PROPS`), but runs `on_change` handlers as tasks, later. A re-render in between (the state answering
an older keystroke, likelier on a busy server) diffs the state's older text against the field's newer one and sends
the older text back: the browser replaces what was typed and moves the cursor.

Here the field's `value` is always what the field already holds, so re-renders send nothing back while the customer
types. When the app itself changes the text (clears the form after sending, fills the demo email, loads a saved
birthday) its state bumps `revision`: the field is created again (a new `key`) with the state's text.

The field's key also carries its label. Components without a `key` are matched by position: when a form shows a
line above its fields (Gift's "Choose the friend" refusal), the component that held "Message" is given "Amount"'s
props. Reusing that TextField turned a multi-line field into a single-line one in place, which the Flutter web
engine does not survive: its semantics tree stopped removing nodes (the Message box was read as "Amount", and every
screen shown afterwards stayed in the screen-reader tree). With the label in the key, a field is never reused for
another one (and never shows another field's text).

Accessibility: the error is the field's description (Flutter), and is announced when it appears, through a live region
around the field that is live only while there is an error to say. (Flutter 3.x in Flet 1.0.5 leaves the field
`aria-invalid="false"` even with an error, and Flet's `Semantics` has no `validation_result` to set it.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.components.context import use_i18n


@ft.component
def TextInput(value: str, revision: int, on_change: Callable[[str], None], **kwargs: Any) -> ft.Control:
    last = ft.use_ref(None)  # (key, the TextField of the previous render: Flet keeps its value up to date)
    key = f"{kwargs.get('label')}-rev-{revision}"
    previous: tuple[str, ft.TextField] | None = last.current
    shown = previous[1].value if previous is not None and previous[0] == key else value

    def changed(e: ft.Event[ft.TextField]) -> None:
        on_change(e.control.value)

    field = ft.TextField(value=shown, on_change=changed, key=key, **kwargs)
    last.current = (key, field)
    # Always the same wrapper (a wrapper that came and went would re-create the field and drop its focus); only
    # its `live_region` follows the error, so the helper's character count is not read out at every keystroke.
    # Flutter web announces a live region's own label: the error is that label while there is one.
    error = kwargs.get("error")
    return ft.Semantics(
        content=field,
        label=error if isinstance(error, str) and error else None,
        live_region=bool(error),
        container=True,
        expand=kwargs.get("expand"),
    )


@ft.component
def StarsInput(value: str, revision: int, on_change: Callable[[str], None], label: str, **kwargs: Any) -> ft.Control:
    """A field for a number of Stars (a gift, an ask, a pool contribution): the phone's number keyboard, "Stars"
    after the number, and room for a refusal of three lines (the limits and the balance)."""
    t = use_i18n()
    kwargs = {"suffix": t._("Stars"), "error_max_lines": 3, **kwargs}
    return TextInput(value, revision, on_change, label=label, keyboard_type=ft.KeyboardType.NUMBER, **kwargs)
