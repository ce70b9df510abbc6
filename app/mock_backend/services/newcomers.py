"""Gifts to someone not yet a member: held Stars, the demo outbox's text message, the claim, the referral link.

The Stars leave the giver's balance at once (a `gift_held` entry) and stay held in the gift record; the newcomer's
claim credits them (`gift_in`); an unclaimed gift goes back to the giver when its window ends (`gift_returned`,
done by `Store.maintain` the next time the giver is seen). Held Stars are counted in the program's total.
"""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import HeldGiftRecord, MailRecord, Member
from app.mock_backend.rules.gifts import check_gift, sent_on_day
from app.mock_backend.rules.newcomers import (
    CLAIM_CODE_ALPHABET,
    CLAIM_CODE_LENGTH,
    CLAIM_DAYS,
    check_claim,
    normalize_code,
    normalize_contact,
)
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store
from app.mock_backend.texts import Stars, say


def claim_path(code: str) -> str:
    return f"/join?claim={code}"


def send(store: Store, giver: Member, contact: str, stars: int, message: str | None, at: datetime) -> HeldGiftRecord:
    """Hold ``stars`` of the giver's for a newcomer and send them the code (to the demo outbox).

    Raises:
        Refusal: ``validation_error`` on ``contact``; the gift limits of ``rules.gifts.check_gift``.
    """
    with store.lock:
        message = (message or "").strip() or None
        normalized, channel = normalize_contact(contact)
        check_gift(
            sender_id=giver.id,
            recipient_id="",
            is_friend=True,  # a newcomer cannot be a friend yet: the claim code is the consent
            stars=stars,
            message=message,
            balance=store.balance(giver, at),
            sent_today=sent_on_day(giver.gifts_sent, at, giver.time_zone),
        )
        code = "".join(store.rng.choice(CLAIM_CODE_ALPHABET) for _ in range(CLAIM_CODE_LENGTH))
        entry = store.debit(
            giver, "gift_held", stars, say("gift_held", contact=normalized), at, counterparty=normalized,
            message=message,
        )
        giver.gifts_sent.append((at, stars))
        giver.history.gifts_sent.append(at)
        record = HeldGiftRecord(
            store.next_id("hgift"), giver.id, normalized, channel, stars, message, code, at, entry.balance_after
        )
        store.held_gifts[record.id] = record
        body = (
            f"{giver.name} sent you {stars:,} Stars on Starboard"
            + (f": \"{message}\"" if message else ".")
            + f" Join with code {code} within {CLAIM_DAYS} days: {claim_path(code)}"
        )
        # The join flow's demo outbox (GET /v1/demo/outbox?to=...) shows the "text message" too.
        store.joining.outbox.append(MailRecord(normalized, f"{giver.name} sent you Stars on Starboard", body, at))
        del store.joining.outbox[:-500]
        store.settle(giver, at)
        return record


def claim(store: Store, member: Member, code: str, at: datetime) -> tuple[HeldGiftRecord, int]:
    """A member who joined after the gift was sent claims it: the Stars are theirs; the giver becomes their referrer.

    Returns:
        The gift and the newcomer's balance after.

    Raises:
        Refusal: ``unknown_claim_code`` (404); see ``rules.newcomers.check_claim``.
    """
    with store.lock:
        wanted = normalize_code(code)
        held = next((g for g in store.held_gifts.values() if g.claim_code == wanted), None)
        if held is None:
            raise Refusal("unknown_claim_code", "That claim code is not right. Check it and try again.", "claim_code",
                          404)
        giver = store.member(held.from_id)
        store.maintain(giver, at)  # an expired gift goes back first, so it cannot be claimed as well
        check_claim(status=held.status, sent_at=held.created_at, giver_id=giver.id, claimant_id=member.id,
                    joined_at=member.joined_at, now=at)
        held.status = "claimed"
        held.claimed_by = member.id
        entry = store.credit(
            member, "gift_in", held.stars, say("gift_from", name=giver.name), at, counterparty=giver.name,
            message=held.message,
        )
        if member.referred_by is None and not member.referral_paid:
            # The giver brought them in: the program's referral bonus, once, after the newcomer's first purchase.
            member.referred_by = giver.id
        claimed = say("newcomer_claimed", name=member.name)
        body = say("newcomer_claimed_body", stars=Stars(held.stars), contact=held.contact)
        store.add_event(giver, "newcomer_gift_claimed", claimed, body, at, None)
        said = say("as_written", text=held.message or "")
        title = say("gift_received", name=giver.name, stars=Stars(held.stars))
        store.add_event(member, "gift_received", title, said, at, held.stars)
        store.settle(member, at)
        return held, entry.balance_after
