"""Journey 6: join a challenge, simulate visits in store until it completes, see its reward and the celebration of
the badge it earns (completing a third challenge earns "Challenger")."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, expect

from tests.e2e.backend_api import BackendApi, eventually
from tests.e2e.screens import balance_on_screen, button, nav, open_signed_in, reveal, shown

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MEMBER = "ada@example.com"


async def test_complete_a_challenge_and_celebrate_the_badge(page: Page, app_url: str, api: BackendApi) -> None:
    challenges = await api.challenges(MEMBER)
    open_visits = [c for c in challenges if c.status == "open" and c.kind == "visits"]
    assert open_visits, f"{MEMBER} should have an open visits challenge to join: {challenges}"
    challenge = min(open_visits, key=lambda c: c.target)
    badges_before = {b.id for b in await api.badges(MEMBER) if b.earned_at is not None}

    await open_signed_in(page, app_url, MEMBER)
    await nav(page, "Challenges")
    await button(page, f"Join {challenge.title}").click()
    await expect(button(page, f"Join {challenge.title}")).to_have_count(0)
    joined = next(c for c in await api.challenges(MEMBER) if c.id == challenge.id)
    assert joined.status == "joined" and joined.progress == 0

    async def progress() -> int:
        return next(c for c in await api.challenges(MEMBER) if c.id == challenge.id).progress

    await nav(page, "Home")
    await button(page, "Profile").click()
    await expect(
        button(page, "Simulate a visit"), 'Profile should offer "Simulate a visit" (docs/accessibility-names.md)'
    ).to_be_visible()
    for visit in range(1, challenge.target + 1):
        await button(page, "Simulate a visit").click()
        assert await eventually(progress, lambda p, v=visit: p >= v) == visit, f"visit {visit} did not count"
        if visit < challenge.target:
            # The button is busy ("Recording...") until the visit is recorded.
            await expect(button(page, "Simulate a visit")).to_be_enabled()

    # The backend completed the challenge, paid its reward, and a badge was earned.
    done = next(c for c in await api.challenges(MEMBER) if c.id == challenge.id)
    assert done.status == "completed"
    paid = [e for e in await api.activity(MEMBER) if e.kind == "challenge" and challenge.title in e.reason]
    assert [e.stars for e in paid] == [challenge.reward_stars]
    new_badges = [b for b in await api.badges(MEMBER) if b.earned_at is not None and b.id not in badges_before]
    assert new_badges, f"completing {challenge.title} should earn {MEMBER} a badge"

    # The app celebrates the finished challenge, then the new badge, each a moment of its own above the screen
    # (never over the visit's result), one after the other.
    celebration = page.locator("[flt-semantics-identifier='celebration']")
    await expect(shown(celebration, re.compile(r"^Challenge completed", re.MULTILINE))).to_be_visible()
    await expect(shown(page, re.compile(r"Balance now [\d,]+ Stars?\.", re.MULTILINE))).to_be_visible()
    badge_moment = re.compile(rf"\b{re.escape(new_badges[0].name)}\b")
    nice = celebration.get_by_role("button", name="Nice!")

    async def moment_shown() -> str:
        """What the banner says now ("" while it is being rebuilt or gone)."""
        with contextlib.suppress(PlaywrightError):
            if await celebration.count():
                return await celebration.first.aria_snapshot(timeout=2_000)
        return ""

    # The challenges' moments come first (the visit may finish more than one); "Nice!" shows the next. Each tap is
    # made on a moment read first, and the next tap waits until the banner says something else: "Nice!" answers
    # the moment it was shown with, so a tap never skips the badge.
    for _ in range(8):
        now = await eventually(moment_shown, lambda text: "Nice!" in text)
        if badge_moment.search(now):
            break
        await nice.click()
        await eventually(moment_shown, lambda text, before=now: text != before)
    await expect(shown(celebration, badge_moment)).to_be_visible()
    await nice.click()
    await expect(celebration).to_have_count(0)
    # The challenge is listed as completed, with the reward it paid.
    await nav(page, "Challenges")
    title = re.escape(challenge.title)
    completed = re.compile(rf"^{title}$(?:\n.*)*?\n.*\byou earned {challenge.reward_stars} Stars?$", re.MULTILINE)
    await expect(await reveal(page, shown(page, completed))).to_be_visible()
    assert await balance_on_screen(page) == await api.balance(MEMBER)
