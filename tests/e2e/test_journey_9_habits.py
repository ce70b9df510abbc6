"""Journey 9: habits. Today's game plays once (a second tap shows the same prize, credited once), and a visit streak
with a freeze survives a missed week (the backend's clock is moved two weeks on).

These run against their own backend, served with `--movable-clock` (`POST /v1/demo/clock`), and their own app, so
moving time never touches the other journeys' members.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.async_api import Page, expect

from app.api import models as m
from app.i18n import Translator
from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import balance_on_screen, button, open_signed_in, reload, reveal, shown
from tests.e2e.social import tap
from tests.support import servers

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


@pytest.fixture(scope="module")
def habits_servers() -> Iterator[tuple[servers.Server, servers.Server]]:
    backend = servers.backend_server("--movable-clock", name="backend-habits", keep_state=False)
    with servers.running(backend):
        app = servers.app_server(backend.url)
        app.name = "app-habits"
        with servers.running(app):
            yield backend, app


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def streak_line(streak: m.Streak) -> re.Pattern[str]:
    """The streak card's headline as a screen reader hears it."""
    return re.compile(
        re.escape(
            f"Visit streak: {_plural(streak.weeks, 'week')} in a row, best {_plural(streak.best, 'week')}, "
            f"{_plural(streak.freezes, 'streak freeze')} held"
        )
    )


async def test_todays_game_plays_once_and_a_second_tap_shows_the_same_prize(
    page: Page, habits_servers: tuple[servers.Server, servers.Server]
) -> None:
    backend, app = habits_servers
    member = "linus@example.com"
    async with BackendApi(backend.url) as api:
        assert (await api.get(member, "/v1/me/game", m.DailyGame)).can_play
        await open_signed_in(page, app.url, member)
        play_button = await reveal(page, button(page, "Play today's game"))
        await play_button.click()
        won = re.compile(r"^You won (\d+) Stars?! Come back tomorrow", re.MULTILINE)
        await expect(shown(page, won)).to_be_visible()
        game = await api.get(member, "/v1/me/game", m.DailyGame)
        assert not game.can_play and game.play is not None
        message = game.play.message
        await expect(shown(page, message)).to_be_visible()
        # The first play earns "Lucky dip": close its celebration, then tap again.
        nice = button(page, "Nice!")
        await expect(nice).to_be_visible()
        await nice.click()
        await button(page, "Play today's game").click()
        await expect(shown(page, message)).to_be_visible()
        again = await api.get(member, "/v1/me/game", m.DailyGame)
        assert again.play == game.play
        activity = await api.get(member, "/v1/me/activity", m.ActivityPage, limit=50)
        games = [e for e in activity.items if e.kind == "game"]
        assert [(e.id, e.stars) for e in games] == [(game.play.entry_id, game.play.stars)]
        assert "scratch card" in games[0].reason
        summary = await api.get(member, "/v1/me/summary", m.Summary)
        assert await balance_on_screen(page) == summary.balance


async def test_a_streak_with_a_freeze_survives_a_missed_week(
    page: Page, habits_servers: tuple[servers.Server, servers.Server]
) -> None:
    backend, app = habits_servers
    member = "ada@example.com"
    async with BackendApi(backend.url) as api:
        before = await api.get(member, "/v1/me/streak", m.Streak)
        assert before.weeks >= 4 and before.freezes >= 1, before
        await open_signed_in(page, app.url, member)
        await expect(shown(page, streak_line(before))).to_be_visible()

        # Two weeks on: next week had no visit, and this one has none yet.
        moved = await api.request(member, "POST", "/v1/demo/clock", json={"days": 14})
        assert moved.status_code == 200, moved.text
        after = await api.get(member, "/v1/me/streak", m.Streak)
        assert (after.weeks, after.freezes) == (before.weeks, before.freezes - 1)
        missed = after.recent[-2]
        assert missed.mark == "frozen"

        await reload(page)
        # The saved Home shows first ("Updating..."), then the fresh one: on a loaded machine that can take a while.
        await expect(shown(page, streak_line(after))).to_be_visible(timeout=30_000)
        week = Translator("en").date(missed.week_of)
        await expect(shown(page, re.compile(rf"week of {re.escape(week)} kept by a freeze"))).to_be_visible()
        await expect(shown(page, after.message)).to_be_visible()


async def test_sharing_the_referral_link_copies_it_and_earns_stars_once_a_week(
    page: Page, habits_servers: tuple[servers.Server, servers.Server]
) -> None:
    backend, app = habits_servers
    member = "grace@example.com"
    async with BackendApi(backend.url) as api:
        referral = await api.get(member, "/v1/me/referral", m.Referral)
        await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        await open_signed_in(page, app.url, member)
        await tap(page, button(page, "Ways to earn"))  # at the bottom of Home: scrolled to first
        share = await reveal(page, button(page, "Share referral link"))
        await share.click()
        # Headless Chromium on Linux has no Web Share: the link is copied, and the share is credited.
        await expect(
            shown(page, re.compile(r"^Copied, ready to paste\. Thanks for sharing! \d+ Stars added\.$"))
        ).to_be_visible()
        assert await page.evaluate("navigator.clipboard.readText()") == referral.share_text
        await share.click()
        await expect(shown(page, re.compile(r"share bonus is already yours"))).to_be_visible()
        activity = await api.get(member, "/v1/me/activity", m.ActivityPage, limit=20)
        shares = [e for e in activity.items if e.kind == "share"]
        assert len(shares) == 1 and "referral link" in shares[0].reason
        summary = await api.get(member, "/v1/me/summary", m.Summary)
        assert await balance_on_screen(page) == summary.balance
