"""An installable app that opens offline (issue 12): the manifest and title say "Starboard"; after one visit, a
reload with the phone offline shows the member card kept on the device (never to a signed-out browser), and the
live app takes over when the connection is back. And no page load asks any host but the app's own."""

from __future__ import annotations

import re
import shutil
import struct
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import Page, expect

from app.config import ASSETS_DIR
from app.pwa import render_icons
from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import (
    balance_locator,
    button,
    enable_semantics,
    open_app,
    open_signed_in,
    try_the_demo,
    wait_for_home,
)
from tests.support import servers
from tests.support.demo import LINUS

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

NEEDS_CONNECTION = re.compile(r"needs a connection")


async def _open_member_card(page: Page) -> None:
    await button(page, "Member card").click()
    await expect(page.get_by_role("img", name="Member QR code")).to_be_visible()


async def _kept_by_the_service_worker(page: Page) -> None:
    """Wait until Starboard's service worker controls the page (registered after the first load)."""
    await page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    script = await page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert re.search(r"/flutter_service_worker\.js\?v=\w+$", script), script


async def _offline_reload(page: Page) -> None:
    await page.context.set_offline(True)
    await page.reload()
    await expect(page.get_by_role("heading", name="Starboard", level=1)).to_be_visible()


async def test_the_app_is_installable_as_starboard(page: Page, app_url: str) -> None:
    async with httpx.AsyncClient(base_url=app_url) as http:
        manifest = (await http.get("/manifest.json")).json()
        assert manifest["name"] == manifest["short_name"] == "Starboard"
        assert manifest["display"] == "standalone" and manifest["theme_color"]
        sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= sizes
        for icon in manifest["icons"]:
            answer = await http.get("/" + icon["src"])
            assert answer.status_code == 200 and answer.headers["content-type"] == "image/png", icon["src"]
        favicon = await http.get("/favicon.png")
        assert favicon.status_code == 200 and favicon.content == (servers.ROOT / "assets" / "favicon.png").read_bytes()

    await open_app(page, app_url, "/")
    await expect(page).to_have_title("Starboard")
    await expect(page.locator('link[rel="manifest"]')).to_have_attribute("href", "manifest.json")
    # (Flutter adds its own theme-color, from the theme, once the app runs.)
    await expect(page.locator('meta[name="theme-color"]').first).to_have_attribute("content", manifest["theme_color"])


async def test_loading_the_app_asks_no_other_host(page: Page, app_url: str) -> None:
    app_origin = urlsplit(app_url).netloc
    elsewhere: list[str] = []

    def note(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != app_origin:
            elsewhere.append(url)

    page.context.on("request", lambda request: note(request.url))
    page.on("websocket", lambda ws: note(ws.url))
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    await _kept_by_the_service_worker(page)
    # A second load, now through the service worker, asks nobody else either.
    await page.reload()
    await enable_semantics(page)
    await wait_for_home(page)

    assert elsewhere == []


async def test_offline_reload_shows_the_member_card_kept_on_the_phone(
    new_page: Callable[..., Awaitable[Page]], app_url: str, api: BackendApi
) -> None:
    card = await api.card(LINUS)
    grouped = " ".join(re.findall(r".{1,4}", card.member_number))
    page = await new_page("in-store")
    await open_signed_in(page, app_url, LINUS)
    await _open_member_card(page)
    await _kept_by_the_service_worker(page)

    # At the till with no signal: the member opens the app again.
    await _offline_reload(page)

    qr = page.get_by_role("img", name="Member QR code")
    await expect(qr).to_be_visible()
    assert await qr.locator("svg path").count() >= 1  # the QR code drawn from the SVG saved with the card
    region = page.get_by_role("region", name="Member card")
    await expect(region).to_contain_text(card.name)
    await expect(region).to_contain_text(f"Member number {grouped}")
    await expect(region).to_contain_text(f"{card.tier} member")
    await expect(region).to_contain_text(re.compile(r"Balance [\d,]+ Stars? as of \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2}"))
    await expect(page.get_by_role("status")).to_contain_text("saved card")
    await expect(page.get_by_text(NEEDS_CONNECTION)).to_be_visible()
    await page.screenshot(path=str(_artifact("offline-card-light.png")))

    # The connection is back: the live app takes over by itself.
    await page.context.set_offline(False)
    await enable_semantics(page)
    await expect(balance_locator(page)).to_be_visible()
    await expect(page.get_by_role("region", name="Member card")).to_have_count(0)
    await expect(page).to_have_url(re.compile(r"/card$"))
    await expect(page.get_by_role("img", name="Member QR code")).to_be_visible()


async def test_the_offline_card_follows_a_dark_phone(new_page: Callable[..., Awaitable[Page]], app_url: str) -> None:
    page = await new_page("dark")
    await page.emulate_media(color_scheme="dark")
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    await _open_member_card(page)
    await _kept_by_the_service_worker(page)

    await _offline_reload(page)

    await expect(page.get_by_role("img", name="Member QR code")).to_be_visible()
    background = await page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    channels = [int(n) for n in re.findall(r"\d+", background)[:3]]
    assert max(channels) < 60, f"the page stays light on a dark phone: {background}"
    # The QR code keeps its white quiet zone, so scanners read it in the dark too.
    qr = page.get_by_role("img", name="Member QR code")
    qr_background = await qr.evaluate("element => getComputedStyle(element).backgroundColor")
    assert qr_background == "rgb(255, 255, 255)"
    await page.screenshot(path=str(_artifact("offline-card-dark.png")))


async def test_a_signed_out_browser_offline_shows_no_card(
    new_page: Callable[..., Awaitable[Page]], app_url: str
) -> None:
    page = await new_page("signed-out")
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    await _open_member_card(page)
    await _kept_by_the_service_worker(page)
    await page.goto(app_url + "/profile")
    await enable_semantics(page)
    await button(page, "Sign out").click()
    await expect(button(page, "Sign in")).to_be_visible()

    await _offline_reload(page)

    await expect(page.get_by_role("status")).to_contain_text(NEEDS_CONNECTION)
    await expect(page.get_by_role("img", name="Member QR code")).to_have_count(0)
    await expect(page.get_by_role("region", name="Member card")).to_have_count(0)
    await expect(page.get_by_text(re.compile(r"\d{4} \d{4} \d{4} \d{4}"))).to_have_count(0)  # no member number
    assert await page.evaluate("localStorage.getItem('flutter.starboard.card')") is None  # forgotten at sign-out
    await page.screenshot(path=str(_artifact("offline-signed-out.png")))


def _artifact(name: str) -> Path:
    """Screenshots to look at (test-artifacts/ is not tracked)."""
    servers.ARTIFACTS.mkdir(exist_ok=True)
    return servers.ARTIFACTS / name


async def test_the_committed_icons_are_drawn_from_their_svg_sources(tmp_path: Path) -> None:
    """`python -m app.pwa.render_icons` redraws every PNG (here into a copy of the sources, never over assets/)."""
    for source in {svg for svg, _ in render_icons.RENDERS.values()}:
        shutil.copy(ASSETS_DIR / source, tmp_path / source)

    written = await render_icons.render(tmp_path)

    assert {path.relative_to(tmp_path).as_posix() for path in written} == set(render_icons.RENDERS)
    for target, (_, size) in render_icons.RENDERS.items():
        drawn = (tmp_path / target).read_bytes()
        assert drawn[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", drawn[16:24]) == (size, size), target
        committed = (ASSETS_DIR / target).read_bytes()
        assert struct.unpack(">II", committed[16:24]) == (size, size), f"{target}: run python -m app.pwa.render_icons"
