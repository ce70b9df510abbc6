"""The browser's language reaches the Python side through Flet (`page.get_device_info()`), and picks ours."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from playwright.async_api import Browser, expect

from tests.e2e.browsing import VIEWPORT
from tests.e2e.screens import open_app, text
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


@pytest.fixture(scope="module")
def language_app() -> Iterator[servers.Server]:
    port = servers.free_port()
    server = servers.Server(
        name="language_app",
        argv=[sys.executable, "-m", "tests.e2e.language_app", "--host", servers.HOST, "--port", str(port)],
        port=port,
    )
    with servers.running(server):
        yield server


@pytest.mark.parametrize(
    ("browser_locale", "language", "stars", "day"),
    [
        ("es-ES", "es", "1.430 Estrellas", "19 ago 2027"),
        ("es-MX", "es", "1.430 Estrellas", "19 ago 2027"),
        ("en-US", "en", "1,430 Stars", "19 Aug 2027"),
        ("fr-FR", "en", "1,430 Stars", "19 Aug 2027"),
    ],
)
async def test_a_first_visit_speaks_the_browsers_language(
    browser: Browser, language_app: servers.Server, browser_locale: str, language: str, stars: str, day: str
) -> None:
    context = await browser.new_context(viewport=VIEWPORT, locale=browser_locale)
    try:
        page = await context.new_page()
        await open_app(page, language_app.url)
        await expect(text(page, f"language={language}")).to_be_visible()
        await expect(text(page, stars)).to_be_visible()
        await expect(text(page, day)).to_be_visible()
    finally:
        await context.close()
