"""Star Pool, Leaderboard and Gift someone new: the section states over the in-process mock backend."""

from __future__ import annotations

import pytest

from app.api.models import SignupRequest
from app.state import MemoryDeviceStore, ProfileState, Session
from app.state.leaderboard import LeaderboardState
from app.state.newcomer_gift import ClaimForm, NewcomerGiftState
from app.state.pools import PoolsState
from app.views.paths import code_in_route
from tests.app.conftest import DEMO_PASSWORD
from tests.app.fakes import RecordingTransport, client_over
from tests.support.joining import code_in, join_with_client

NEWCOMER = "POST /v1/me/newcomer-gifts"


async def signed_in(transport: RecordingTransport, email: str) -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, DEMO_PASSWORD) is None
    await session.live.stop()
    return session


def friend_id(pools: PoolsState, first_name: str) -> str:
    return next(f.id for f in pools.friends if f.name.startswith(first_name))


async def test_two_members_fill_a_pool_and_the_owner_redeems_its_goal(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada, grace = await signed_in(transport, "ada@example.com"), await signed_in(transport, "grace@example.com")
    mine, theirs = ada.screen(PoolsState), grace.screen(PoolsState)
    await mine.ensure_loaded()
    mine.open_create()
    await mine.create()
    assert mine.create_errors == {"name": "Give the pool a name.", "goal": "Choose the reward the pool saves for."}
    mine.set_name("Friday treats")
    mine.set_goal("handcrafted-drink")
    mine.toggle_invite(friend_id(mine, "Grace"))
    await mine.create()
    assert not mine.creating and [p.name for p in mine.pools] == ["Friday treats"]
    pool_id = mine.pools[0].id

    await theirs.ensure_loaded()
    assert [(p.id, p.my_role) for p in theirs.pools] == [(pool_id, "invited")]
    await theirs.answer(pool_id, join=True)
    theirs.set_amount(pool_id, "40")
    await theirs.give(pool_id)
    mine.set_amount(pool_id, "2.5")
    await mine.give(pool_id)
    assert mine.give_errors == {pool_id: "Enter a whole number of Stars, like 25."}
    mine.set_amount(pool_id, "60")
    await mine.give(pool_id)
    pool = mine.pool(pool_id)
    assert pool is not None and (pool.stars, pool.can_redeem_goal) == (100, True)
    await mine.redeem_goal(pool_id)
    assert mine.pool(pool_id) is not None and mine.pool(pool_id).stars == 0  # type: ignore[union-attr]
    assert transport.count(f"POST /v1/me/pools/{pool_id}/contributions") == 2
    await ada.close()
    await grace.close()


async def test_a_refused_contribution_shows_under_its_pool_and_a_retry_gets_a_new_key(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    pools = ada.screen(PoolsState)
    await pools.ensure_loaded()
    pools.open_create()
    pools.set_name("Solo")
    pools.set_goal("extra-shot")
    await pools.create()
    pool_id = pools.pools[0].id
    pools.set_amount(pool_id, "500")  # more than Ada's 189
    await pools.give(pool_id)
    assert "189" in pools.give_errors[pool_id]
    pools.set_amount(pool_id, "25")
    await pools.give(pool_id)
    assert pool_id not in pools.give_errors
    keys = transport.keys[f"POST /v1/me/pools/{pool_id}/contributions"]
    assert len(keys) == 2 and len(set(keys)) == 2
    await pools.leave(pool_id)
    assert pools.pools == []
    await ada.close()


async def test_the_profile_switch_puts_a_member_on_a_friends_leaderboard_and_takes_them_off_at_once(
    backend: object,
) -> None:
    transport = RecordingTransport(backend)
    ada, grace = await signed_in(transport, "ada@example.com"), await signed_in(transport, "grace@example.com")
    profile, board = grace.screen(ProfileState), ada.screen(LeaderboardState)
    await profile.ensure_loaded()
    assert profile.on_leaderboard is False
    await board.ensure_loaded()
    assert board.board is not None and board.board.entries == []
    await profile.set_on_leaderboard(True)
    assert profile.on_leaderboard is True
    await board.refresh()
    assert [e.name for e in board.board.entries] == ["Grace Hopper"]
    await profile.set_on_leaderboard(False)
    await board.refresh()
    assert board.board.entries == []
    await ada.close()
    await grace.close()


@pytest.mark.parametrize(
    ("contact", "amount", "errors"),
    [
        ("", "10", {"contact": "Enter their phone number or email address."}),
        ("sam@example.org", "ten", {"amount": "Enter a whole number of Stars, like 25."}),
        ("sam@example.org", "900", {"amount": "A gift is 1 to 500 Stars."}),
    ],
)
async def test_a_gift_to_someone_new_is_checked_before_it_is_sent(
    backend: object, contact: str, amount: str, errors: dict[str, str]
) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(NewcomerGiftState)
    await gift.ensure_loaded()
    gift.set_contact(contact)
    gift.set_amount(amount)
    await gift.send()
    assert gift.errors == errors and transport.count(NEWCOMER) == 0
    await ada.close()


async def test_the_api_names_a_contact_it_cannot_read_next_to_the_field(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(NewcomerGiftState)
    await gift.ensure_loaded()
    gift.set_contact("not a phone")
    gift.set_amount("10")
    await gift.send()
    assert gift.errors == {"contact": "Enter a phone number or an email address."}
    await ada.close()


async def test_a_gift_to_someone_new_is_held_shown_in_the_outbox_and_claimed_after_joining(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(NewcomerGiftState)
    await gift.ensure_loaded()
    gift.set_contact("+44 7700 900123")
    gift.set_amount("30")
    gift.set_message("Welcome!")
    await gift.send()
    await gift.send()  # a second tap after the answer is a new, empty form: nothing more is sent
    assert gift.last is not None and gift.last.status == "held"
    assert transport.count(NEWCOMER) == 1
    assert ada.member.balance == 159
    assert gift.outbox and gift.last.claim_code in gift.outbox[0].body

    newcomer = Session(client_over(transport), MemoryDeviceStore())
    await newcomer.start()
    await join_with_client(newcomer.client, SignupRequest(email="sam@example.com", password="correct horse",
                                                          name="Sam New"))
    assert await newcomer.sign_in("sam@example.com", "correct horse") is None
    await newcomer.live.stop()
    welcomed = (await newcomer.client.summary()).balance  # the welcome bonus of joining
    claim = newcomer.screen(ClaimForm)
    claim.set_code(gift.last.claim_code)
    await claim.claim()
    assert claim.claimed is not None and claim.claimed.stars == 30
    assert newcomer.member.balance == welcomed + 30
    await ada.close()
    await newcomer.close()


async def test_joining_from_a_gifts_link_ends_on_the_claim_screen_with_the_code_filled_in(backend: object) -> None:
    transport = RecordingTransport(backend)
    ada = await signed_in(transport, "ada@example.com")
    gift = ada.screen(NewcomerGiftState)
    await gift.ensure_loaded()
    gift.set_contact("lin@example.test")
    gift.set_amount("25")
    await gift.send()
    assert gift.last is not None
    link = gift.last.claim_path
    assert link == f"/join?claim={gift.last.claim_code}"

    newcomer = Session(client_over(transport), MemoryDeviceStore())
    await newcomer.start()
    form = newcomer.join
    form.came_with_claim(code_in_route(link, "claim"))  # the join screen, opened from the text message's link
    for name, value in {"name": "Lin New", "email": "lin@example.test", "password": "a-new-start-1"}.items():
        form.set_field(name, value)
    await form.submit_details()
    form.set_field("code", code_in((await newcomer.client.demo_outbox("lin@example.test"))[0].body))
    await form.submit_code()
    await newcomer.live.stop()
    assert newcomer.auth == "signed_in" and newcomer.tour_pending

    next_screen = newcomer.tour_seen()  # the tour comes first, then the gift
    assert next_screen == f"/claim?code={gift.last.claim_code}" and newcomer.return_to == "/"
    claim = newcomer.screen(ClaimForm)
    claim.came_with(code_in_route(next_screen, "code"))
    assert claim.code == gift.last.claim_code
    claim.came_with("SOMETHING-ELSE")  # a second render of the screen does not overwrite it
    assert claim.code == gift.last.claim_code
    await claim.claim()
    assert claim.claimed is not None and claim.claimed.stars == 25 and claim.claimed.from_name.startswith("Ada")
    assert newcomer.member.balance == claim.claimed.balance_after
    await ada.close()
    await newcomer.close()


def test_a_route_s_query_gives_its_code_and_nothing_else() -> None:
    assert code_in_route("/join?claim=AB12CD34EF", "claim") == "AB12CD34EF"
    assert code_in_route("/join?claim=%20ab12%20&x=1", "claim") == "ab12"
    assert code_in_route("/join", "claim") == ""
    assert code_in_route(None, "claim") == ""
    assert len(code_in_route("/claim?code=" + "A" * 500, "code")) == 40
