"""The app served offline draws emoji: Flutter's emoji font parts are served by the app itself (app/web_assets.py)."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page

from app import web_assets
from tests.e2e.screens import open_app

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_the_emoji_font_a_message_needs_is_served_by_the_app(page: Page, app_url: str) -> None:
    font = web_assets.system_emoji_font()
    if font is None:
        pytest.skip(f"no system emoji font on this machine ({web_assets.INSTALL_HINT}; .ci/run installs it)")
    parts = web_assets.emoji_font_parts(web_assets.flet_web_client())
    async with httpx.AsyncClient(base_url=app_url) as http:
        for part in parts:
            answer = await http.head(f"/assets/fonts/{part}")
            assert answer.status_code == 200, f"{part}: {answer.status_code}"
            assert int(answer.headers["content-length"]) == font.stat().st_size
    # And the page asks for nothing it cannot have: no failed font fetch while the app starts.
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/assets/" in r.url else None)
    await open_app(page, app_url, "/")
    assert failed == []
