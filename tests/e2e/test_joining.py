"""Joining Starboard, a forgotten password, the first-run tour, and "Try the demo" giving each browser a member of
its own (issue 12, findings 3 and 4). Codes are read from the app's "Demo: the email we sent" card, as a visitor
to the demo would."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

import pytest
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import (
    button,
    demo_member,
    expect_balance,
    open_app,
    shown,
    sign_in,
    try_the_demo,
    type_into,
    wait_for_home,
)
from tests.support.joining import code_in, join_over_http

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

CODE_LINE = re.compile(r"Your (password reset )?code is \d{6}")


async def code_from_demo_email(page: Page) -> str:
    """The code in the "Demo: the email we sent" card."""
    await expect(shown(page, "Demo: the email we sent")).to_be_visible()
    mail = page.locator("flt-semantics-host").get_by_text(CODE_LINE).or_(page.get_by_label(CODE_LINE)).first
    await expect(mail).to_be_visible()
    text = await mail.text_content() or ""
    label = await mail.get_attribute("aria-label") or ""
    return code_in(CODE_LINE.search(text + "\n" + label).group(0))  # type: ignore[union-attr]


async def expect_tour_card(page: Page, number: int, title: str) -> None:
    await expect(shown(page, f"{number} of 3")).to_be_visible()
    await expect(page.get_by_role("heading", name=title)).to_be_visible()


async def test_join_starboard_lands_on_home_with_the_welcome_bonus_after_a_skippable_tour(
    page: Page, app_url: str, api: BackendApi
) -> None:
    program = await api.program()
    email = f"join-{uuid.uuid4().hex[:8]}@example.test"
    await open_app(page, app_url, "/")
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await button(page, "Join Starboard").click()
    await expect(page).to_have_url(re.compile(r"/join$"))
    # The welcome bonus is promised in the program's own number.
    await expect(shown(page, re.compile(rf"Join and get {program.welcome_bonus} Stars to start"))).to_be_visible()
    await type_into(page, page.get_by_role("textbox", name="Name"), "Katherine Johnson")
    await type_into(page, page.get_by_role("textbox", name="Email"), email)
    await type_into(page, page.get_by_role("textbox", name="Password"), "orbital-1962")
    await button(page, "Join Starboard").click()

    code = await code_from_demo_email(page)
    await type_into(page, page.get_by_role("textbox", name="6-digit code"), code)
    await button(page, "Confirm and join").click()

    # A new member's first sign-in: the tour, which can be skipped.
    await expect(page).to_have_url(re.compile(r"/welcome$"))
    await expect_tour_card(page, 1, "Stars")
    await button(page, "Next").click()
    await expect_tour_card(page, 2, "Qualifying Stars and tiers")
    await button(page, "Skip tour").click()
    await wait_for_home(page)
    await expect_balance(page, program.welcome_bonus)
    await expect(shown(page, re.compile(r"\bKatherine\b", re.MULTILINE))).to_be_visible()
    assert (await api.http.post("/v1/auth/token", json={"email": email, "password": "orbital-1962"})).status_code == 200


async def test_the_tour_is_replayed_from_how_it_works(page: Page, app_url: str) -> None:
    await open_app(page, app_url, "/")
    await try_the_demo(page)  # a demo member is not new: no tour on the way in
    await expect(page).to_have_url(re.compile(r"/$"))
    await open_app(page, app_url, "/how-it-works")
    await button(page, "Take the tour").click()
    await expect_tour_card(page, 1, "Stars")
    await button(page, "Next").click()
    await button(page, "Next").click()
    await expect_tour_card(page, 3, "Gifting")
    await button(page, "Start using Starboard").click()
    await wait_for_home(page)


async def test_forgot_password_resets_it_and_the_new_one_signs_in(page: Page, app_url: str, api: BackendApi) -> None:
    email = f"forgetful-{uuid.uuid4().hex[:8]}@example.test"
    joined = await join_over_http(api.http, {"email": email, "password": "first-password", "name": "Forgetful"})
    assert joined.status_code == 201, joined.text

    await open_app(page, app_url, "/")
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await type_into(page, page.get_by_role("textbox", name="Email"), email)
    await button(page, "Forgot password?").click()
    await expect(page).to_have_url(re.compile(r"/reset-password$"))
    # The email typed on sign-in is kept (Flutter fills the field's DOM value only once it has focus).
    field = page.get_by_role("textbox", name="Email")
    await field.click()
    await expect(field).to_be_focused()
    await expect(field).to_have_value(email)
    await button(page, "Send code").click()

    code = await code_from_demo_email(page)
    await type_into(page, page.get_by_role("textbox", name="6-digit code"), code)
    await type_into(page, page.get_by_role("textbox", name="New password"), "second-password")
    await button(page, "Change password").click()

    await expect(shown(page, "Your password has changed. Sign in with the new one.")).to_be_visible()
    await sign_in(page, email, "second-password")
    old = await api.http.post("/v1/auth/token", json={"email": email, "password": "first-password"})
    assert old.status_code == 401


async def test_two_try_the_demo_browsers_get_different_members(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    numbers = []
    for label in ("first visitor", "second visitor"):
        page = await new_page(label)
        await open_app(page, app_url, "/")
        await try_the_demo(page)
        member = await demo_member(page, api)
        numbers.append((await api.card(member)).member_number)
    assert numbers[0] != numbers[1]
