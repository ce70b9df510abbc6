"""The session's language: restored from the device, chosen in Profile, spoken by every screen at once."""

from __future__ import annotations

from app.api.client import LoyaltyClient
from app.mock_backend.api import create_app
from app.state import HomeState, MemoryDeviceStore, Session
from tests.app.conftest import NO_WAIT


def new_session(device: MemoryDeviceStore) -> Session:
    return Session(LoyaltyClient.in_process(create_app(), retry=NO_WAIT), device)


async def test_a_new_device_speaks_english_until_a_language_is_chosen() -> None:
    session = new_session(MemoryDeviceStore())
    await session.start()
    assert session.speech.language == "en" and not session.language_chosen
    assert session.speech.t.stars(2) == "2 Stars"


async def test_choosing_spanish_switches_every_text_and_is_kept_on_the_device() -> None:
    device = MemoryDeviceStore()
    session = new_session(device)
    await session.start()
    before = session.speech.t
    await session.set_language("es")
    assert session.speech.t is not before and session.speech.t.stars(2) == "2 Estrellas"
    assert device.language == "es" and session.language_chosen
    again = new_session(device)
    await again.start()
    assert again.speech.language == "es" and again.language_chosen


async def test_the_browser_language_is_followed_without_being_kept() -> None:
    device = MemoryDeviceStore()
    session = new_session(device)
    await session.start()
    await session.set_language("es", save=False)
    assert session.speech.language == "es" and device.language is None and not session.language_chosen


async def test_a_new_language_makes_loaded_screens_load_again(session: Session) -> None:
    home = session.screen(HomeState)
    await session.show(home)
    assert home.is_fresh()
    await session.set_language("es")
    assert home.is_fresh()  # Home is shown: it loaded again at once, in the new language
    await session.show(None)
    await session.set_language("en")
    assert not home.is_fresh()  # not shown: it loads on its next visit
