"""What a screen reader gets: only the screen on show is in the accessibility tree (no leftovers of screens visited
before, which the shell keeps mounted and hidden), and every control has a name.

Read from Chromium's accessibility tree over Flutter's semantics DOM (`aria_snapshot`), as a screen reader would.
Nothing here changes the demo member's data: the redeem confirmation is cancelled, the gift is never sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.async_api import Locator, Page, expect

from tests.e2e.backend_api import BackendApi
from tests.e2e.screens import button, demo_member, nav, open_app, reveal, shown, try_the_demo, type_into

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

DEMO_EMAIL = "ada@example.com"

# One thing only each screen shows, by role and name: on any screen, the markers of every other screen must be
# absent from the tree (a hidden tab that stayed in it would show its marker).
MARKERS: dict[str, Callable[[Page], Locator]] = {
    "Home": lambda p: p.get_by_role("button", name="Refresh", exact=True),
    "Rewards": lambda p: p.get_by_role("button", name=re.compile(r"^Redeem ")),
    "Friends": lambda p: p.get_by_role("button", name="Review gift", exact=True),
    "Challenges": lambda p: p.get_by_role("heading", name=re.compile(r"^Open to join \(\d+\)$")),
    "Badges": lambda p: p.get_by_role("heading", name="Still to earn", exact=True),
    "Activity": lambda p: p.get_by_role("tab", name="Expired", exact=True),
    "Member card": lambda p: p.get_by_role("img", name="Member QR code", exact=True),
    "Ways to earn": lambda p: p.get_by_role("button", name="Post review", exact=True),
    "How it works": lambda p: p.get_by_role("heading", name="The rules in full", exact=True),
    "Profile": lambda p: p.get_by_role("radio", name="System", exact=True),
    "Offers": lambda p: p.get_by_text("Activate an offer and it applies to your next visit that qualifies, once."),
    "Inbox": lambda p: p.get_by_role("button", name="Mark all read", exact=True),
}
TABS = ("Home", "Rewards", "Friends", "Challenges", "Badges")
ELSEWHERE = ("Redeem ", "Review gift", "How gifting works", "Open to join (", "Still to earn")
"""Words only the other tabs say (Rewards, Friends, Challenges, Badges)."""
# the buttons under More on Home
LINKED = ("Offers", "Activity", "Member card", "Ways to earn", "How it works", "Profile")

# Roles a screen reader user acts on: each must have a name. A line of `aria_snapshot` with such a role and no
# quoted name (`- button`, `- button [disabled]`, `- textbox:`) is a nameless control.
NAMED_ROLES = ("button", "textbox", "progressbar", "switch", "tab", "checkbox", "radio", "slider", "link", "combobox")
NAMELESS = re.compile(rf"^\s*- ({'|'.join(NAMED_ROLES)})(\s*\[[^\]]*\])*:?\s*$", re.MULTILINE)


async def tree(page: Page) -> str:
    return await page.locator("body").aria_snapshot()


async def expect_only(page: Page, screen: str) -> None:
    """`screen` is shown (its title is the heading of the top bar, its marker is in the tree) and nothing of any
    other screen is in the tree."""
    await expect(page.get_by_role("heading", name=screen, exact=True)).to_have_count(1)
    await expect(MARKERS[screen](page).first).to_be_attached()
    for other, marker in MARKERS.items():
        if other != screen:
            await expect(marker(page), f"{other} is still in the tree on {screen}").to_have_count(0)


async def expect_all_named(page: Page, where: str) -> None:
    snapshot = await tree(page)
    nameless = [m.group(0).strip() for m in NAMELESS.finditer(snapshot)]
    assert not nameless, f"nameless controls on {where}: {nameless}\n{snapshot}"


async def open_linked(page: Page, screen: str) -> None:
    """Open a screen from the buttons under "More" on Home."""
    await nav(page, "Home")
    link = button(page, screen)
    await reveal(page, link)
    await link.click()
    await expect(page.get_by_role("button", name="Back", exact=True)).to_be_visible()


async def listen_to_announcements(page: Page) -> None:
    """Record what Flutter puts in its live regions (what a screen reader announces) in `window.announced`."""
    await page.evaluate(
        """() => {
            window.announced = [];
            for (const el of document.querySelectorAll('flt-announcement-polite, flt-announcement-assertive')) {
                new MutationObserver(() => el.textContent && window.announced.push(el.textContent))
                    .observe(el, {childList: true, subtree: true, characterData: true});
            }
        }"""
    )


async def announced(page: Page) -> list[str]:
    return list(await page.evaluate("() => window.announced"))


async def test_a_gift_error_leaves_no_screen_behind_in_the_tree(page: Page, app_url: str) -> None:
    """The repro of issue 12: Gift with an error, then Home, Gift, Rewards: each screen alone in the tree."""
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    await nav(page, "Friends")
    await expect(button(page, "Review gift")).to_be_visible()
    await listen_to_announcements(page)
    await button(page, "Review gift").click()  # the form is empty: refused, with a line above the fields
    amount = page.get_by_role("textbox", name="Amount", exact=True)
    # One field each (before the fix, the Message box was a second "Amount").
    await expect(amount).to_have_count(1)
    await expect(page.get_by_role("textbox", name="Message", exact=True)).to_have_count(1)
    await expect(amount).to_have_accessible_description(re.compile(r"\S"))
    # The field in error is marked invalid (assets/pwa/a11y.js), the one without an error is not.
    await expect(amount).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_role("textbox", name="Message", exact=True)).to_have_attribute("aria-invalid", "false")
    await expect_only(page, "Friends")
    # The refusals are announced, not only shown: the friend's and the amount's.
    description = await amount.evaluate(
        "e => e.getAttribute('aria-description')"
        " || document.getElementById(e.getAttribute('aria-describedby'))?.textContent"
    )
    said = await announced(page)
    assert any("friend" in line for line in said), said
    assert description and any(description.strip() in line for line in said), (description, said)

    for screen in ("Home", "Friends", "Rewards"):
        await nav(page, screen)
        await expect_only(page, screen)
    # The Gift form stayed mounted behind Rewards: none of its fields may be read there.
    await expect(page.get_by_role("textbox")).to_have_count(0)


async def test_the_tabs_drawn_beneath_home_after_being_built_ahead_stay_out_of_the_tree(
    page: Page, app_url: str
) -> None:
    """Once Home is in, the other tabs are built ahead and drawn once beneath it (app/views/shell.py, `warm`): all
    the while, the tree holds Home alone. Every change to the semantics DOM is watched for the other tabs' words."""
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    await page.evaluate(
        """(words) => {
            window.seenElsewhere = [];
            const look = () => {
                for (const el of document.querySelectorAll('flt-semantics, h1, h2, h3, h4, h5, h6')) {
                    const said = (el.getAttribute('aria-label') || '') + ' ' + (el.textContent || '');
                    for (const word of words) if (said.includes(word)) window.seenElsewhere.push(word);
                }
            };
            new MutationObserver(look).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                               characterData: true});
        }""",
        list(ELSEWHERE),
    )
    # Building ahead starts 1 s after Home is in (STARBOARD_PREFETCH_TABS_SECONDS); the tabs are drawn for 1 s.
    await page.wait_for_timeout(6_000)
    assert await page.evaluate("() => [...new Set(window.seenElsewhere)]") == []
    await expect_only(page, "Home")
    await nav(page, "Friends")  # built ahead: shown at once, and alone
    await expect_only(page, "Friends")


async def test_every_screen_and_dialog_alone_in_the_tree_with_named_controls(
    page: Page, app_url: str, api: BackendApi
) -> None:
    await open_app(page, app_url, "/")
    await expect(page.get_by_role("heading", name="Starboard", exact=True)).to_be_visible()
    await expect_all_named(page, "Sign in")
    await try_the_demo(page)

    for screen in TABS:
        await nav(page, screen)
        await expect_only(page, screen)
        await expect_all_named(page, screen)
    # Back to each tab again (all are mounted now, hidden but for one).
    for screen in reversed(TABS):
        await nav(page, screen)
        await expect_only(page, screen)

    for screen in LINKED:
        await open_linked(page, screen)
        await expect_only(page, screen)
        await expect_all_named(page, screen)
        if screen == "Activity":
            # One filter at a time: tabs of a tab list, the chosen one selected (not independent checkboxes).
            await expect(page.get_by_role("tab", name="All", exact=True)).to_have_attribute("aria-selected", "true")
            await expect(page.get_by_role("checkbox")).to_have_count(0)
        if screen == "Member card":
            card = await api.card(await demo_member(page, api))  # this browser's own demo member
            groups = " ".join(re.findall(r".{1,4}", card.member_number))
            await expect(page.get_by_text(f"Member number {groups}")).to_be_attached()

    # The inbox, from the top bar.
    await button(page, re.compile(r"^Inbox, \d+ unread$")).click()
    await expect_only(page, "Inbox")
    await expect_all_named(page, "Inbox")

    # The redeem confirmation: a dialog over Rewards, named by its title; only it is read while it is open.
    await nav(page, "Rewards")
    affordable = next(r for r in await api.rewards(await demo_member(page, api)) if r.can_redeem)
    await button(page, f"Redeem {affordable.name}").click()
    dialog = page.get_by_role("alertdialog")
    await expect(dialog.get_by_role("button", name="Confirm", exact=True)).to_be_visible()
    await expect(dialog.locator(f'[aria-label="Redeem {affordable.name}?"]')).to_be_attached()
    # The dialog itself is named by its title (assets/pwa/a11y.js; Flutter puts the label on its first node only).
    await expect(page.get_by_role("alertdialog", name=f"Redeem {affordable.name}?", exact=True)).to_be_visible()
    await expect(MARKERS["Rewards"](page)).to_have_count(0)  # the screen behind is not read while the dialog is up
    await expect_all_named(page, "the redeem confirmation")
    await button(page, "Cancel").click()
    await expect(dialog).to_have_count(0)

    # A badge's detail.
    await nav(page, "Badges")
    badge = (await api.badges(await demo_member(page, api)))[0]
    tile = button(page, re.compile(rf"^{re.escape(badge.name)}, "))
    await reveal(page, tile)
    await tile.click()
    await expect(dialog.get_by_role("button", name="Close", exact=True)).to_be_visible()
    await expect(dialog.locator(f'[aria-label="{badge.name}"]')).to_be_attached()
    await expect(page.get_by_role("alertdialog", name=badge.name, exact=True)).to_be_visible()
    await expect_all_named(page, f"the detail of {badge.name}")
    await button(page, "Close").click()
    await expect(dialog).to_have_count(0)
    await expect_only(page, "Badges")


async def test_progress_bars_and_section_titles_say_what_they_are(page: Page, app_url: str, api: BackendApi) -> None:
    await open_app(page, app_url, "/")
    await try_the_demo(page)
    summary = await api.summary(await demo_member(page, api))  # this browser's own demo member
    reward = summary.next_reward
    assert reward is not None and reward.reward_name
    have = reward.cost - reward.stars_missing
    name = re.compile(rf"^{have:,} of {reward.cost:,} Stars to {re.escape(reward.reward_name)}( \d+)?$")
    await expect(page.get_by_role("progressbar", name=name)).to_be_visible()
    for title in ("Active challenges", "More"):
        await expect(page.get_by_role("heading", name=title, exact=True)).to_be_attached()
    # No progress bar is named by a bare number.
    assert not re.search(r'progressbar "[^"]*progress \d+"', await tree(page))


async def test_a_refused_sign_in_is_announced(page: Page, app_url: str) -> None:
    await open_app(page, app_url, "/")
    await expect(page).to_have_url(re.compile(r"/signin([?#].*)?$"))
    await type_into(page, page.get_by_role("textbox", name="Email", exact=True), DEMO_EMAIL)
    await type_into(page, page.get_by_role("textbox", name="Password", exact=True), "not-the-password")
    await listen_to_announcements(page)
    await button(page, "Sign in").click()
    # Why it failed is on screen under the fields, and a screen reader hears it without looking for it.
    reason = shown(page, re.compile(r"\bdo not match\b", re.MULTILINE))
    await expect(reason).to_be_visible()
    said = await announced(page)
    assert any("do not match" in line for line in said), said
