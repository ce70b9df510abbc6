"""Pure rules of issue 15: offers to activate (applied once), the inbox (kinds, read marks, preferences), goals."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.models import Event, InboxItem, Offer, RewardRef
from app.mock_backend import build_demo_store, texts
from app.mock_backend.rules import inbox, offers
from app.mock_backend.rules.catalog import reward_by_id
from app.mock_backend.rules.goals import check_goal, goal_progress
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.seed import ADA
from app.mock_backend.services.offers import activate
from app.mock_backend.services.wallet import record_purchase
from tests.support.clocks import frozen_clock

NOW = datetime(2025, 6, 18, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _offer(offer_id: str = "dsd", multiplier: float = 2.0, bonus: int = 0, min_spend: float = 0.0) -> Offer:
    return Offer(
        id=offer_id,
        title=offer_id,
        description="",
        multiplier=multiplier,
        bonus_stars=bonus,
        min_spend=min_spend,
        starts_at=NOW - DAY,
        ends_at=NOW + DAY,
    )


# ------------------------------------------------------------------ offers


def test_an_offer_not_activated_does_not_apply() -> None:
    visit = offers.offers_for_visit([_offer()], {}, {}, 10.0, NOW)
    assert (visit.applied, visit.multiplier, visit.bonus_stars) == ((), 1.0, 0)


def test_an_activated_offer_applies_to_the_next_qualifying_visit_and_then_is_used() -> None:
    offer = _offer()
    activated = {offer.id: NOW - DAY / 2}
    visit = offers.offers_for_visit([offer], activated, {}, 10.0, NOW)
    assert visit.applied == (offer,) and visit.multiplier == 2.0
    used = {offer.id: NOW}
    assert offers.offers_for_visit([offer], activated, used, 10.0, NOW + timedelta(minutes=5)).applied == ()


def test_a_visit_below_the_minimum_spend_does_not_use_the_offer() -> None:
    bonus = _offer("breakfast", multiplier=1.0, bonus=20, min_spend=8.0)
    activated = {bonus.id: NOW}
    assert offers.offers_for_visit([bonus], activated, {}, 7.99, NOW).applied == ()
    visit = offers.offers_for_visit([bonus], activated, {}, 8.0, NOW)
    assert (visit.multiplier, visit.bonus_stars) == (1.0, 20)


def test_an_offer_outside_its_window_does_not_apply() -> None:
    offer = _offer()
    activated = {offer.id: NOW}
    assert offers.offers_for_visit([offer], activated, {}, 10.0, offer.ends_at).applied == ()
    assert offers.offers_for_visit([offer], activated, {}, 10.0, offer.starts_at - DAY).applied == ()


def test_expired_offers_disappear_and_statuses_follow_the_member() -> None:
    live, old = _offer("live"), _offer("old").model_copy(update={"ends_at": NOW})
    shown = offers.visible_offers([live, old], {"live": NOW}, {}, NOW)
    assert [(o.id, o.status) for o in shown] == [("live", "activated")]
    assert offers.visible_offers([live], {"live": NOW}, {"live": NOW}, NOW)[0].status == "used"


def test_activating_an_ended_used_or_unknown_offer_is_refused() -> None:
    offer = _offer()
    with pytest.raises(Refusal) as unknown:
        offers.check_activate(None, {}, {}, NOW)
    assert (unknown.value.code, unknown.value.status) == ("unknown_offer", 404)
    with pytest.raises(Refusal) as used:
        offers.check_activate(offer, {offer.id: NOW}, {offer.id: NOW}, NOW)
    assert used.value.code == "offer_not_available"
    with pytest.raises(Refusal) as ended:
        offers.check_activate(offer, {}, {}, offer.ends_at)
    assert ended.value.code == "offer_not_available"
    assert offers.check_activate(offer, {offer.id: NOW}, {}, NOW) == offer  # again: a double tap, no error


def test_a_regular_gets_an_offer_picked_from_their_typical_spend() -> None:
    visits = [(NOW - DAY * d, amount) for d, amount in ((1, 8.0), (5, 10.0), (9, 12.0))]
    picked = offers.personal_offer(visits, NOW, "Europe/London")
    assert picked.personal and picked.min_spend == 13.0  # median 10 x 1.25 = 12.5 -> 13
    assert picked.bonus_stars == offers.PERSONAL_BONUS
    assert picked.starts_at <= NOW < picked.ends_at and picked.ends_at - picked.starts_at == timedelta(days=7)
    newcomer = offers.personal_offer([], NOW, "Europe/London")
    assert newcomer.min_spend == 0 and newcomer.bonus_stars == offers.WELCOME_BACK_BONUS


def test_the_personal_offer_runs_for_the_members_own_week() -> None:
    # Sunday 23:30 in Los Angeles is Monday in UTC: the member's week has not turned yet.
    sunday_night = datetime(2025, 6, 23, 6, 30, tzinfo=UTC)
    picked = offers.personal_offer([], sunday_night, "America/Los_Angeles")
    assert picked.starts_at.date() == date(2025, 6, 16) and picked.starts_at <= sunday_night < picked.ends_at


@given(st.lists(st.floats(min_value=0.5, max_value=200), min_size=1, max_size=8), st.integers(1, 6))
def test_each_activated_offer_applies_to_exactly_one_visit(amounts: list[float], activated_count: int) -> None:
    pool = [_offer(f"o{i}", multiplier=1.0 + i / 10, bonus=i) for i in range(activated_count)]
    activated = {o.id: NOW for o in pool}
    used: dict[str, datetime] = {}
    uses: dict[str, int] = {}
    for n, amount in enumerate(amounts):
        visit = offers.offers_for_visit(pool, activated, used, amount, NOW + timedelta(seconds=n))
        for o in visit.applied:
            uses[o.id] = uses.get(o.id, 0) + 1
            used[o.id] = NOW
    assert uses == {o.id: 1 for o in pool}


def test_racing_visits_use_an_activated_offer_once() -> None:
    clock = frozen_clock()
    store = build_demo_store(clock=clock)
    ada = store.member_by_email(ADA)
    assert ada is not None
    activate(store, ada, "double-star-day", clock())
    start = threading.Barrier(8)
    doubled: list[bool] = []

    def visit() -> None:
        start.wait()
        entry = record_purchase(store, ada, 10.0, "Pike Place", clock())
        doubled.append("Double Star Day" in texts.render(entry.reason))

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(doubled) == [False] * 7 + [True]
    assert list(ada.offers_used) == ["double-star-day"]


# ------------------------------------------------------------------ inbox


def _event(event_id: int, kind: str, at: datetime = NOW) -> Event:
    return Event.model_construct(id=event_id, kind=kind, title=kind, body="", stars=None, created_at=at)


def test_inbox_items_come_from_news_events_of_any_known_kind() -> None:
    assert inbox.item_for_event(_event(1, "stars_earned")) is None  # the member's own purchase is not news
    gift = inbox.item_for_event(_event(2, "gift_received"))
    assert gift is not None and (gift.kind, gift.opens, gift.id) == ("gifts", "activity", "event-2")
    ask = inbox.item_for_event(_event(3, "ask_received"))  # a kind of the friends' module, merged or not
    assert ask is not None and (ask.kind, ask.opens) == ("friends", "friends")
    assert inbox.item_for_event(_event(4, "something_new")) is None


def test_expiring_stars_say_the_amount_the_date_and_what_they_still_buy() -> None:
    item = inbox.item_for_expiring(120, date(2025, 7, 1), RewardRef(id="latte", name="Latte", cost=100), 30)
    assert item.title == "120 Stars expire on 1 Jul 2025"
    assert "Latte (100 Stars)" in item.body and item.due == date(2025, 7, 1) and item.opens == "rewards"


def test_only_challenges_ending_within_two_days_are_announced() -> None:
    running = [
        inbox.RunningChallenge("soon", "Soon", NOW + DAY, 50, True),
        inbox.RunningChallenge("later", "Later", NOW + 3 * DAY, 50, True),
        inbox.RunningChallenge("done", "Done", NOW + DAY, 50, False),
    ]
    assert [i.id for i in inbox.items_for_challenges(running, NOW, "UTC")] == ["ending-soon"]


def _item(item_id: str, kind: str = "gifts", at: datetime = NOW) -> InboxItem:
    return InboxItem(id=item_id, kind=kind, title=item_id, body="", created_at=at, read=False, opens="home")  # type: ignore[arg-type]


def test_compose_keeps_recent_items_of_kinds_left_on_newest_first_and_counts_unread() -> None:
    items = [
        _item("old", at=NOW - 31 * DAY),
        _item("a", at=NOW - 2 * DAY),
        _item("b", at=NOW - DAY),
        _item("badge", "badges"),
        _item("future", at=NOW + DAY),
        _item("acct", "account"),
    ]
    shown, unread = inbox.compose(items, read={"a"}, off={"badges", "account"}, at=NOW)
    assert [i.id for i in shown] == ["acct", "b", "a"]  # account notices stay on
    assert [i.read for i in shown] == [False, False, True] and unread == 2


def test_marking_read_keeps_only_ids_still_in_the_inbox() -> None:
    current = [_item("a"), _item("b")]
    assert inbox.mark_read({"gone", "a"}, ["b", "unknown"], current) == {"a", "b"}


def test_every_kind_can_be_turned_off_except_account_notices() -> None:
    off = inbox.set_preference(set(), "gifts", False)
    assert off == {"gifts"} and inbox.set_preference(off, "gifts", True) == set()
    with pytest.raises(Refusal) as locked:
        inbox.set_preference(set(), "account", False)
    assert (locked.value.code, locked.value.status) == ("preference_locked", 409)
    prefs = {p.kind: p for p in inbox.preferences({"gifts"})}
    assert not prefs["gifts"].enabled and prefs["gifts"].can_turn_off
    assert prefs["account"].enabled and not prefs["account"].can_turn_off


# ------------------------------------------------------------------ goal


def test_a_goal_counts_the_balance_toward_the_reward_and_is_reached_once_covered() -> None:
    reward = reward_by_id("breakfast-sandwich")
    assert reward is not None
    halfway = goal_progress(reward, 100)
    assert (halfway.stars_missing, halfway.progress, halfway.reached) == (100, 0.5, False)
    done = goal_progress(reward, 250)
    assert (done.stars_missing, done.progress, done.reached) == (0, 1.0, True)
    with pytest.raises(Refusal) as unknown:
        check_goal(None)
    assert (unknown.value.code, unknown.value.status) == ("unknown_reward", 404)
