from __future__ import annotations

from app.api.client import LoyaltyClient
from app.state import DEMO_EMAIL, HomeState, MemoryDeviceStore, Session
from tests.app.conftest import DEMO_PASSWORD, NO_WAIT


def new_session(backend: object, device: MemoryDeviceStore) -> Session:
    return Session(LoyaltyClient.in_process(backend, retry=NO_WAIT), device)


async def test_sign_in_with_the_right_password_signs_in_and_keeps_the_tokens_on_the_device(backend: object) -> None:
    device = MemoryDeviceStore()
    session = new_session(backend, device)
    await session.start()
    assert session.auth == "signed_out"

    session.signin.set_email("grace@example.com")
    session.signin.set_password(DEMO_PASSWORD)
    await session.signin.submit()

    assert session.signin.error is None
    assert session.auth == "signed_in"
    assert device.tokens is not None
    await session.close()


async def test_wrong_password_says_so_and_stays_signed_out(backend: object) -> None:
    session = new_session(backend, MemoryDeviceStore())
    await session.start()
    session.signin.set_email("ada@example.com")
    session.signin.set_password("not-the-password")

    await session.signin.submit()

    assert session.auth == "signed_out"
    assert session.signin.error and "password" in session.signin.error.lower()
    await session.close()


async def test_empty_form_is_refused_before_asking_the_api(backend: object) -> None:
    session = new_session(backend, MemoryDeviceStore())
    await session.start()
    await session.signin.submit()
    assert session.signin.error == "Enter your email and password."
    assert session.auth == "signed_out"
    await session.close()


async def test_try_the_demo_gives_each_visitor_a_copy_of_adas_story(backend: object) -> None:
    visitors = [new_session(backend, MemoryDeviceStore()) for _ in range(2)]
    profiles = []
    for session in visitors:
        await session.start()
        await session.signin.try_demo()
        assert session.auth == "signed_in"
        home = session.screen(HomeState)
        await home.ensure_loaded()
        assert home.summary is not None and home.summary.name.startswith("Ada")
        profiles.append(await session.client.me())
    assert profiles[0].member_number != profiles[1].member_number
    assert DEMO_EMAIL not in {p.email for p in profiles}  # nobody shares Ada's own account
    ada = new_session(backend, MemoryDeviceStore())  # and signing in as Ada still works
    await ada.start()
    assert await ada.sign_in(DEMO_EMAIL, DEMO_PASSWORD) is None
    for session in [*visitors, ada]:
        await session.close()


async def test_a_saved_session_survives_a_reload_and_sign_out_forgets_it(backend: object) -> None:
    device = MemoryDeviceStore()
    first = new_session(backend, device)
    await first.start()
    await first.signin.try_demo()
    await first.live.stop()

    reloaded = new_session(backend, device)  # a new browser session reading the same client storage
    await reloaded.start()
    assert reloaded.auth == "signed_in"
    home = reloaded.screen(HomeState)
    await home.ensure_loaded()
    assert home.status == "ready" and reloaded.member.balance is not None

    await reloaded.sign_out()
    assert reloaded.auth == "signed_out"
    assert device.tokens is None
    assert home.summary is None and reloaded.member.balance is None
    assert not reloaded.live.running
    await first.close()
    await reloaded.close()


async def test_theme_mode_is_kept_on_the_device(backend: object) -> None:
    device = MemoryDeviceStore()
    session = new_session(backend, device)
    await session.start()
    await session.toggle_dark_mode()
    assert session.theme_mode == "dark" and device.theme == "dark"

    again = new_session(backend, device)
    await again.start()
    assert again.theme_mode == "dark"
    await session.close()
    await again.close()


async def test_the_next_member_on_the_same_device_is_not_told_old_news(backend: object) -> None:
    session = new_session(backend, MemoryDeviceStore())
    await session.start()
    assert await session.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await session.live.stop()
    await session.live.poll_once()
    assert session.client.on_session_expired is not None
    await session.client.on_session_expired()  # what the client calls when a refresh is refused
    assert session.auth == "signed_out" and session.notice is not None
    session.notices.current = None
    linus = LoyaltyClient.in_process(backend, retry=NO_WAIT)  # meanwhile, elsewhere: Linus gifts Grace
    await linus.sign_in("linus@example.com", DEMO_PASSWORD)
    grace_id = next(f.id for f in await linus.friends() if f.name.startswith("Grace"))
    await linus.gift_stars(grace_id, 5, "before you opened the app", idempotency_key="k-1")

    assert await session.sign_in("grace@example.com", DEMO_PASSWORD) is None
    session.live.cancel()  # the test polls by hand (cancel, unlike stop, keeps the cursor)
    assert await session.live.poll_once() == []  # catches up on Grace's history
    assert session.notice is None
    await linus.aclose()
    await session.close()


async def test_after_choosing_to_sign_out_the_next_member_starts_on_home(session: Session) -> None:
    session.remember_return("/profile")  # a visit while signed in does not matter; the shell only asks when out
    await session.sign_out()
    session.remember_return("/profile")  # the shell sends the signed-out screen to /signin

    assert session.return_to == "/"
    assert await session.sign_in("grace@example.com", DEMO_PASSWORD) is None
    session.remember_return("/rewards")  # a later signed-out visit (e.g. the session ended) comes back there
    assert session.return_to == "/rewards"


async def test_a_signed_out_visit_comes_back_to_its_page(backend: object, device: MemoryDeviceStore) -> None:
    s = Session(LoyaltyClient.in_process(backend), device)
    await s.start()
    s.remember_return("/rewards")
    assert s.return_to == "/rewards"
    await s.close()
