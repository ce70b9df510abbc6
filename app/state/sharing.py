"""Share to earn, for the screens that offer it (a badge's detail, the referral card).

The share itself (the browser's share sheet, or a copy when the browser has none) is the view's; the state tells the
API, once per customer intent (one idempotency key, kept until answered), and says what it earned.
"""

from __future__ import annotations

from app.api.client import new_idempotency_key
from app.api.models import ShareHow, ShareResult, ShareWhat
from app.state.base import ScreenContext, attempt


class SharesToEarn:
    """A screen state mixin: `record_share` after the customer shared. Its fields are declared, so a sign-out resets
    them with the rest of the screen's memory."""

    _ctx: ScreenContext
    sharing: bool = False
    _share_key: str | None = None

    async def record_share(self, what: ShareWhat, how: ShareHow, badge_id: str | None = None) -> ShareResult | None:
        """Tell the API the customer shared; they hear what it earned, or why it could not be recorded.

        A double tap while a share is on its way adds nothing; a retry after a failure reuses the same key.
        """
        if self.sharing:
            return None
        self._share_key = self._share_key or new_idempotency_key()
        call = self._ctx.client.record_share(what, how, badge_id=badge_id, idempotency_key=self._share_key)
        self.sharing = True
        try:
            outcome = await attempt(call)
        finally:
            self.sharing = False
        if not outcome.ok or outcome.value is None:
            if not outcome.retryable:
                self._share_key = None  # answered (refused): the next share is a new intent
            self._ctx.notify_customer(outcome.error or self._ctx.t._("The share could not be recorded."))
            return None
        self._share_key = None
        result = outcome.value
        if how == "copy":
            # Translators: {message} is what the share earned, a sentence from the API.
            self._ctx.notify_customer(self._ctx.t._("Copied, ready to paste. {message}", message=result.message))
        else:
            self._ctx.notify_customer(result.message)
        if result.credited:
            self._ctx.set_balance(result.balance_after)
            self._ctx.invalidate("stars")
        return result
