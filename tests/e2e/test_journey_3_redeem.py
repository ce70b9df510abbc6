"""Journey 3: redeem a reward. The balance drops by exactly its cost, the code and its QR code are shown, "My rewards"
lists it, and tapping "Redeem" and then "Confirm" twice in quick succession still redeems once."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import balance_on_screen, button, expect_balance, nav, open_signed_in, shown, stars_text

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MEMBER = "linus@example.com"


async def test_redeem_a_reward_once_even_when_tapped_twice(page: Page, app_url: str, api: BackendApi) -> None:
    balance_before = await api.balance(MEMBER)
    redemptions_before = {r.id for r in await api.redemptions(MEMBER)}
    affordable = [r for r in await api.rewards(MEMBER) if r.can_redeem]
    assert affordable, f"{MEMBER} should be able to redeem something (balance {balance_before})"
    reward = min(affordable, key=lambda r: (r.cost, r.name))

    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Rewards")
    assert await balance_on_screen(page) == balance_before

    await button(page, f"Redeem {reward.name}").dblclick()
    confirm = page.get_by_role("alertdialog").get_by_role("button", name="Confirm")
    await confirm.dblclick()

    await expect(page.get_by_role("img", name="Redemption QR code")).to_be_visible()
    redemptions = await api.redemptions(MEMBER)
    new = [r for r in redemptions if r.id not in redemptions_before]
    assert len(new) == 1, f"two quick taps must redeem once, the backend holds {len(new)} new redemptions"
    redemption = new[0]
    assert (redemption.reward_id, redemption.stars) == (reward.id, reward.cost)
    code = re.compile(rf"(^|\s){re.escape(redemption.code)}($|\s)", re.MULTILINE)
    await expect(shown(page, code)).to_be_visible()

    balance_after = balance_before - reward.cost
    assert await api.balance(MEMBER) == balance_after
    dialog = page.get_by_role("alertdialog")
    await expect(shown(dialog, re.compile(rf"\b{stars_text(balance_after)}$", re.MULTILINE))).to_be_visible()

    await dialog.get_by_role("button", name="Done").click()
    await expect_balance(page, balance_after)
    await button(page, "My rewards").click()
    await expect(shown(page, reward.name)).to_be_visible()
    await expect(shown(page, code)).to_be_visible()
    # Still exactly one redemption and one debit after everything settled.
    assert len(await api.redemptions(MEMBER)) == len(redemptions_before) + 1
    assert await api.balance(MEMBER) == balance_before - reward.cost
