"""Finishing an action kept on the device (a redemption, a gift) whose answer never came: the shared part.

`Session.finish_pending` hands each intent found on the device to its screen (`finish_redeem`, `finish_gift`), which
sends it again with its own key (app/state/intents.py). What every such finish does is the same: send it while the
screen's busy flag is up, leave it on the device while the API is still out of reach, clear it once answered, and
tell the member when it was refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.state import intents
from app.state.base import ScreenState

T = TypeVar("T")


async def resend_kept(
    state: ScreenState, busy: str, key: str, call: Awaitable[T], refused: Callable[[str | None], str]
) -> T | None:
    """Send a kept intent again (`call`, made with its key `key`) while `state`'s flag named `busy` is up.

    Returns the API's answer when it was applied. None otherwise: still unreachable (kept on the device for the next
    start), signed out meanwhile, or refused (then the member reads `refused(why)`).
    """
    state._ctx.request_sent(key)
    outcome = await state._run(busy, call)
    if outcome is None:
        return None
    await intents.settle(state._ctx, key, outcome)
    if outcome.retryable:
        return None
    if not outcome.ok or outcome.value is None:
        state._ctx.notify_customer(refused(outcome.error))
        return None
    return outcome.value
