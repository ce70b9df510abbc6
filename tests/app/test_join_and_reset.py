"""Joining (details, then the emailed code), the first-run tour flag, and the forgotten password: the form states
over the in-process mock backend with its demo outbox on, as in the embedded mock."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.client import LoyaltyClient
from app.api.errors import RateLimited, user_message
from app.mock_backend.api import create_app
from app.mock_backend.rules.joining import DEMO_MEMBERS_PER_ADDRESS
from app.state import HomeState, MemoryDeviceStore, Session
from tests.app.conftest import NO_WAIT
from tests.support.demo import DEMO_PASSWORD
from tests.support.joining import code_in


@pytest.fixture
async def visitor() -> AsyncIterator[Session]:
    session = Session(
        LoyaltyClient.in_process(create_app(demo_tools=True), retry=NO_WAIT), MemoryDeviceStore(), demo_tools=True
    )
    await session.start()
    yield session
    await session.close()


def fill_join(session: Session, email: str, **fields: str) -> None:
    values = {"name": "Katherine Johnson", "email": email, "password": "orbital-1962", **fields}
    for name, value in values.items():
        session.join.set_field(name, value)


async def test_joining_shows_the_emailed_code_then_signs_in_with_the_welcome_bonus(visitor: Session) -> None:
    form = visitor.join
    await form.load_program()
    bonus = form.welcome_bonus
    assert bonus and bonus > 0
    fill_join(visitor, "katherine@example.test")
    await form.submit_details()
    assert form.step == "code" and form.sent and "katherine@example.test" in form.sent
    assert form.emails and form.emails[0].subject == "Your Starboard code"  # "Demo: the email we sent"
    form.set_field("code", code_in(form.emails[0].body))
    await form.submit_code()
    assert visitor.auth == "signed_in" and visitor.tour_pending
    home = visitor.screen(HomeState)
    await home.ensure_loaded()
    assert home.summary is not None and home.summary.balance == bonus
    assert form.password == "" and form.step == "details"  # the form forgets what was typed


async def test_bad_details_are_explained_next_to_their_fields_before_asking_the_api(visitor: Session) -> None:
    fill_join(visitor, "not-an-email", password="short", birthday="12/10/1990")
    await visitor.join.submit_details()
    assert set(visitor.join.field_errors) == {"email", "password", "birthday"}
    assert visitor.join.step == "details"


async def test_an_unknown_referral_code_is_blamed_on_its_field(visitor: Session) -> None:
    fill_join(visitor, "mary@example.test", referral_code="NOPE-0000")
    await visitor.join.submit_details()
    assert "referral code" in visitor.join.field_errors["referral_code"]


async def test_a_wrong_code_is_explained_on_the_code_field(visitor: Session) -> None:
    fill_join(visitor, "dorothy@example.test")
    await visitor.join.submit_details()
    visitor.join.set_field("code", "000000" if "000000" not in visitor.join.emails[0].body else "111111")
    await visitor.join.submit_code()
    assert visitor.auth == "signed_out"
    assert "not right" in visitor.join.field_errors["code"]


async def test_a_forgotten_password_is_replaced_with_the_emailed_code(visitor: Session) -> None:
    form = visitor.password_reset
    form.start("ada@example.com")
    await form.submit_email()
    assert form.step == "code" and form.emails
    form.set_field("code", code_in(form.emails[0].body))
    form.set_field("new_password", "analytical-engine")
    await form.submit_code()
    assert form.step == "done"
    assert visitor.signin.email == "ada@example.com"
    assert visitor.notice is not None and "password has changed" in visitor.notice.text
    assert await visitor.sign_in("ada@example.com", DEMO_PASSWORD) is not None  # the old one no longer works
    assert await visitor.sign_in("ada@example.com", "analytical-engine") is None


async def test_the_embedded_mock_throttles_each_browser_by_its_own_address() -> None:
    backend = create_app()
    first = LoyaltyClient.in_process(backend, client_address="198.51.100.1", retry=NO_WAIT)
    second = LoyaltyClient.in_process(backend, client_address="198.51.100.2", retry=NO_WAIT)
    for _ in range(DEMO_MEMBERS_PER_ADDRESS.count):
        await first.start_demo()
    with pytest.raises(RateLimited) as refused:
        await first.start_demo()
    assert refused.value.retry_after and refused.value.retry_after > 0
    assert "Try again in" in user_message(refused.value)
    await second.start_demo()  # another visitor is not held back
    await first.aclose()
    await second.aclose()
