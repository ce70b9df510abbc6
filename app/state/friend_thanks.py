"""Thank-yous (a section of the Friends screen): thank a friend for a gift received (a sticker, a short message,
or both; once per gift), and see the thank-yous friends sent for the member's gifts."""

from __future__ import annotations

from app.api.models import StickerId, Thanks
from app.state.base import ScreenState


class ThanksState(ScreenState):
    shows = frozenset({"friends"})

    thanks: Thanks | None = None
    composing: str | None = None
    """The gift being thanked (its composer is open)."""
    sticker: StickerId | None = None
    message: str = ""
    error: str | None = None
    sending: bool = False

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.thanks, self._apply)

    def _apply(self, thanks: Thanks) -> None:
        self.thanks = thanks
        if self.composing is not None and not any(g.gift_id == self.composing for g in thanks.to_thank):
            self.close()

    def compose(self, gift_id: str) -> None:
        if self.sending:
            return
        if self.composing != gift_id:
            self.sticker, self.message, self.error = None, "", None
            self.texts_set()
        self.composing = gift_id

    def close(self) -> None:
        self.composing, self.sticker, self.message, self.error = None, None, "", None
        self.texts_set()

    def set_sticker(self, sticker: StickerId) -> None:
        self.sticker = None if self.sticker == sticker else sticker
        self.error = None

    def set_message(self, text: str) -> None:
        self.message = text
        self.error = None

    async def send(self) -> None:
        gift_id = self.composing
        if self.sending or gift_id is None:
            return
        if not self.message.strip() and self.sticker is None:
            self.error = self._ctx.t._("Choose a sticker or write a short message.")
            return
        sent = await self._act(
            "sending", "error", self._ctx.client.send_thanks(gift_id, self.message.strip(), self.sticker)
        )
        if sent is None:
            return
        self.close()
        self._ctx.notify_customer(self._ctx.t._("Thank-you sent to {name}.", name=sent.to_name))
        await self.refresh()
