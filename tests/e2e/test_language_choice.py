"""Profile's language picker: "Español" switches the app at once (no reload), a reload keeps it, "English" goes back.

Each option is written in its own language and named so, whatever language the screen speaks.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Locator, Page, expect

from app.i18n import Translator
from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import button, open_signed_in, reload, reveal

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

ES = Translator("es")


def radio(page: Page, name: str) -> Locator:
    return page.get_by_role("radio", name=name, exact=True)


def heading_text(page: Page, value: str) -> Locator:
    return page.locator("flt-semantics-host").get_by_text(value, exact=True)


async def test_choosing_spanish_in_profile_switches_at_once_and_survives_a_reload(
    page: Page, app_url: str, api: BackendApi
) -> None:
    member = await api.join("Lola Lenguas")
    await open_signed_in(page, app_url, member)
    await button(page, "Profile").click()
    await reveal(page, radio(page, "Español"))
    await expect(radio(page, "English")).to_be_checked()
    await expect(heading_text(page, "Language")).to_be_visible()

    await radio(page, "Español").click()
    await expect(radio(page, "Español")).to_be_checked()
    # The same screen, in Spanish at once, without a reload; the options keep their own names.
    await expect(heading_text(page, ES._("Language"))).to_be_visible()
    await expect(heading_text(page, ES._("Appearance"))).to_be_visible()
    await expect(heading_text(page, "Language")).to_have_count(0)

    await reload(page)
    await reveal(page, radio(page, "Español"))
    await expect(radio(page, "Español")).to_be_checked()
    await expect(heading_text(page, ES._("Language"))).to_be_visible()

    await radio(page, "English").click()
    await expect(radio(page, "English")).to_be_checked()
    await expect(heading_text(page, "Language")).to_be_visible()
    await expect(heading_text(page, ES._("Language"))).to_have_count(0)
