"""Gift (a section of the Friends screen): send Stars to a friend, and explain the rules before sending.

The limits come from the API (`GiftAllowance`: per-gift min and max, what is left of the daily cap, the balance,
the message length). The form only checks that the amount is a whole number, then compares it with those numbers
so the customer reads the reason next to the field before anything is sent; the API checks everything again.
One intent, one idempotency key: it is created when the review is shown and reused when "Send gift" is retried.
While the gift is on its way the intent is also kept on the device, so that a reconnect to another app process
finishes it with the same key (app/state/intents.py, `finish_gift`).
"""

from __future__ import annotations

import asyncio
import re
from typing import Literal

from app.api.client import new_idempotency_key
from app.api.models import Friend, Gift, GiftAllowance, MessageText
from app.api.text import grapheme_count
from app.state import intents
from app.state.base import ScreenState, refused_text
from app.state.resend import resend_kept
from app.state.stars_form import StarsForm
from app.state.storage import PendingGift

GiftStep = Literal["form", "review", "sent"]
_DECIMAL = re.compile(r"[+-]?\d*[.,]\d+")
# The API names request fields (GiftCreate); the form shows each error next to its own field.
_FIELD_OF = {"stars": "amount", "message": "message", "friend_id": "friend"}


class GiftState(StarsForm, ScreenState):
    shows = frozenset({"stars", "friends"})

    friends: list[Friend] = []
    allowance: GiftAllowance | None = None
    step: GiftStep = "form"
    friend_id: str | None = None
    message: str = ""
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
        self._changed("friend")

    def set_message(self, text: str) -> None:
        self.message = text
        self._changed("message")

    @property
    def message_length(self) -> int:
        """The message's length as the API counts it: characters as a reader sees them (a family emoji is one)."""
        return grapheme_count(self.message)

    def _changed(self, field: str) -> None:
        super()._changed(field)
        self.send_error = None

    def validate(self) -> int | None:
        """Check the form; return the amount when it may be sent, else fill `errors` and return None."""
        t = self._ctx.t
        errors: dict[str, str] = {}
        if self.friend is None:
            errors["friend"] = t._("Choose the friend to send Stars to.")
        amount, amount_error = self._check_amount()
        if amount_error:
            errors["amount"] = amount_error
        limit = self.allowance.message_max_chars if self.allowance else None
        if limit is not None and self.message_length > limit:
            errors["message"] = t.n_(
                "Keep the message to {n} character (it has {length}).",
                "Keep the message to {n} characters (it has {length}).",
                limit,
                length=self.message_length,
            )
        elif (why := refused_text(MessageText, self.message)) is not None:
            errors["message"] = why
        self.errors = errors
        return amount if not errors else None

    def _check_amount(self) -> tuple[int | None, str | None]:
        t = self._ctx.t
        text = self.amount_text.strip()
        if not text:
            return None, t._("Enter how many Stars to send.")
        amount = t.whole_number(text)  # "1,000" in English, "1.000" in Spanish
        if amount is None and _DECIMAL.fullmatch(text):
            return None, t._("Stars are whole numbers: enter an amount like 25.")
        if amount is None:
            return None, t._("Enter the amount as a number, like 25.")
        rules = self.allowance
        least = rules.min_per_gift if rules else 1
        if amount < least:
            return None, t.n_("Send at least {n} Star.", "Send at least {n} Stars.", least)
        if rules is None:
            return amount, None
        if amount > rules.max_per_gift:
            return None, t.n_("A gift can be at most {n} Star.", "A gift can be at most {n} Stars.", rules.max_per_gift)
        if amount > rules.balance:
            return None, t.n_(
                "You have {n} Star, so you can send at most {n}.",
                "You have {n} Stars, so you can send at most {n}.",
                rules.balance,
            )
        if amount > rules.remaining_today:
            return None, t.n_(
                "You can send {n} more Star today (the daily limit is {cap}).",
                "You can send {n} more Stars today (the daily limit is {cap}).",
                rules.remaining_today,
                cap=rules.daily_cap,
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
        self._drop_failed()
        self.step = "form"
        self._key = None
        self.send_error = None

    def _drop_failed(self) -> None:
        if self._key is not None and self.send_error is not None:
            intents.dropped(self._ctx, self._key)  # given up after a failed try: not to be finished later

    def start_over(self) -> None:
        self._drop_failed()
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
        message = self.message.strip()
        self.sending = True  # from now: the intent is being kept, then sent
        pending = PendingGift(
            key=key, friend_id=friend.id, friend_name=friend.name, stars=amount, message=message or None
        )
        await intents.remember(self._ctx, pending)
        gift = self._ctx.client.gift_stars(friend.id, amount, message, idempotency_key=key)
        outcome = await self._run("sending", gift)
        if outcome is None:
            return  # signed out while it was on its way: the next member sees none of it
        settled = intents.settle(self._ctx, key, outcome)
        if outcome.ok and outcome.value is not None:
            # Shown at once: the device forgets the intent while the allowance loads again (as a redemption does).
            await asyncio.gather(settled, self._sent(outcome.value))
            return
        await settled
        if outcome.retryable:
            self.send_error = outcome.error  # stay on the review: "Send gift" again reuses the same key
        else:
            # Refused: back to the form, the reason next to the field it is about.
            self.step = "form"
            self._key = None
            self.errors = {_FIELD_OF.get(outcome.field or "", "amount"): outcome.error or ""}

    async def finish_gift(self, intent: PendingGift) -> None:
        """A gift sent before the app server went away, its answer never received: send it again with its key
        (applied at most once) and show the outcome, as if the first answer had come."""
        t = self._ctx.t
        call = self._ctx.client.gift_stars(intent.friend_id, intent.stars, intent.message, idempotency_key=intent.key)
        gift = await resend_kept(
            self,
            "sending",
            intent.key,
            call,
            # Translators: {why} is the reason, a whole sentence.
            lambda why: t._("Your gift to {name} did not go through: {why}", name=intent.friend_name, why=why),
        )
        if gift is None:
            return
        stars = t.stars(intent.stars)
        self._ctx.notify_customer(
            t._("Done: your gift of {stars} to {name} was sent.", stars=stars, name=intent.friend_name)
        )
        self.friend_id = intent.friend_id
        await self._sent(gift)

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
