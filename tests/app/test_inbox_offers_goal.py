"""Inbox, offers and goal states over a real session and the in-process mock backend."""

from __future__ import annotations

from app.api.client import LoyaltyClient, new_idempotency_key
from app.state import HomeState, InboxState, OffersState, ProfileState, RewardsState, Session
from tests.app.conftest import NO_WAIT
from tests.support.demo import DEMO_PASSWORD, GRACE


async def _grace(backend: object) -> LoyaltyClient:
    grace = LoyaltyClient.in_process(backend, retry=NO_WAIT)
    await grace.sign_in(GRACE, DEMO_PASSWORD)
    return grace


def _count_inbox_loads(session: Session) -> list[None]:
    """Every inbox request the session's client makes from now on adds one item to the returned list."""
    loads: list[None] = []
    original = session.client.inbox

    async def counted() -> object:
        loads.append(None)
        return await original()

    session.client.inbox = counted  # type: ignore[method-assign]
    return loads


async def test_a_gift_appears_in_the_inbox_live_and_opening_it_lowers_the_unread_count(
    session: Session, backend: object
) -> None:
    inbox = session.screen(InboxState)
    await inbox.ensure_loaded()
    await session.live.poll_once()  # catches up: what happened before is not news
    before = inbox.unread
    grace = await _grace(backend)
    ada_id = next(f.id for f in await grace.friends() if f.name.startswith("Ada"))
    await grace.gift_stars(ada_id, 7, "For your next flat white", idempotency_key=new_idempotency_key())
    await grace.aclose()

    await session.live.poll_once()  # the live updates' events reach the inbox, whatever their transport

    newest = inbox.items[0]
    assert (newest.kind, newest.body, newest.stars, newest.read) == ("gifts", "For your next flat white", 7, False)
    assert inbox.unread == before + 1
    await inbox.open_item(newest)
    assert inbox.unread == before and inbox.items[0].read
    await inbox.mark_all_read()
    assert inbox.unread == 0 and all(i.read for i in inbox.items)


async def test_preferences_turn_a_kind_off_but_not_account_notices(session: Session) -> None:
    inbox = session.screen(InboxState)
    await inbox.ensure_loaded()
    await inbox.set_preference("offers", False)
    assert all(i.kind != "offers" for i in inbox.items)
    assert {p.kind: p.enabled for p in inbox.preferences}["offers"] is False
    await inbox.set_preference("account", False)
    assert inbox.preference_error and "always on" in inbox.preference_error
    assert {p.kind: p.enabled for p in inbox.preferences}["account"] is True


async def test_an_activated_offer_doubles_the_next_simulated_visit_only(session: Session) -> None:
    offers = session.screen(OffersState)
    await offers.ensure_loaded()
    double = next(o for o in offers.offers if o.id == "double-star-day")
    await offers.activate(double)
    await offers.activate(double)  # a second tap: already activated, nothing more is sent
    assert {o.id: o.status for o in offers.offers}["double-star-day"] == "activated"
    profile = session.screen(ProfileState)
    profile.set_visit_amount("10")
    await profile.simulate_visit()
    first = profile.last_visit
    await profile.simulate_visit()
    second = profile.last_visit
    assert first is not None and second is not None
    assert "Double Star Day x2" in first.entry.reason and first.stars == 2 * second.stars
    await offers.ensure_loaded()  # a visit invalidated the offers (it shows Stars)
    assert {o.id: o.status for o in offers.offers}["double-star-day"] == "used"


async def test_a_goal_set_on_rewards_drives_homes_bar(session: Session) -> None:
    rewards, home = session.screen(RewardsState), session.screen(HomeState)
    await rewards.ensure_loaded()
    await home.ensure_loaded()
    assert home.summary is not None and home.summary.goal is None
    dearest = max(rewards.rewards, key=lambda r: r.cost)
    await rewards.set_goal(dearest)
    assert rewards.goal is not None and rewards.goal.id == dearest.id
    await home.ensure_loaded()  # invalidated by the new goal: loads again
    assert home.summary is not None and home.summary.goal is not None
    assert home.summary.goal.reward.id == dearest.id and not home.summary.goal.reached
    cheapest = min(rewards.rewards, key=lambda r: r.cost)
    await rewards.set_goal(cheapest)
    await home.ensure_loaded()
    assert home.summary.goal is not None and home.summary.goal.reached  # Ada has more than 25 Stars
    await rewards.clear_goal()
    await home.ensure_loaded()
    assert home.summary.goal is None and rewards.goal is None


async def test_the_top_bar_count_comes_with_the_summary_and_the_inbox_loads_only_when_it_changed(
    session: Session, backend: object
) -> None:
    inbox, home = session.screen(InboxState), session.screen(HomeState)
    loads = _count_inbox_loads(session)
    await home.ensure_loaded()
    assert home.summary is not None and session.member.inbox_unread == home.summary.inbox_unread
    await inbox.keep_count_current()  # sign-in and every navigation: the summary's count stands
    assert len(loads) == 0 and inbox.status == "idle"

    await session.live.poll_once()  # catches up: what happened before is not news
    grace = await _grace(backend)
    ada_id = next(f.id for f in await grace.friends() if f.name.startswith("Ada"))
    await grace.gift_stars(ada_id, 4, "", idempotency_key=new_idempotency_key())
    await grace.aclose()
    before = session.member.inbox_unread
    await session.live.poll_once()  # inbox news loads the inbox, opened or not
    assert len(loads) == 1 and session.member.inbox_unread == before + 1 == inbox.unread

    await inbox.mark_all_read()
    assert session.member.inbox_unread == 0
    inbox.invalidate()  # something the inbox shows changed (an activated offer)
    await inbox.keep_count_current()
    assert len(loads) == 2


async def test_the_inbox_loads_again_only_for_events_that_put_an_item_in_it(session: Session, backend: object) -> None:
    inbox = session.screen(InboxState)
    await inbox.ensure_loaded()
    await session.live.poll_once()
    loads = _count_inbox_loads(session)
    await session.client.simulate_purchase(6.0, idempotency_key=new_idempotency_key())
    events = await session.live.poll_once()
    assert events and not any(e.inbox for e in events)  # a purchase is no inbox news
    assert len(loads) == 0

    grace = await _grace(backend)
    ada_id = next(f.id for f in await grace.friends() if f.name.startswith("Ada"))
    await grace.gift_stars(ada_id, 3, "", idempotency_key=new_idempotency_key())
    await grace.aclose()
    events = await session.live.poll_once()
    assert any(e.inbox and e.kind == "gift_received" for e in events)
    assert len(loads) == 1
