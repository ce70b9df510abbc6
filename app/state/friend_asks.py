"""Ask for Stars (a section of the Friends screen): ask a friend for Stars with a note; answer friends' asks.

Accepting an ask is a gift: its idempotency key is made when the confirmation is shown, once per intent, kept for
retries until the API answers, and forgotten when the member backs out. The API applies every gift rule; its
refusals are shown as they come (the app does not restate the limits).
"""

from __future__ import annotations

import asyncio

from app.api.client import new_idempotency_key
from app.api.models import Asks, Friend, StarAsk
from app.state.base import ScreenState
from app.state.stars_form import StarsForm

_FIELD_OF = {"stars": "amount", "note": "note", "friend_id": "friend"}


class AsksState(StarsForm, ScreenState):
    shows = frozenset({"friends"})

    friends: list[Friend] = []
    incoming: list[StarAsk] = []
    outgoing: list[StarAsk] = []
    expires_after_days: int | None = None
    friend_id: str | None = None
    note: str = ""
    asking: bool = False
    confirming: str | None = None
    """The ask whose acceptance is being confirmed (a gift of its Stars)."""
    _key: str | None = None
    answering: bool = False
    answer_error: str | None = None

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[Friend], Asks]:
        friends, asks = await asyncio.gather(self._ctx.client.friends(), self._ctx.client.asks())
        return friends, asks

    def _apply(self, loaded: tuple[list[Friend], Asks]) -> None:
        self.friends, asks = loaded
        self.incoming, self.outgoing, self.expires_after_days = asks.incoming, asks.outgoing, asks.expires_after_days
        if self.confirming is not None and not any(a.id == self.confirming for a in self.incoming):
            self.confirming, self._key = None, None  # answered elsewhere, or expired

    # ------------------------------------------------------------------ ask a friend

    def set_friend(self, friend_id: str | None) -> None:
        self.friend_id = friend_id or None
        self._changed("friend")

    def set_note(self, text: str) -> None:
        self.note = text
        self._changed("note")

    async def ask(self) -> None:
        """Ask the chosen friend for the Stars typed, with the note."""
        if self.asking:
            return
        t = self._ctx.t
        errors: dict[str, str] = {}
        friend = next((f for f in self.friends if f.id == self.friend_id), None)
        if friend is None:
            errors["friend"] = t._("Choose the friend to ask.")
        amount = self.amount_to_send
        if amount is None:
            errors["amount"] = t._("Enter how many Stars to ask for, like 25.")
        self.errors = errors
        if errors or friend is None or amount is None:
            return
        outcome = await self._run("asking", self._ctx.client.ask_for_stars(friend.id, amount, self.note.strip()))
        if outcome is None:
            return
        if not outcome.ok or outcome.value is None:
            self.errors = {_FIELD_OF.get(outcome.field or "", "amount"): outcome.error or ""}
            return
        self.outgoing = [outcome.value, *self.outgoing]
        self.amount_text, self.note, self.friend_id = "", "", None
        self.texts_set()
        stars = t.stars(outcome.value.stars)
        self._ctx.notify_customer(t._("You asked {name} for {stars}.", name=friend.name, stars=stars))

    # ------------------------------------------------------------------ answer an ask

    def confirm(self, ask_id: str) -> None:
        """Show the confirmation of accepting an ask; the gift's idempotency key is made here, once per intent."""
        if self.answering:
            return
        if self.confirming != ask_id or self._key is None:
            self._key = new_idempotency_key()
        self.confirming = ask_id
        self.answer_error = None

    def back_out(self) -> None:
        if self.answering:
            return
        self.confirming, self._key, self.answer_error = None, None, None

    async def accept(self) -> None:
        """Send the Stars asked for (once, even on a double tap; a retry after a network failure reuses the key)."""
        ask_id, key = self.confirming, self._key
        if self.answering or ask_id is None or key is None:
            return
        self.answer_error = None
        outcome = await self._run("answering", self._ctx.client.accept_ask(ask_id, idempotency_key=key))
        if outcome is None:
            return
        if outcome.ok and outcome.value is not None:
            self.confirming, self._key = None, None
            self.incoming = [a for a in self.incoming if a.id != ask_id]
            gift = outcome.value.gift
            self._ctx.set_balance(gift.balance_after)
            t = self._ctx.t
            self._ctx.notify_customer(t._("You sent {stars} to {name}.", stars=t.stars(gift.stars), name=gift.to_name))
            self._ctx.invalidate("stars", "friends", but=self)
            return
        self.answer_error = outcome.error
        if not outcome.retryable:
            # Refused (balance, daily cap, answered elsewhere): tapping again is a new intent with a new key.
            self._key = new_idempotency_key()

    async def decline(self, ask_id: str) -> None:
        if self.answering:
            return
        declined = await self._act("answering", "answer_error", self._ctx.client.decline_ask(ask_id))
        if declined is not None:
            self.incoming = [a for a in self.incoming if a.id != ask_id]
            if self.confirming == ask_id:
                self.confirming, self._key = None, None
