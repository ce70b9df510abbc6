"""A redeemed reward's code: how long it is good for, whether it is ready, used or expired, and using it.

A code is shown at the counter and scanned once; it is good for ``CODE_VALID_DAYS`` days after redeeming. The Stars
are spent when the reward is redeemed, not when the code is used, so an expired code is simply gone (the demo
program keeps this simple; a real one might refund it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.api.models import RedemptionStatus
from app.mock_backend.rules.refusals import Refusal

CODE_VALID_DAYS = 28


def code_expires_at(redeemed_at: datetime) -> datetime:
    """Until when a code redeemed at ``redeemed_at`` can be used at the counter."""
    return redeemed_at + timedelta(days=CODE_VALID_DAYS)


def code_status(expires_at: datetime | None, used_at: datetime | None, now: datetime) -> RedemptionStatus:
    """``used`` once scanned, ``expired`` when its time ran out unused, else ``ready``."""
    if used_at is not None:
        return "used"
    if expires_at is not None and now >= expires_at:
        return "expired"
    return "ready"


def check_use(expires_at: datetime | None, used_at: datetime | None, now: datetime) -> None:
    """Refuse scanning a code twice or after it expired.

    Raises:
        Refusal: ``code_already_used`` or ``code_expired`` (both 409).
    """
    status = code_status(expires_at, used_at, now)
    if status == "used":
        raise Refusal("code_already_used", "This code has already been used.", None, 409)
    if status == "expired":
        raise Refusal("code_expired", "This code has expired.", None, 409)
