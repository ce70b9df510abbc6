"""Thank-yous for gifts: one per gift, from its recipient to its giver, who hears about it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.api.models import StickerId
from app.mock_backend.records import GiftRecord, Member, ThanksRecord
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.thanks import STICKERS, TO_THANK_FOR, check_thanks
from app.mock_backend.store import Store
from app.mock_backend.texts import say


def thank(
    store: Store, member: Member, gift_id: str, message: str | None, sticker: StickerId | None, at: datetime
) -> ThanksRecord:
    """Thank the giver of a gift the member received.

    Raises:
        Refusal: ``not_found`` (404) for a gift the member neither sent nor received; see
            ``rules.thanks.check_thanks``.
    """
    with store.lock:
        record = store.gifts.get(gift_id)
        if record is None or member.id not in (record.from_id, record.to_id):
            raise Refusal("not_found", "There is no such gift.", None, 404)
        message = (message or "").strip() or None
        check_thanks(
            member_id=member.id,
            recipient_id=record.to_id,
            already_thanked=gift_id in store.thanks,
            message=message,
            sticker=sticker,
        )
        thanks = ThanksRecord(store.next_id("thx"), gift_id, member.id, record.from_id, message, sticker, at)
        store.thanks[gift_id] = thanks
        giver = store.members[record.from_id]
        said = " ".join(part for part in (STICKERS[sticker][0] if sticker else None, message) if part)
        title = say("thanks_received", name=member.name)
        store.add_event(giver, "thanks_received", title, say("as_written", text=said), at)
        _note_on_gift_entry(giver, record, said)
        giver.changed_at = member.changed_at = at
        store.touch(giver)
        store.touch(member)
        return thanks


def _note_on_gift_entry(giver: Member, gift: GiftRecord, said: str) -> None:
    """The giver's activity entry of the gift shows the thank-you too."""
    for index, entry in enumerate(giver.entries):
        if (
            entry.kind == "gift_out"
            and entry.created_at == gift.created_at
            and entry.balance_after == gift.balance_after
        ):
            giver.entries[index] = replace(entry, thanks=said)
            return


def thanks_of(
    store: Store, member: Member, at: datetime
) -> tuple[list[ThanksRecord], list[ThanksRecord], list[GiftRecord]]:
    """(thank-yous received, thank-yous sent, recent gifts received without one), newest first."""
    with store.lock:
        newest = sorted(store.thanks.values(), key=lambda t: t.created_at, reverse=True)
        gifts = sorted(store.gifts.values(), key=lambda g: g.created_at, reverse=True)
        to_thank = [
            g for g in gifts if g.to_id == member.id and g.id not in store.thanks and at - g.created_at <= TO_THANK_FOR
        ]
        return [t for t in newest if t.to_id == member.id], [t for t in newest if t.from_id == member.id], to_thank
