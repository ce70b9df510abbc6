"""Turn store records into the wire models of ``app.api.models`` (read-only; callers hold the lock).

Every response body the backend sends is built here. A record's fields carry the same names and types as the wire
model's (``records.py`` is typed with the contract's literals), so most models are filled by ``_wire``, which
copies the same-named attributes and validates them as the model declares.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any, TypeVar

from app.api import models
from app.mock_backend import texts
from app.mock_backend.auth import IssuedTokens
from app.mock_backend.records import (
    AskRecord,
    Entry,
    EventRecord,
    FriendRequestRecord,
    GiftRecord,
    MailRecord,
    Member,
    RedemptionRecord,
    ThanksRecord,
)
from app.mock_backend.rules import asks as asks_rules
from app.mock_backend.rules import daily_game as daily_game_rules
from app.mock_backend.rules import inbox as inbox_rules
from app.mock_backend.rules import ledger
from app.mock_backend.rules import sharing as sharing_rules
from app.mock_backend.rules import streak as streak_rules
from app.mock_backend.rules.badge_texts import texts_of
from app.mock_backend.rules.badges import all_badges
from app.mock_backend.rules.catalog import (
    CATALOG,
    RewardDef,
    lock_reason,
    next_step,
    reward_by_id,
    suggest_for_expiring,
)
from app.mock_backend.rules.challenges import challenge_progress, challenge_status
from app.mock_backend.rules.daily_game import Play
from app.mock_backend.rules.engagement import (
    BIRTHDAY_RULE,
    REFERRAL_BONUS,
    SURVEY_BONUS,
    SURVEY_QUESTIONS,
    SURVEY_TITLE,
    survey_id_for,
)
from app.mock_backend.rules.gifts import DAILY_CAP, MAX_PER_GIFT, MIN_PER_GIFT, allowance, sent_on_day
from app.mock_backend.rules.redemptions import code_status
from app.mock_backend.rules.thanks import STICKERS
from app.mock_backend.rules.timeutil import zone
from app.mock_backend.services.goals import goal_of
from app.mock_backend.services.offers import offers_for
from app.mock_backend.store import Store
from app.mock_backend.texts import Stars, pick

M = TypeVar("M", bound=models.Response)


def _wire(model: type[M], source: object, **extra: Any) -> M:
    """``model`` filled from the attributes of ``source`` that it declares, then from ``extra``.

    A catalogue text (``texts.Texts``: a reward's name, a challenge's title) is written in the reader's language.
    """
    fields = {name: _said(getattr(source, name)) for name in model.model_fields if hasattr(source, name)}
    return model.model_validate(fields | extra)


wire = _wire
"""``_wire`` for the other modules that build responses (``present_social``)."""


def _said(value: object) -> object:
    return pick(value) if isinstance(value, texts.Texts) else value


def profile(member: Member) -> models.Profile:
    return _wire(models.Profile, member, birthday_rule=pick(_BIRTHDAY_RULE))


_BIRTHDAY_RULE = texts.Texts(
    BIRTHDAY_RULE, "Te regalamos Estrellas el día de tu cumpleaños (o la semana siguiente), una vez al año."
)
_GAME_NAME = texts.Texts(daily_game_rules.GAME_NAME, "Rasca y gana del día")
_GAME_RULE = texts.Texts(
    daily_game_rules.RULE_TEXT,
    "Un rasca y gana al día (tu día, desde medianoche). Todos los cartones ganan Estrellas; las probabilidades "
    "están abajo.",
)


def activity_entry(entry: Entry) -> models.ActivityEntry:
    """An activity entry, its reason written in the reader's language."""
    return _wire(models.ActivityEntry, entry, reason=texts.render(entry.reason))


def activity_page(entries: Sequence[Entry], next_cursor: str | None) -> models.ActivityPage:
    items = [activity_entry(e) for e in entries]
    return models.ActivityPage(items=items, next_cursor=next_cursor, expiry_months=ledger.EXPIRY_MONTHS)


def tier_progress(store: Store, member: Member, at: datetime) -> models.TierProgress:
    return store.tier_status(member, at)


def _available(store: Store, member: Member) -> list[RewardDef]:
    return [r for r in CATALOG if lock_reason(r, member.tier, store.stock.get(r.id)) is None]


def rewards(store: Store, member: Member, at: datetime) -> list[models.Reward]:
    balance = store.balance(member, at)
    out = []
    for r in CATALOG:
        stock = store.stock.get(r.id)
        reason = lock_reason(r, member.tier, stock)
        out.append(
            _wire(
                models.Reward,
                r,
                stock=stock,
                can_redeem=reason is None and balance >= r.cost,
                stars_missing=max(0, r.cost - balance),
                locked_reason=reason,
                is_goal=r.id == member.goal_reward_id,
            )
        )
    return out


def badges(store: Store, member: Member, at: datetime) -> list[models.Badge]:
    out = []
    for p in all_badges(store.history(member, at), at):
        said = texts_of(p.badge)
        out.append(
            _wire(
                models.Badge,
                p.badge,
                name=pick(said.name),
                description=pick(said.description),
                criteria=pick(said.criteria),
                family_name=pick(said.family_name),
                progress=p.progress,
                earned_at=p.earned_at,
                share_text=texts.text("badge_share", badge=said.name, description=said.description)
                if p.earned_at
                else None,
            )
        )
    return out


def challenges(store: Store, member: Member, at: datetime) -> list[models.Challenge]:
    out = []
    for c in store.challenges.values():
        part = member.challenges.get(c.id)
        joined, completed = (part.joined_at, part.completed_at) if part else (None, None)
        progress = c.target if completed else challenge_progress(c, joined, member.history)
        status = challenge_status(c, joined, completed, at)
        out.append(
            _wire(
                models.Challenge,
                c,
                progress=progress,
                status=status,
                joined_at=joined,
                completed_at=completed,
            )
        )
    return out


def challenge(store: Store, member: Member, challenge_id: str, at: datetime) -> models.Challenge:
    return next(c for c in challenges(store, member, at) if c.id == challenge_id)


def offers(store: Store, member: Member, at: datetime) -> list[models.Offer]:
    """The offers the member sees (the program's and one picked for them), with their status."""
    return offers_for(store, member, at)


def _next_reward(balance: int, available: list[RewardDef]) -> models.NextReward | None:
    step = next_step(balance, available)
    if step is None:
        return None
    cost, reward = step
    return models.NextReward(
        cost=cost,
        stars_missing=max(0, cost - balance),
        progress=round(min(1.0, balance / cost), 4),
        reward_name=pick(reward.name) if reward else None,
    )


def _expiring(member: Member, balance: int, available: list[RewardDef], at: datetime) -> models.ExpiringSoon | None:
    soon = ledger.expiring_within(member.batches, at, member.time_zone)
    if soon is None:
        return None
    suggested = suggest_for_expiring(soon.stars, balance, available)
    return models.ExpiringSoon(
        stars=soon.stars,
        on=soon.on,
        days_left=soon.days_left,
        suggested_reward=_wire(models.RewardRef, suggested) if suggested else None,
    )


def summary(store: Store, member: Member, at: datetime) -> models.Summary:
    """Everything the Home screen needs. ``as_of`` is the member's last change, so the ETag stays stable."""
    balance = store.balance(member, at)
    available = _available(store, member)
    all_badge_models = badges(store, member, at)
    earned = sorted((b for b in all_badge_models if b.earned_at), key=lambda b: b.earned_at or at)
    active = [c for c in challenges(store, member, at) if c.status in ("open", "joined")]
    return models.Summary(
        name=member.name,
        balance=balance,
        tier=tier_progress(store, member, at),
        next_reward=_next_reward(balance, available),
        expiring=_expiring(member, balance, available, at),
        challenges=active,
        newest_badge=earned[-1] if earned else None,
        badges_earned=len(earned),
        badges_total=len(all_badge_models),
        offers=offers(store, member, at),
        as_of=member.changed_at or member.joined_at,
        goal=goal_of(store, member, at),
        streak=streak(member, at),
        daily_game=daily_game(member, at),
    )


def redemption(record: RedemptionRecord, member: Member, at: datetime) -> models.Redemption:
    qr = f"starboard:redemption:{record.id}:{record.code}:{member.member_number}"
    status = code_status(record.expires_at, record.used_at, at)
    reward = reward_by_id(record.reward_id)  # the name in the reader's language (the record keeps the first one's)
    name = pick(reward.name) if reward else record.reward_name
    return _wire(models.Redemption, record, qr_payload=qr, status=status, reward_name=name)


def gift(store: Store, record: GiftRecord) -> models.Gift:
    sender, recipient = store.members[record.from_id], store.members[record.to_id]
    return _wire(models.Gift, record, from_name=sender.name, to_name=recipient.name)


def gift_allowance(store: Store, member: Member, at: datetime) -> models.GiftAllowance:
    balance = store.balance(member, at)
    allowed = allowance(balance, sent_on_day(member.gifts_sent, at, member.time_zone))
    return _wire(
        models.GiftAllowance,
        allowed,
        balance=balance,
        min_per_gift=MIN_PER_GIFT,
        max_per_gift=MAX_PER_GIFT,
        daily_cap=DAILY_CAP,
        message_max_chars=models.MAX_MESSAGE_CHARS,
    )


def card(store: Store, member: Member, at: datetime) -> models.MemberCard:
    # The payload changes every minute, like a rotating in-store code; the till would verify it server-side.
    payload = f"starboard:member:{member.member_number}:{at:%Y%m%d%H%M}"
    return _wire(models.MemberCard, member, qr_payload=payload, balance=store.balance(member, at), as_of=at)


def event(record: EventRecord) -> models.Event:
    """An event, its title and body written in the reader's language."""
    return _wire(
        models.Event,
        record,
        title=texts.render(record.title),
        body=texts.render(record.body),
        inbox=record.kind in inbox_rules.EVENT_ITEMS,
    )


def events_page(records: Sequence[EventRecord], after: int) -> models.EventsPage:
    return models.EventsPage(events=[event(e) for e in records], cursor=records[-1].id if records else after)


def friend(member: Member) -> models.Friend:
    return _wire(models.Friend, member)


def referral(store: Store, member: Member) -> models.Referral:
    referred = [m for m in store.members.values() if m.referred_by == member.id]
    done = sum(1 for m in referred if m.referral_paid)
    return models.Referral(
        code=member.referral_code,
        bonus_stars=REFERRAL_BONUS,
        share_text=texts.text("referral_share", code=member.referral_code, stars=Stars(REFERRAL_BONUS)),
        pending=len(referred) - done,
        completed=done,
    )


def survey(member: Member, at: datetime) -> models.Survey:
    survey_id = survey_id_for(at)
    return models.Survey(
        id=survey_id,
        title=pick(SURVEY_TITLE),
        stars=SURVEY_BONUS,
        questions=[
            models.SurveyQuestion(id=qid, text=pick(question), choices=[pick(c) for c in choices])
            for qid, (question, choices) in SURVEY_QUESTIONS.items()
        ],
        answered=survey_id in member.surveys,
    )


def earn_result(entry: Entry) -> models.EarnResult:
    return _wire(models.EarnResult, entry, message=texts.text("earn_thanks", stars=Stars(entry.stars)))


def purchase_result(
    entry: Entry, caused: Sequence[Entry], events: Sequence[EventRecord], balance: int
) -> models.PurchaseResult:
    """A purchase and everything it caused: the bonuses it completed and the balance after all of them."""
    worth_telling = [e for e in events if e.celebrate]
    return _wire(
        models.PurchaseResult,
        entry,
        entry=activity_entry(entry),
        bonuses=[activity_entry(e) for e in caused if e.id != entry.id],
        events=[event(e) for e in worth_telling],
        balance_after=balance,
    )


def token_pair(tokens: IssuedTokens) -> models.TokenPair:
    return _wire(models.TokenPair, tokens)


# ---------------------------------------------------------------- joining, password reset, demo outbox


def signup_started(email: str, expires_in: int) -> models.SignupStarted:
    return models.SignupStarted(
        detail=texts.text("signup_started", email=email.strip()), expires_in=expires_in
    )


def reset_started(email: str, expires_in: int) -> models.PasswordResetStarted:
    return models.PasswordResetStarted(
        detail=texts.text("reset_started", email=email.strip()), expires_in=expires_in
    )


def outbox_message(mail: MailRecord) -> models.OutboxMessage:
    return models.OutboxMessage(to=mail.to, subject=mail.subject, body=mail.body, sent_at=mail.sent_at)
# ---------------------------------------------------------------- friend requests, asks and thank-yous


def friend_request(store: Store, record: FriendRequestRecord) -> models.FriendRequest:
    sender, recipient = store.members[record.from_id], store.members[record.to_id]
    return _wire(models.FriendRequest, record, from_name=sender.name, to_name=recipient.name)


def friend_requests(
    store: Store, incoming: Sequence[FriendRequestRecord], outgoing: Sequence[FriendRequestRecord]
) -> models.FriendRequests:
    return models.FriendRequests(
        incoming=[friend_request(store, r) for r in incoming], outgoing=[friend_request(store, r) for r in outgoing]
    )


def ask(store: Store, record: AskRecord, at: datetime) -> models.StarAsk:
    asker, friend = store.members[record.from_id], store.members[record.to_id]
    status = asks_rules.status_at(record.status, record.expires_at, at)
    return _wire(models.StarAsk, record, from_name=asker.name, to_name=friend.name, status=status)


def asks(store: Store, incoming: Sequence[AskRecord], outgoing: Sequence[AskRecord], at: datetime) -> models.Asks:
    return models.Asks(
        incoming=[ask(store, a, at) for a in incoming],
        outgoing=[ask(store, a, at) for a in outgoing],
        expires_after_days=asks_rules.EXPIRES_AFTER.days,
    )


def sticker(sticker_id: models.StickerId) -> models.Sticker:
    emoji, name = STICKERS[sticker_id]
    return models.Sticker(id=sticker_id, emoji=emoji, name=name)


def thank_you(store: Store, record: ThanksRecord) -> models.ThankYou:
    gift_record = store.gifts[record.gift_id]
    return _wire(
        models.ThankYou,
        record,
        from_name=store.members[record.from_id].name,
        to_name=store.members[record.to_id].name,
        stars=gift_record.stars,
        sticker=sticker(record.sticker) if record.sticker else None,
    )


def thanks(
    store: Store, received: Sequence[ThanksRecord], sent: Sequence[ThanksRecord], to_thank: Sequence[GiftRecord]
) -> models.Thanks:
    return models.Thanks(
        received=[thank_you(store, t) for t in received],
        sent=[thank_you(store, t) for t in sent],
        to_thank=[
            models.GiftToThank(
                gift_id=g.id,
                from_name=store.members[g.from_id].name,
                stars=g.stars,
                message=g.message,
                created_at=g.created_at,
            )
            for g in to_thank
        ],
        stickers=[sticker(s) for s in STICKERS],
        message_max_chars=models.MAX_THANKS_CHARS,
    )


# ---------------------------------------------------------------- habits


def streak(member: Member, at: datetime) -> models.Streak:
    facts = streak_rules.streak_facts([v for v, _ in member.history.visits], member.time_zone, at)
    return models.Streak(
        weeks=facts.weeks,
        best=facts.best,
        freezes=facts.freezes,
        max_freezes=streak_rules.MAX_FREEZES,
        weeks_per_freeze=streak_rules.WEEKS_PER_FREEZE,
        weeks_to_next_freeze=facts.weeks_to_next_freeze,
        visited_this_week=facts.visited_this_week,
        lost=facts.lost_weeks > 0,
        week_ends_at=streak_rules.week_ends_at(at, member.time_zone),
        recent=[models.StreakWeek(week_of=week, mark=mark) for week, mark in facts.marks],
        message=streak_rules.streak_message(facts),
        rule=texts.text("streak_rule", weeks=streak_rules.WEEKS_PER_FREEZE, freezes=streak_rules.MAX_FREEZES),
    )


def game_play(member: Member, play: Play) -> models.GamePlay:
    entry = next(e for e in reversed(member.entries) if e.id == play.entry_id)
    return models.GamePlay(
        day=play.day,
        stars=play.stars,
        played_at=play.played_at,
        message=texts.text("game_won", stars=Stars(play.stars)),
        balance_after=entry.balance_after,
        entry_id=play.entry_id,
    )


def daily_game(member: Member, at: datetime) -> models.DailyGame:
    play = daily_game_rules.todays_play(member.game_plays, at, member.time_zone)
    day = daily_game_rules.game_day(at, member.time_zone)
    return models.DailyGame(
        name=pick(_GAME_NAME),
        day=day,
        can_play=play is None,
        play=game_play(member, play) if play else None,
        next_play_at=datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone(member.time_zone)),
        odds=[models.GameOdds(stars=s, chance_percent=p) for s, p in daily_game_rules.PRIZES],
        rule=pick(_GAME_RULE),
    )


def share_result(store: Store, member: Member, stars: int, at: datetime) -> models.ShareResult:
    message = texts.text("share_thanks", stars=Stars(stars)) if stars else texts.text("share_already")
    return models.ShareResult(
        credited=stars > 0,
        stars=stars,
        balance_after=store.balance(member, at),
        message=message,
        rule=texts.text("share_rule", stars=Stars(sharing_rules.SHARE_BONUS)),
    )
