"""Money operations: purchases (earning), redemptions and gifts."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import Entry, GiftRecord, Member, RedemptionRecord
from app.mock_backend.rules import tiers
from app.mock_backend.rules.catalog import check_redeem, reward_by_id
from app.mock_backend.rules.earn import purchase_stars
from app.mock_backend.rules.engagement import REFERRAL_BONUS, referral_bonus_due
from app.mock_backend.rules.gifts import check_gift, sent_on_day
from app.mock_backend.rules.offers import offers_for_visit, title_texts
from app.mock_backend.rules.redemptions import check_use, code_expires_at
from app.mock_backend.services.offers import member_offers
from app.mock_backend.store import Store
from app.mock_backend.texts import Money, Stars, say


def record_purchase(store: Store, member: Member, amount: float, store_name: str, at: datetime) -> Entry:
    """Earn Stars for a purchase and pay the referral bonus if this is a referred member's first purchase.

    Args:
        store: The store.
        member: The buyer (already maintained at ``at``).
        amount: Money spent.
        store_name: Where.
        at: When.

    Returns:
        The purchase's activity entry (its ``stars`` may be 0 for a tiny purchase).
    """
    with store.lock:
        tier = tiers.tier_for(tiers.qualifying_stars(member.batches, at))
        # Offers apply only once activated, to the next qualifying visit, once (rules.offers.offers_for_visit).
        visit = offers_for_visit(
            member_offers(store, member, at), member.offers_activated, member.offers_used, amount, at
        )
        stars = purchase_stars(amount, tier, visit.multiplier)
        purchases_before = len(member.history.visits)
        member.history.visits.append((at, amount))
        reason = say("purchase_at", store=store_name, amount=Money(amount))
        multiplied = [o for o in visit.applied if o.multiplier > 1 and o.multiplier == visit.multiplier]
        if multiplied:
            reason = say(
                "purchase_at_offer",
                store=store_name,
                amount=Money(amount),
                offer=title_texts(multiplied[0]),
                multiplier=visit.multiplier,
            )
        if stars > 0:
            entry = store.credit(member, "purchase", stars, reason, at)
            store.add_event(member, "stars_earned", say("plus_stars", stars=Stars(stars)), reason, at, stars)
        else:
            entry = store.write_entry(member, "purchase", 0, reason, at)
        for offer in visit.applied:
            member.offers_used[offer.id] = at
            if offer.bonus_stars > 0:
                title = title_texts(offer)
                store.credit(member, "bonus", offer.bonus_stars, say("offer_bonus", offer=title), at)
                said = say("plus_bonus_stars", stars=Stars(offer.bonus_stars))
                store.add_event(member, "stars_earned", said, say("as_written", text=title), at, offer.bonus_stars)
        if referral_bonus_due(member.referred_by, purchases_before, member.referral_paid):
            _pay_referral(store, member, at)
        store.settle(member, at)
        return entry


def _pay_referral(store: Store, member: Member, at: datetime) -> None:
    member.referral_paid = True
    referrer = store.members.get(member.referred_by or "")
    if referrer is None:
        return
    store.maintain(referrer, at)
    referrer.history.referrals_completed.append(at)
    # Both sides get the bonus, each entry naming the other.
    for paid, reason, other in ((member, "referred_welcome", referrer), (referrer, "referral_paid", member)):
        store.credit(paid, "referral", REFERRAL_BONUS, say(reason, name=other.name), at, counterparty=other.name)
    body = say("referred_welcome_body", stars=Stars(REFERRAL_BONUS))
    store.add_event(member, "stars_earned", say("welcome_bonus"), body, at, REFERRAL_BONUS)
    body = say("referral_paid_body", name=member.name)
    store.add_event(referrer, "stars_earned", say("referral_bonus"), body, at, REFERRAL_BONUS)
    store.settle(referrer, at)


def redeem(store: Store, member: Member, reward_id: str, at: datetime) -> RedemptionRecord:
    """Spend Stars on a reward, oldest Stars first, taking one unit of stock.

    Raises:
        Refusal: see ``rules.catalog.check_redeem``.
    """
    with store.lock:
        tier = tiers.tier_for(tiers.qualifying_stars(member.batches, at)).name
        reward = check_redeem(reward_by_id(reward_id), tier, store.stock.get(reward_id), store.balance(member, at))
        stock = store.stock.get(reward.id)
        if stock is not None:
            store.stock[reward.id] = stock - 1
        entry = store.debit(member, "redeem", reward.cost, say("redeemed", reward=reward.name), at)
        code = "".join(store.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        record = RedemptionRecord(
            store.next_id("red"),
            member.id,
            reward.id,
            reward.name.en,
            reward.cost,
            code,
            at,
            entry.balance_after,
            expires_at=code_expires_at(at),
        )
        store.redemptions[record.id] = record
        member.history.redemptions.append(at)
        ready, show = say("reward_ready", reward=reward.name), say("show_code", code=code)
        store.add_event(member, "reward_redeemed", ready, show, at, -reward.cost, records_request=True)
        store.settle(member, at)
        return record


def gift(store: Store, sender: Member, friend_id: str, stars: int, message: str | None, at: datetime) -> GiftRecord:
    """Move Stars from a member to a friend; both see the entry with its message.

    Raises:
        Refusal: see ``rules.gifts.check_gift``.
    """
    with store.lock:
        message = (message or "").strip() or None
        recipient = store.members.get(friend_id)
        check_gift(
            sender_id=sender.id,
            recipient_id=friend_id,
            is_friend=recipient is not None and friend_id in sender.friends,
            stars=stars,
            message=message,
            balance=store.balance(sender, at),
            sent_today=sent_on_day(sender.gifts_sent, at, sender.time_zone),
        )
        assert recipient is not None
        store.maintain(recipient, at)
        out = store.debit(
            sender, "gift_out", stars, say("gift_to", name=recipient.name), at, counterparty=recipient.name,
            message=message,
        )
        store.credit(
            recipient, "gift_in", stars, say("gift_from", name=sender.name), at, counterparty=sender.name,
            message=message,
        )
        sender.gifts_sent.append((at, stars))
        sender.history.gifts_sent.append(at)
        record = GiftRecord(store.next_id("gift"), sender.id, recipient.id, stars, message, at, out.balance_after)
        store.gifts[record.id] = record
        said = say("as_written", text=message or "")
        received = say("gift_received", name=sender.name, stars=Stars(stars))
        store.add_event(recipient, "gift_received", received, said, at, stars)
        # The sender's other devices (a phone and a laptop both open) learn of it as the recipient's do.
        sent = say("gift_sent", name=recipient.name, stars=Stars(stars))
        store.add_event(sender, "gift_sent", sent, said, at, -stars, records_request=True)
        store.settle(sender, at)
        store.settle(recipient, at)
        return record


def use_code(store: Store, member: Member, record: RedemptionRecord, at: datetime) -> RedemptionRecord:
    """The code was scanned at the counter: it is used from now on (once; an expired code cannot be used).

    Raises:
        Refusal: see ``rules.redemptions.check_use``.
    """
    with store.lock:
        check_use(record.expires_at, record.used_at, at)
        record.used_at = at
        reward = reward_by_id(record.reward_id)
        name = reward.name if reward else record.reward_name
        enjoyed, used = say("reward_enjoyed", reward=name), say("code_used", code=record.code)
        store.add_event(member, "reward_used", enjoyed, used, at)
        member.changed_at = at
        return record
