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

Pending intents belong to the member signed in on the device: signing out, or a session that ends, forgets them
(`forget_all`), so a next member never sends a previous member's action.
"""

from __future__ import annotations

import asyncio
import logging

from app.state.storage import DeviceStore, PendingIntent

log = logging.getLogger("starboard.state")
_clearing: set[asyncio.Task[None]] = set()  # strong references until done


async def remember(device: DeviceStore, intent: PendingIntent) -> None:
    """Keep `intent` on the device before its request leaves. A device that cannot keep it (storage broken or
    full) costs only the failover guarantee: the action still goes out, retried with its key in this session."""
    try:
        kept = [i for i in await device.load_intents() if i.key != intent.key]
        await device.save_intents([*kept, intent])
    except Exception:
        log.warning("could not keep a pending action on the device", exc_info=True)


async def answered(device: DeviceStore, key: str) -> None:
    """The API answered the action with this key (applied or refused): nothing is pending any more."""
    try:
        kept = await device.load_intents()
        if any(i.key == key for i in kept):
            await device.save_intents([i for i in kept if i.key != key])
    except Exception:
        log.warning("could not clear a pending action on the device", exc_info=True)


def dropped(device: DeviceStore, key: str) -> None:
    """The customer gave up an action whose answer never came (Cancel after a failed try): it must not be sent
    again at the next start. For the sync state actions; clears the device in the background."""
    try:
        task = asyncio.get_running_loop().create_task(answered(device, key))
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
