"""Gift (a section of the Friends screen): send Stars to a friend, and explain the rules before sending.

The limits come from the API (`GiftAllowance`: per-gift min and max, what is left of the daily cap, the balance,
the message length). The form only checks that the amount is a whole number, then compares it with those numbers
so the customer reads the reason next to the field before anything is sent; the API checks everything again.
One intent, one idempotency key: it is created when the review is shown and reused when "Send gift" is retried.
"""

from __future__ import annotations

import asyncio
import re
from typing import Literal

from app.api.client import new_idempotency_key
from app.api.models import Friend, Gift, GiftAllowance
from app.api.text import grapheme_count
from app.state.base import ScreenState

GiftStep = Literal["form", "review", "sent"]
_DECIMAL = re.compile(r"[+-]?\d*[.,]\d+")
# The API names request fields (GiftCreate); the form shows each error next to its own field.
_FIELD_OF = {"stars": "amount", "message": "message", "friend_id": "friend"}


class GiftState(ScreenState):
    shows = frozenset({"stars", "friends"})

    friends: list[Friend] = []
    allowance: GiftAllowance | None = None
    step: GiftStep = "form"
    friend_id: str | None = None
    amount_text: str = ""
    message: str = ""
    errors: dict[str, str] = {}
    """Field name ("friend", "amount", "message") -> why it was refused."""
    _key: str | None = None
    sending: bool = False
    send_error: str | None = None
    last_gift: Gift | None = None

    # ------------------------------------------------------------------ loading

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[Friend], GiftAllowance]:
        client = self._ctx.client
        friends, allowance = await asyncio.gather(client.friends(), client.gift_allowance())
        return friends, allowance

    def _apply(self, loaded: tuple[list[Friend], GiftAllowance]) -> None:
        self.friends, self.allowance = loaded
        if self.friend_id is not None and self.friend is None:
            self.friend_id = None
        self._ctx.set_balance(self.allowance.balance)

    @property
    def friend(self) -> Friend | None:
        return next((f for f in self.friends if f.id == self.friend_id), None)

    # ------------------------------------------------------------------ the form

    def set_friend(self, friend_id: str | None) -> None:
        self.friend_id = friend_id or None
        self._clear_error("friend")

    def set_amount(self, text: str) -> None:
        self.amount_text = text
        self._clear_error("amount")

    def set_message(self, text: str) -> None:
        self.message = text
        self._clear_error("message")

    @property
    def message_length(self) -> int:
        """The message's length as the API counts it: characters as a reader sees them (a family emoji is one)."""
        return grapheme_count(self.message)

    def _clear_error(self, field: str) -> None:
        if field in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != field}
        self.send_error = None

    def validate(self) -> int | None:
        """Check the form; return the amount when it may be sent, else fill `errors` and return None."""
        errors: dict[str, str] = {}
        if self.friend is None:
            errors["friend"] = "Choose the friend to send Stars to."
        amount, amount_error = self._check_amount()
        if amount_error:
            errors["amount"] = amount_error
        limit = self.allowance.message_max_chars if self.allowance else None
        if limit is not None and self.message_length > limit:
            errors["message"] = f"Keep the message to {limit} characters (it has {self.message_length})."
        self.errors = errors
        return amount if not errors else None

    def _check_amount(self) -> tuple[int | None, str | None]:
        text = self.amount_text.strip()
        if not text:
            return None, "Enter how many Stars to send."
        amount = self._ctx.t.whole_number(text)  # "1,000" in English, "1.000" in Spanish
        if amount is None and _DECIMAL.fullmatch(text):
            return None, "Stars are whole numbers: enter an amount like 25."
        if amount is None:
            return None, "Enter the amount as a number, like 25."
        rules = self.allowance
        if rules is None:
            return (amount, None) if amount > 0 else (None, "Send at least 1 Star.")
        if amount < rules.min_per_gift:
            unit = "Star" if rules.min_per_gift == 1 else "Stars"
            return None, f"Send at least {rules.min_per_gift} {unit}."
        if amount > rules.max_per_gift:
            return None, f"A gift can be at most {rules.max_per_gift} Stars."
        if amount > rules.balance:
            return None, f"You have {rules.balance} Stars, so you can send at most {rules.balance}."
        if amount > rules.remaining_today:
            return None, (
                f"You can send {rules.remaining_today} more Stars today (the daily limit is {rules.daily_cap})."
            )
        return amount, None

    def review(self) -> None:
        """Show the review step; the gift's idempotency key is created here, once per intent."""
        if self.sending or self.validate() is None:
            return
        if self.step != "review" or self._key is None:
            self._key = new_idempotency_key()
        self.step = "review"
        self.send_error = None

    def edit(self) -> None:
        """Back from the review to the form: whatever is sent next is a new intent."""
        if self.sending:
            return
        self.step = "form"
        self._key = None
        self.send_error = None

    def start_over(self) -> None:
        self.step = "form"
        self.amount_text = ""
        self.message = ""
        self.texts_set()
        self.errors = {}
        self._key = None
        self.sending = False
        self.send_error = None

    async def send(self) -> None:
        """Send the reviewed gift (once, even on a double tap; a retry after a network failure reuses the key)."""
        friend, key = self.friend, self._key
        amount = self.validate() if self.step == "review" else None
        if self.sending or friend is None or key is None or amount is None:
            return
        self.send_error = None
        gift = self._ctx.client.gift_stars(friend.id, amount, self.message.strip(), idempotency_key=key)
        outcome = await self._run("sending", gift)
        if outcome is None:
            return  # signed out while it was on its way: the next member sees none of it
        if outcome.ok and outcome.value is not None:
            await self._sent(outcome.value)
        elif outcome.retryable:
            self.send_error = outcome.error  # stay on the review: "Send gift" again reuses the same key
        else:
            # Refused: back to the form, the reason next to the field it is about.
            self.step = "form"
            self._key = None
            self.errors = {_FIELD_OF.get(outcome.field or "", "amount"): outcome.error or ""}

    async def _sent(self, gift: Gift) -> None:
        self.last_gift = gift
        self.step = "sent"
        self._key = None
        self.amount_text = ""
        self.message = ""
        self.texts_set()
        self._ctx.set_balance(gift.balance_after)
        self._ctx.invalidate("stars")
        await self.refresh()  # the allowance left today changed
