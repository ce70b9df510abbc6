"""Gift someone new (a section of Friends): Stars to a phone number or email, held for them as a claim code.

The gift limits are the gift rules (`GiftAllowance`); the API checks the contact and every limit again and names the
field it refuses. One intent, one idempotency key: made on the first tap of "Send", kept until the API answers.
With the mock backend, the demo outbox shows the text message that would have been sent.
"""

from __future__ import annotations

import asyncio

from app.api.client import new_idempotency_key
from app.api.models import ClaimResult, GiftAllowance, HeldGift, OutboxMessage
from app.state.base import ScreenState
from app.state.stars_form import StarsForm

_FIELD_OF = {"contact": "contact", "stars": "amount", "message": "message"}


class NewcomerGiftState(StarsForm, ScreenState):
    shows = frozenset({"stars", "newcomer_gifts"})

    sent: list[HeldGift] = []
    claim_days: int = 14
    allowance: GiftAllowance | None = None
    outbox: list[OutboxMessage] = []
    contact: str = ""
    message: str = ""
    _key: str | None = None
    sending: bool = False
    send_error: str | None = None
    last: HeldGift | None = None

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[HeldGift], int, GiftAllowance, list[OutboxMessage]]:
        client = self._ctx.client
        held, allowance = await asyncio.gather(client.newcomer_gifts(), client.gift_allowance())
        return held.gifts, held.claim_days, allowance, self.outbox

    def _apply(self, loaded: tuple[list[HeldGift], int, GiftAllowance, list[OutboxMessage]]) -> None:
        self.sent, self.claim_days, self.allowance, self.outbox = loaded

    def set_contact(self, text: str) -> None:
        self._changed("contact")
        self.contact = text

    def set_message(self, text: str) -> None:
        self._changed("message")
        self.message = text

    def _changed(self, field: str) -> None:
        self._key = None  # another gift
        super()._changed(field)
        self.send_error = None

    def validate(self) -> int | None:
        t = self._ctx.t
        errors: dict[str, str] = {}
        if len(self.contact.strip()) < 3:
            errors["contact"] = t._("Enter their phone number or email address.")
        text = self.amount_text.strip()
        rules = self.allowance
        amount = t.whole_number(text) if text else None  # "1,000" in English, "1.000" in Spanish
        if amount is None or amount < 0:
            errors["amount"] = t._("Enter a whole number of Stars, like 25.")
            amount = None
        elif rules and not rules.min_per_gift <= amount <= rules.max_per_gift:
            errors["amount"] = t.n_(
                "A gift is {least} to {n} Star.", "A gift is {least} to {n} Stars.", rules.max_per_gift,
                least=rules.min_per_gift,
            )
        elif rules and amount > rules.balance:
            errors["amount"] = t.n_(
                "You have {n} Star, so you can send at most {n}.",
                "You have {n} Stars, so you can send at most {n}.",
                rules.balance,
            )
        if rules and len(self.message) > rules.message_max_chars:
            errors["message"] = t.n_(
                "Keep the message to {n} character.", "Keep the message to {n} characters.", rules.message_max_chars
            )
        self.errors = errors
        return amount if not errors else None

    async def send(self) -> None:
        if self.sending:
            return
        amount = self.validate()
        if amount is None:
            return
        self._key = self._key or new_idempotency_key()
        call = self._ctx.client.gift_newcomer(self.contact, amount, self.message, idempotency_key=self._key)
        self.send_error = None
        outcome = await self._run("sending", call)
        if outcome is None:
            return
        if not outcome.retryable:
            self._key = None
        if not outcome.ok or outcome.value is None:
            field = _FIELD_OF.get(outcome.field or "")
            if field:
                self.errors = {**self.errors, field: outcome.error or ""}
            else:
                self.send_error = outcome.error
            return
        self.last = outcome.value
        self.sent = [outcome.value, *self.sent]
        self.contact, self.amount_text, self.message = "", "", ""
        self.texts_set()
        self._ctx.set_balance(outcome.value.balance_after)
        self._ctx.invalidate("stars", but=self)
        # The demo outbox (the join flow's, demo mode only) shows the text message that was "sent".
        outbox = await self._run("sending", self._ctx.client.demo_outbox(outcome.value.contact))
        if outbox is not None and outbox.ok and outbox.value is not None:
            self.outbox = outbox.value


class ClaimForm(ScreenState):
    """Claiming a gift with its code, right after joining (the join flow hands the code it was opened with)."""

    shows = frozenset({"stars"})

    code: str = ""
    claiming: bool = False
    error: str | None = None
    claimed: ClaimResult | None = None
    _key: str | None = None

    async def refresh(self) -> bool:
        # Nothing to load (the form is filled from the link or by the newcomer): ready at once.
        if self.status != "ready":
            self.status = "ready"
        self._mark_fresh()
        return True

    def came_with(self, code: str) -> None:
        """The screen was opened from the text message's link (`/claim?code=...`): the code is filled in, once."""
        if code and not self.code and self.claimed is None:
            self.code = code
            self.texts_set()

    def set_code(self, text: str) -> None:
        if text != self.code:
            self._key = None
        self.code = text
        self.error = None

    async def claim(self) -> None:
        if self.claiming:
            return
        if not self.code.strip():
            self.error = self._ctx.t._("Enter the claim code from your message.")
            return
        self._key = self._key or new_idempotency_key()
        outcome = await self._run("claiming", self._ctx.client.claim_gift(self.code, idempotency_key=self._key))
        if outcome is None:
            return
        if not outcome.retryable:
            self._key = None
        if not outcome.ok or outcome.value is None:
            self.error = outcome.error
            return
        self.claimed = outcome.value
        self._ctx.set_balance(outcome.value.balance_after)
        self._ctx.invalidate("stars", but=self)
        t = self._ctx.t
        stars = t.stars(outcome.value.stars)
        self._ctx.notify_customer(t._("{name}'s gift is yours: {stars}.", name=outcome.value.from_name, stars=stars))
