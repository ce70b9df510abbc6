"""The client against the mock backend, in-process and over real HTTP (see conftest: every test runs twice)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from app.api import errors
from app.api import models as m
from app.api.client import new_idempotency_key
from app.mock_backend.rules.joining import WELCOME_BONUS
from tests.contract.conftest import MakeClient, NewMember, befriend

WELCOME = WELCOME_BONUS
"""Every new member starts with the welcome bonus (`Program.welcome_bonus`)."""


async def test_demo_member_signs_in_and_sees_a_living_program(make_client: MakeClient) -> None:
    from app.mock_backend.seed import DEMO_PASSWORD

    client = make_client()
    await client.sign_in("ada@example.com", DEMO_PASSWORD)
    summary = await client.summary()
    assert summary.balance > 0
    assert summary.tier.tier == "Gold"
    assert summary.challenges, "Ada has active challenges"
    page = await client.activity(limit=5)
    assert len(page.items) == 5 and page.next_cursor
    assert all(entry.reason for entry in page.items)


async def test_wrong_password_is_refused_with_invalid_credentials(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(errors.Unauthorized) as info:
        await client.sign_in("ada@example.com", "not-the-password")
    assert "password" in errors.user_message(info.value).lower()
    assert not client.signed_in


async def test_program_describes_tiers_ladder_and_gift_rules(make_client: MakeClient) -> None:
    program = await make_client().program()
    assert program.currency == "Stars"
    assert [(t.name, t.threshold) for t in program.tiers] == [("Green", 0), ("Gold", 500), ("Reserve", 2500)]
    assert program.reward_ladder == [25, 60, 100, 200, 300, 400]
    assert (program.gift_rules.min_per_gift, program.gift_rules.max_per_gift) == (1, 500)
    assert program.gift_rules.daily_cap == 1000
    assert program.rules_text


async def test_purchase_earns_two_stars_per_unit_and_shows_in_activity(new_member: NewMember) -> None:
    client = await new_member(spend=0)
    result = await client.simulate_purchase(12.5, "Starboard Test Store")
    assert result.stars == 25  # Green: 2 Stars per unit (offers apply only once activated)
    assert result.balance_after == WELCOME + result.stars
    newest = (await client.activity(limit=1)).items[0]
    assert newest.kind == "purchase" and newest.stars == result.stars
    assert "Starboard Test Store" in newest.reason


async def test_summary_is_revalidated_with_etag_and_reflects_changes(new_member: NewMember) -> None:
    client = await new_member(spend=50)
    first = await client.summary()
    again = await client.summary()
    assert again == first
    await client.simulate_purchase(5)
    changed = await client.summary()
    assert changed.balance > first.balance


async def test_redeem_same_key_twice_and_concurrently_spends_once(new_member: NewMember) -> None:
    client = await new_member(spend=100)
    balance = (await client.summary()).balance
    rewards = await client.rewards()
    reward = next(r for r in rewards if r.can_redeem and r.cost <= 100 and r.stock is None)
    key = new_idempotency_key()
    results = await asyncio.gather(*(client.redeem_reward(reward.id, idempotency_key=key) for _ in range(5)))
    assert len({r.id for r in results}) == 1
    again = await client.redeem_reward(reward.id, idempotency_key=key)
    assert again.id == results[0].id
    assert (await client.summary()).balance == balance - reward.cost
    assert len(await client.redemptions()) == 1


async def test_same_key_with_a_different_body_is_refused(new_member: NewMember) -> None:
    client = await new_member(spend=200)
    rewards = [r for r in await client.rewards() if r.can_redeem and r.stock is None]
    key = new_idempotency_key()
    await client.redeem_reward(rewards[0].id, idempotency_key=key)
    with pytest.raises(errors.ApiStatusError) as info:
        await client.redeem_reward(rewards[1].id, idempotency_key=key)
    assert info.value.status in (409, 422)


async def test_redeem_without_enough_stars_is_refused_and_moves_nothing(new_member: NewMember) -> None:
    client = await new_member(spend=0)  # the welcome bonus alone buys nothing yet
    balance = (await client.summary()).balance
    reward = min((r for r in await client.rewards() if r.tier_required is None), key=lambda r: r.cost)
    assert balance < reward.cost
    assert not reward.can_redeem and reward.stars_missing == reward.cost - balance
    with pytest.raises(errors.InsufficientBalance):
        await client.redeem_reward(reward.id, idempotency_key=new_idempotency_key())
    assert (await client.summary()).balance == balance


async def test_gift_moves_stars_once_and_both_sides_see_it(new_member: NewMember) -> None:
    sender = await new_member(name="Sender", spend=100)
    recipient = await new_member(name="Recipient")
    _, to = await befriend(sender, recipient)
    balance = (await sender.summary()).balance
    key = new_idempotency_key()
    gifts = await asyncio.gather(*(sender.gift_stars(to.id, 25, "Coffee on me", idempotency_key=key) for _ in range(3)))
    assert {g.id for g in gifts} == {gifts[0].id}
    assert (await sender.summary()).balance == balance - 25
    assert (await recipient.summary()).balance == WELCOME + 25
    sent = (await sender.activity(kind="gifts")).items[0]
    received = (await recipient.activity(kind="gifts")).items[0]
    assert (sent.stars, received.stars) == (-25, 25)
    assert sent.message == received.message == "Coffee on me"
    events = await recipient.events(after=0)
    assert any(e.kind == "gift_received" and e.stars == 25 for e in events.events)
    assert (await recipient.events(after=events.cursor)).events == []


@pytest.mark.parametrize(
    ("stars", "expected"),
    [(0, errors.ValidationFailed), (-5, errors.ValidationFailed), (501, errors.GiftLimitExceeded)],
)
async def test_gift_outside_limits_is_refused_on_the_stars_field(
    new_member: NewMember, stars: int, expected: type[errors.ApiStatusError]
) -> None:
    sender = await new_member(spend=300)
    recipient = await new_member()
    _, to = await befriend(sender, recipient)
    balance = (await sender.summary()).balance
    with pytest.raises(errors.ApiStatusError) as info:
        await sender.gift_stars(to.id, stars, None, idempotency_key=new_idempotency_key())
    assert isinstance(info.value, expected) or info.value.code in ("validation_error", "gift_limit_exceeded")
    assert info.value.field == "stars"
    assert (await sender.summary()).balance == balance
    assert (await recipient.summary()).balance == WELCOME


async def test_gift_to_a_stranger_is_refused(new_member: NewMember) -> None:
    sender = await new_member(spend=50)
    stranger = await (await new_member()).me()
    balance = (await sender.summary()).balance
    with pytest.raises(errors.ApiStatusError) as info:
        await sender.gift_stars(stranger.id, 10, None, idempotency_key=new_idempotency_key())
    assert info.value.code in ("not_a_friend", "not_found")
    assert (await sender.summary()).balance == balance


async def test_gift_allowance_explains_the_daily_cap(new_member: NewMember) -> None:
    sender = await new_member(spend=1000)
    recipient = await new_member()
    _, to = await befriend(sender, recipient)
    await sender.gift_stars(to.id, 500, None, idempotency_key=new_idempotency_key())
    await sender.gift_stars(to.id, 400, None, idempotency_key=new_idempotency_key())
    allowance = await sender.gift_allowance()
    assert (allowance.sent_today, allowance.remaining_today, allowance.max_now) == (900, 100, 100)
    with pytest.raises(errors.GiftLimitExceeded):
        await sender.gift_stars(to.id, 101, None, idempotency_key=new_idempotency_key())


async def test_join_challenge_then_progress_counts(new_member: NewMember) -> None:
    client = await new_member(spend=10)
    open_ = [c for c in await client.challenges() if c.status == "open"]
    assert open_
    joined = await client.join_challenge(open_[0].id)
    assert joined.status == "joined" and joined.progress == 0
    with pytest.raises(errors.ApiStatusError):
        await client.join_challenge(open_[0].id)


async def test_badges_show_progress_toward_locked_ones(new_member: NewMember) -> None:
    client = await new_member(spend=10)
    badges = await client.badges()
    first_visit = [b for b in badges if b.earned_at is not None]
    locked = [b for b in badges if b.earned_at is None]
    assert first_visit and locked
    assert all(0 <= b.progress <= b.target for b in badges)


async def test_member_card_carries_the_number_and_qr_payload(new_member: NewMember) -> None:
    client = await new_member(spend=10)
    card, me = await client.card(), await client.me()
    assert card.member_number == me.member_number
    assert me.member_number in card.qr_payload
    assert card.balance == (await client.summary()).balance > 0


async def test_review_and_survey_credit_stars_once(new_member: NewMember) -> None:
    client = await new_member()
    earned = await client.write_review(m.ReviewCreate(rating=5, text="Lovely flat white, quick service."))
    assert earned.stars > 0
    with pytest.raises(errors.ApiStatusError):
        await client.write_review(m.ReviewCreate(rating=4, text="Second review on the same day."))
    survey = await client.survey()
    answers = {q.id: q.choices[0] for q in survey.questions}
    credited = await client.answer_survey(m.SurveyAnswers(survey_id=survey.id, answers=answers))
    assert credited.stars == survey.stars
    with pytest.raises(errors.ApiStatusError):
        await client.answer_survey(m.SurveyAnswers(survey_id=survey.id, answers=answers))
    assert (await client.summary()).balance == WELCOME + earned.stars + credited.stars


async def test_refresh_rotates_and_a_second_use_at_once_is_another_tab_of_the_same_sign_in(
    new_member: NewMember,
) -> None:
    # Reuse long after the first use is refused and ends the sign-in (tests/mock_backend/test_api_auth.py moves the
    # clock for that); at once, it is what a second tab of the same browser does: it gets a pair of its own.
    client = await new_member()
    old = client.tokens
    assert old is not None
    new = await client.refresh()
    assert new.refresh_token != old.refresh_token
    await client.restore(old)  # the other tab, holding the pair it read from the device
    again = await client.refresh()
    assert again.refresh_token not in (old.refresh_token, new.refresh_token)
    assert (await client.me()).email
    await client.sign_out()  # one sign-in, one family: signing out ends both tabs' pairs
    await client.restore(new)
    with pytest.raises(errors.SessionExpired):
        await client.refresh()


async def test_a_token_reads_only_its_own_member(new_member: NewMember) -> None:
    ada = await new_member(name="A", spend=10)
    bob = await new_member(name="B", spend=20)
    assert (await ada.me()).name == "A"
    assert (await bob.me()).name == "B"
    assert (await bob.card()).balance - WELCOME == 2 * ((await ada.card()).balance - WELCOME)


async def test_an_activated_offer_multiplies_the_next_purchase_once(new_member: NewMember) -> None:
    client = await new_member(spend=0)
    now = datetime.now(UTC)
    offer = next(o for o in await client.offers() if o.multiplier > 1 and o.starts_at <= now < o.ends_at)
    assert offer.status == "available"
    activated = await client.activate_offer(offer.id)
    assert activated.status == "activated"
    first = await client.simulate_purchase(12.5)
    second = await client.simulate_purchase(12.5)
    assert (first.stars, second.stars) == (int(25 * offer.multiplier), 25)
    assert {o.id: o.status for o in await client.offers()}[offer.id] == "used"


async def test_inbox_goal_and_preferences_through_the_client(new_member: NewMember) -> None:
    client = await new_member(spend=0)
    inbox = await client.inbox()
    assert inbox.unread == sum(1 for i in inbox.items if not i.read) and inbox.preferences
    assert (await client.mark_inbox_all_read()).unread == 0
    turned = await client.set_inbox_preference("offers", False)
    assert all(i.kind != "offers" for i in turned.items)
    with pytest.raises(errors.Conflict):
        await client.set_inbox_preference("account", False)
    goal = await client.set_goal("extra-shot")
    assert goal.reward.id == "extra-shot" and (await client.summary()).goal == goal
    await client.clear_goal()
    assert (await client.summary()).goal is None
