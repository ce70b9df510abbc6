"""Money-like actions kept on the device until answered, and finished after a reconnect.

A redemption or a gift carries one idempotency key per customer intent. While the request is on its way, the key
lives in the session's memory, and a session lives in one app process: if that process dies before the answer
comes (a crash, a kill -9 during a deploy), the browser reconnects to another process and the key would be gone
with the first. So the intent, key included, is written to client storage (`DeviceStore.save_intents`, the
browser's localStorage) just before the request leaves, and removed when an answer comes (applied or refused).

When a session is restored from the device and finds intents still pending, it finishes them (`finish_pending`):
each is sent again with its own key. The API applies a key at most once and replays the first outcome, so a
redemption that went through before the crash is shown, not made twice, and one that never arrived is made now. The
customer then sees the outcome as if the first answer had arrived: the redemption's code on Rewards, the gift's
"sent" step on Gift, or the reason it was refused, and a notice saying so. An intent that still cannot reach the
API stays on the device for the next start.

The same two calls tell the session which requests are its own (`ScreenContext.request_sent`, `request_settled`):
the live update that records one (`Event.idempotency_key`) is then not applied a second time (app/state/live.py,
`OwnRequests`).

Pending intents belong to the member signed in on the device: signing out, or a session that ends, forgets them
(`forget_all`), so a next member never sends a previous member's action.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from app.state.storage import DeviceStore, PendingIntent

if TYPE_CHECKING:
    from app.state.base import Outcome, ScreenContext

log = logging.getLogger("starboard.state")
_clearing: set[asyncio.Task[None]] = set()  # strong references until done


async def remember(ctx: ScreenContext, intent: PendingIntent) -> None:
    """Keep `intent` on the device before its request leaves. A device that cannot keep it (storage broken or
    full) costs only the failover guarantee: the action still goes out, retried with its key in this session.
    The session learns that the request is its own (`ScreenContext.request_sent`)."""
    ctx.request_sent(intent.key)
    try:
        kept = [i for i in await ctx.device.load_intents() if i.key != intent.key]
        await ctx.device.save_intents([*kept, intent])
    except Exception:
        log.warning("could not keep a pending action on the device", exc_info=True)


async def settle(ctx: ScreenContext, key: str, outcome: Outcome[Any]) -> None:
    """The request with this key came back. Answered (applied or refused): nothing is pending any more. Failed on
    its way (`outcome.retryable`): it stays on the device, for a retry with the same key now or at the next start.
    Either way the session stops waiting for this answer (`ScreenContext.request_settled`)."""
    ctx.request_settled(key, applied=outcome.ok and outcome.value is not None)
    if not outcome.retryable:
        await _clear(ctx.device, key)


async def _clear(device: DeviceStore, key: str) -> None:
    try:
        kept = await device.load_intents()
        if any(i.key == key for i in kept):
            await device.save_intents([i for i in kept if i.key != key])
    except Exception:
        log.warning("could not clear a pending action on the device", exc_info=True)


def dropped(ctx: ScreenContext, key: str) -> None:
    """The customer gave up an action whose answer never came (Cancel after a failed try): it must not be sent
    again at the next start. For the sync state actions; clears the device in the background."""
    ctx.request_settled(key, applied=False)
    try:
        task = asyncio.get_running_loop().create_task(_clear(ctx.device, key))
    except RuntimeError:
        return  # no event loop: a test driving the state without one; nothing was kept either
    _clearing.add(task)
    task.add_done_callback(_clearing.discard)


async def forget_all(device: DeviceStore) -> None:
    """The member left: their pending actions must not be sent for whoever signs in next."""
    try:
        if await device.load_intents():
            await device.save_intents([])
    except Exception:
        log.warning("could not clear the pending actions on the device", exc_info=True)
