from __future__ import annotations

from app.api.client import LoyaltyClient
from app.i18n import Translator
from app.state import ActivityState, Session
from app.state.activity import FILTERS, filter_label


async def _all_pages(state: ActivityState) -> None:
    while state.has_more:
        before = len(state.entries)
        await state.load_more()
        assert len(state.entries) > before, "a page added nothing"


async def test_paging_covers_every_entry_once_newest_first(session: Session) -> None:
    state = session.screen(ActivityState)
    state.page_size = 7
    await state.ensure_loaded()
    assert len(state.entries) == 7 and state.has_more  # one page, not everything

    await _all_pages(state)

    everything = await session.client.activity(limit=100)
    ids = [e.id for e in state.entries]
    assert len(ids) == len(set(ids))
    assert ids == [e.id for e in everything.items]
    times = [e.created_at for e in state.entries]
    assert times == sorted(times, reverse=True)


async def test_a_second_load_more_while_one_runs_does_nothing(session: Session) -> None:
    state = session.screen(ActivityState)
    await state.ensure_loaded()
    state.loading_more = True
    cursor = state.next_cursor
    await state.load_more()
    assert state.next_cursor == cursor


async def test_filters_show_only_their_kind(session: Session) -> None:
    state = session.screen(ActivityState)
    state.page_size = 5
    await state.ensure_loaded()

    await state.set_filter("spent")
    await _all_pages(state)
    assert state.entries and all(e.stars < 0 and e.kind in ("redeem", "gift_out") for e in state.entries)

    await state.set_filter("gifts")
    await _all_pages(state)
    assert state.entries and all(e.kind in ("gift_in", "gift_out") for e in state.entries)
    assert any(e.message for e in state.entries)

    await state.set_filter("earned")
    assert all(e.stars > 0 for e in state.entries)

    await state.set_filter(None)
    assert state.kind is None and state.entries[0].id == (await session.client.activity(limit=1)).items[0].id


async def test_a_failed_first_page_shows_an_error_with_retry(session: Session, backend: object) -> None:
    session.client = LoyaltyClient("http://127.0.0.1:9", retry=session.client.retry, tokens=session.client.tokens)
    state = session.screen(ActivityState)
    await state.ensure_loaded()
    assert state.status == "error" and state.error


def test_filter_tabs_are_named_in_the_members_language() -> None:
    assert [filter_label(kind, Translator("en")) for kind in FILTERS] == ["All", "Earned", "Spent", "Gifts", "Expired"]
    assert [filter_label(kind, Translator("es")) for kind in FILTERS] == [
        "Todo",
        "Ganadas",
        "Gastadas",
        "Regalos",
        "Caducadas",
    ]


async def test_new_entries_arrive_on_top_and_the_scrolled_pages_stay(session: Session) -> None:
    state = session.screen(ActivityState)
    await session.show(state)  # the customer opened Activity
    await state.load_more()
    scrolled = [e.id for e in state.entries]
    cursor = state.next_cursor
    await session.live.poll_once()  # sets the cursor

    await session.client.simulate_purchase(12.0)
    await session.live.poll_once()

    newest = (await session.client.activity(limit=1)).items[0]
    assert newest.kind == "purchase"
    assert [e.id for e in state.entries] == [newest.id, *scrolled]  # on top, nothing lost or repeated
    assert state.next_cursor == cursor  # "load more" goes on from where the customer was
