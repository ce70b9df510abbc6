"""What the forms that send or ask for Stars share (a gift, an ask, a gift to someone new): the amount typed, the
refusals by field, and reading the amount the member's way ("1,000" in English, "1.000" in Spanish).

A screen state mixin, like `SharesToEarn`: its fields are declared, so a sign-out resets them with the rest of the
screen's memory. Each form checks the amount against the limits it knows; the API checks everything again.
"""

from __future__ import annotations

from app.state.base import ScreenContext


class StarsForm:
    _ctx: ScreenContext
    amount_text: str = ""
    errors: dict[str, str] = {}
    """Field name ("friend", "amount", "message", ...) -> why it was refused."""

    def set_amount(self, text: str) -> None:
        self.amount_text = text
        self._changed("amount")

    def _changed(self, field: str) -> None:
        """The member edited `field`: its refusal goes. A form adds what else an edit undoes."""
        if field in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != field}

    @property
    def amount_to_send(self) -> int | None:
        """The amount typed, when it is a whole number of at least 1 Star (read the member's way), else None."""
        amount = self._ctx.t.whole_number(self.amount_text) if self.amount_text.strip() else None
        return amount if amount is not None and amount >= 1 else None
