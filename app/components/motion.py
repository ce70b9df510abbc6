"""Motion: whether the customer asked for less of it (the browser's `prefers-reduced-motion`, the phone's setting),
and a new value growing into place (`PopIn`)."""

from __future__ import annotations

import asyncio
import contextlib

import flet as ft

from app.components.context import shown_path

_STORE_KEY = "starboard.reduced_motion"
"""Where the page's Flet session keeps the one reading of the setting (a task; `page.session.store`)."""


def use_reduced_motion() -> bool:
    """True when the platform asks for animations to be disabled or simplified.

    Flutter reads the setting (on the web, `prefers-reduced-motion: reduce`) and Flet's `SemanticsService` reports
    it; until the answer arrives (or when it cannot be read) animations are on, which is what most people get. The
    page asks once: every component that moves shares the answer.
    """
    store = ft.context.page.session.store
    asked = store.get(_STORE_KEY)
    known = isinstance(asked, asyncio.Future) and asked.done() and not asked.cancelled() and asked.result()
    reduced, set_reduced = ft.use_state(bool(known))

    async def read() -> None:
        task = store.get(_STORE_KEY)
        if not isinstance(task, asyncio.Future) or task.cancelled():  # none yet, or the page closed mid-question
            task = asyncio.ensure_future(_read_platform())
            store.set(_STORE_KEY, task)
        set_reduced(await asyncio.shield(task))  # a component that goes away does not cancel the page's reading

    ft.use_effect(read, [])
    return reduced


async def _read_platform() -> bool:
    with contextlib.suppress(Exception):  # an older client without the service: animate
        features = await ft.SemanticsService().get_accessibility_features()
        return bool(features.disable_animations or features.reduce_motion)
    return False


# The scale a new value starts from, and how long the shrink to it takes (one frame: it is not meant to be seen).
_POP_FROM = 0.3
_SHRINK_MS = 1


@ft.component
def PopIn(
    content: ft.Control | None,
    value: object,
    duration: int = 400,
    curve: ft.AnimationCurve = ft.AnimationCurve.EASE_OUT_BACK,
    *,
    start: float = _POP_FROM,
    rests_small: bool = False,
    on_screen: str | None = None,
) -> ft.Control:
    """Shows `content`; when `value` changes the content grows into place from `start` (a fraction of its size).

    With `rests_small`, while `value` is None the content rests at `start` (the caller keeps it out of sight, taking
    no room): the first value then grows from there in the very frame that brings it (a celebration's icon). A
    control that appears with its value cannot grow that way: an implicit animation does not run when its control
    is first built.

    This replaces `ft.AnimatedSwitcher`, which Flet 1.0 cannot use for a value that stays on screen: its client gives
    the switcher's content a new `UniqueKey()` every time the switcher is built
    (`control.buildWidget("content", notifyParent: true, key: UniqueKey())`), and Flutter builds it again whenever
    anything above it is built again, so the transition replays with no new value at all: Home's balance bounced
    when the tabs built ahead were drawn beneath Home. An implicit scale animation only moves when its target
    changes, however often it is built.

    The render that carries the new value also carries the small scale (so the new value never shows full size
    first); an effect then lets it grow. With less motion asked for, the value just changes.

    `on_screen`, the path of the screen the content is on: a value that changes while another screen is shown (Home's
    balance after a redemption on Rewards, Home kept beneath it) just changes. Nobody would see it grow, and the
    frame that grows it, 50 ms later, was the last of every redemption and gift: 200 customers' p95 counted it.
    """
    reduced = use_reduced_motion()
    grown_for, set_grown_for = ft.use_state(value)  # the value that has grown into place
    seen = on_screen is None or shown_path() in (None, on_screen)
    resting = rests_small and value is None
    arrives = rests_small and grown_for is None  # grows from where it rested, in the frame that brings it
    small = grown_for != value and seen and not (reduced or resting or arrives)

    async def grow() -> None:
        if small:
            await asyncio.sleep(0.05)  # the small frame is drawn first, then the scale animates from there
        set_grown_for(value)

    ft.use_effect(grow, [value])
    return ft.Container(
        content=content,
        scale=start if small or (resting and not reduced) else 1,
        animate_scale=None if reduced else ft.Animation(_SHRINK_MS if small or resting else duration, curve),
    )
