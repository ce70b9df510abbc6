"""Journey 10: the social layer. Two members build a Star Pool to its goal and the owner redeems it; a member turns
the leaderboard on and off in Profile and a friend sees it at once; a gift to someone new is held, texted (the demo
outbox), claimed by the newcomer who joins, and the giver sees it claimed. The backend holds exactly that."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Page, expect

from app.api import models as m
from tests.e2e import screens
from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.screens import button, open_signed_in, shown
from tests.e2e.social import bring, create_pool, give, tap, type_in
from tests.support.joining import code_in

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

OWNER, MEMBER = "linus@example.com", "alan@example.com"


async def test_two_members_fill_a_star_pool_and_the_owner_redeems_its_goal(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    name = f"Treats {uuid.uuid4().hex[:4]}"
    owner_before, member_before = await api.balance(OWNER), await api.balance(MEMBER)
    owner_name, member_name = (await api.me(OWNER)).name, (await api.me(MEMBER)).name

    owning = await new_page("owner")
    await open_signed_in(owning, app_url, OWNER)
    await screens.nav(owning, "Friends")
    await bring(owning, owning.get_by_role("heading", name="Star Pool"))
    await create_pool(owning, name, "Extra shot", member_name)
    await give(owning, name, 10)
    await expect(shown(owning, re.compile(rf"{owner_name} gave 10 Stars"))).to_be_attached()

    joining = await new_page("member")
    await open_signed_in(joining, app_url, MEMBER)
    await screens.nav(joining, "Friends")
    await tap(joining, button(joining, f"Join {name}"))
    await give(joining, name, 15)
    await expect(screens.progressbar(joining, f"{name}: 25 of 25 Stars")).to_be_attached()

    await tap(owning, button(owning, "Reload Star Pool"))
    await tap(owning, button(owning, "Redeem Extra shot"))
    await expect(shown(owning, re.compile(r"Extra shot is ready: show code [A-Z0-9]{8}"))).to_be_visible()

    # The backend: each member gave their share, the owner holds the redemption, the pool is empty.
    assert (await api.balance(OWNER), await api.balance(MEMBER)) == (owner_before - 10, member_before - 15)
    assert any(r.reward_name == "Extra shot" for r in await api.redemptions(OWNER))
    pools = await api.get(OWNER, "/v1/me/pools", m.PoolList)
    pool = next(p for p in pools.pools if p.name == name)
    kinds = [a.kind for a in pool.activity][:4]
    assert (pool.stars, kinds) == (0, ["redeemed", "contributed", "joined", "contributed"])


async def opted_in_becomes(api: BackendApi, email: str, on: bool) -> None:
    """Wait until the API has the member's leaderboard choice (the switch moves at once, and is saved after)."""
    board = await eventually(lambda: api.get(email, "/v1/me/leaderboard", m.Leaderboard), lambda b: b.opted_in is on)
    assert board.opted_in is on


async def test_a_friend_sees_the_leaderboard_switch_at_once(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    showing, watching = "alan@example.com", "ada@example.com"
    name = (await api.me(showing)).name
    on_board = re.compile(rf"Rank \d+: {re.escape(name)},")

    watcher = await new_page("friend")
    await open_signed_in(watcher, app_url, watching)
    await screens.nav(watcher, "Friends")
    await bring(watcher, watcher.get_by_role("heading", name="Leaderboard"))

    member = await new_page("member")
    await open_signed_in(member, app_url, showing)
    await screens.nav(member, "Home")
    await button(member, "Profile").click()
    switch = member.get_by_role("switch", name="Show me on my friends' leaderboard")
    await bring(member, switch)
    await expect(switch).not_to_be_checked()  # off until the member turns it on
    await switch.click()
    await expect(switch).to_be_checked()  # at once on screen (Flutter's switch), saved a moment later
    await opted_in_becomes(api, showing, True)

    await tap(watcher, button(watcher, "Reload Leaderboard"))
    await expect(shown(watcher, on_board)).to_be_attached()

    await switch.click()
    await expect(switch).not_to_be_checked()
    await opted_in_becomes(api, showing, False)
    await tap(watcher, button(watcher, "Reload Leaderboard"))
    await expect(shown(watcher, on_board)).not_to_be_attached()
    board = await api.get(watching, "/v1/me/leaderboard", m.Leaderboard)
    assert name not in [e.name for e in board.entries]


async def test_a_gift_to_someone_new_is_held_texted_and_claimed_by_joining(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    giver, phone = "grace@example.com", f"+1 555 {uuid.uuid4().int % 10_000_000:07d}"
    before = await api.balance(giver)
    page = await new_page("giver")
    await open_signed_in(page, app_url, giver)
    await screens.nav(page, "Friends")
    await bring(page, page.get_by_role("heading", name="Gift someone new"))
    await type_in(page, "Phone or email", phone)
    await type_in(page, "Stars for them", "20")
    await tap(page, button(page, "Send to someone new"))
    code_label = page.get_by_text(re.compile(r"^Claim code [A-Z0-9]{10}$")).or_(
        page.get_by_label(re.compile(r"^Claim code [A-Z0-9]{10}$"))
    ).first
    await expect(code_label).to_be_attached()
    await expect(shown(page, "Demo outbox: the text message sent")).to_be_attached()
    await screens.expect_balance(page, before - 20)
    held = (await api.get(giver, "/v1/me/newcomer-gifts", m.HeldGifts)).gifts[0]
    assert held.status == "held" and held.stars == 20

    # The newcomer opens the text message's link in their own browser, joins, and claims the Stars in the app.
    assert held.claim_path == f"/join?claim={held.claim_code}"
    newcomer = await new_page("newcomer")
    await screens.open_app(newcomer, app_url, held.claim_path)
    await expect(shown(newcomer, re.compile(rf"Someone sent you Stars\..*{held.claim_code}"))).to_be_visible()
    email = f"new-{uuid.uuid4().hex[:8]}@example.test"
    await screens.type_into(newcomer, newcomer.get_by_role("textbox", name="Name"), "Nia")
    await screens.type_into(newcomer, newcomer.get_by_role("textbox", name="Email"), email)
    await screens.type_into(newcomer, newcomer.get_by_role("textbox", name="Password"), "welcome-aboard")
    await button(newcomer, "Join Starboard").click()
    mails = await eventually(lambda: api.outbox(email), lambda found: bool(found))
    await screens.type_into(newcomer, newcomer.get_by_role("textbox", name="6-digit code"), code_in(mails[0].body))
    await button(newcomer, "Confirm and join").click()
    await button(newcomer, "Skip tour").click()  # the tour first, then the gift
    await expect(newcomer).to_have_url(re.compile(rf"/claim\?code={held.claim_code}$"))
    await expect(newcomer.get_by_role("textbox", name="Claim code")).to_be_visible()
    await button(newcomer, "Claim my gift").click()
    giver_name = (await api.me(giver)).name
    await expect(shown(newcomer, f"{giver_name}'s gift is yours: 20 Stars.")).to_be_visible()
    await button(newcomer, "See my Stars").click()
    await screens.wait_for_home(newcomer)
    program = await api.program()
    await screens.expect_balance(newcomer, program.welcome_bonus + 20)

    await tap(page, button(page, "Reload Gift someone new"))
    await expect(shown(page, re.compile(r"20 Stars to \+1555\d+: claimed by Nia"))).to_be_attached()
    assert await api.balance(giver) == before - 20
