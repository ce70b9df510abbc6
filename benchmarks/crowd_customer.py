"""What one simulated customer does: sign in as their own member, open Home, switch tabs, redeem, gift.

Members are made over the loyalty API before the crowd arrives (`make_members`): each signs up with its own email,
buys something (so it has Stars to redeem and give) and is a friend of the next one (friendship is mutual), so
every customer can gift to a neighbour. Everything a customer does afterwards goes through the app, on the wire.

Every interaction waits for a text only that interaction brings on screen (a tab's own heading, a dialog's title,
the gift's confirmation); a kept tab that is hidden does not count (`texts_of` skips invisible controls).
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from tests.support.flet_wire import FletWireClient, Interaction, WireError
from tests.support.joining import join_over_http

PASSWORD = "crowd-customer-1"
REWARD = "Extra shot"
"""The 25-Star reward: every crowd member can afford it many times over."""
TABS = ("Home", "Rewards", "Gift", "Challenges", "Badges")
TAB_SHOWS = {
    "Home": "Hi, ",
    "Rewards": "Catalog",
    "Gift": "How gifting works",
    "Challenges": "Completed (",
    "Badges": "Still to earn",
}
"""A text each tab shows and no other tab does (checked against the app by tests/benchmarks/test_crowd.py)."""


@dataclass(frozen=True)
class Member:
    email: str
    name: str
    id: str
    friend_id: str = ""
    friend_name: str = ""


async def make_members(api_url: str, count: int, run: str | None = None) -> list[Member]:
    """Sign up `count` members, give each Stars, and make each a friend of the next (a ring)."""
    run = run or uuid.uuid4().hex[:6]
    async with httpx.AsyncClient(base_url=api_url, timeout=60.0) as http:
        joining = asyncio.Semaphore(100)  # the demo outbox keeps the newest 500 messages: fewer joins at once

        async def one(i: int) -> tuple[Member, str, str]:
            email, name = f"crowd-{run}-{i}@example.test", f"Crowd {run} {i}"
            body = {"email": email, "password": PASSWORD, "name": name}
            async with joining:
                created = await join_over_http(http, body)  # the code from the demo outbox (--demo-tools)
            created.raise_for_status()
            auth = {"Authorization": f"Bearer {created.json()['access_token']}"}
            bought = await http.post(
                "/v1/demo/purchases", json={"amount": 200}, headers={**auth, "Idempotency-Key": uuid.uuid4().hex}
            )
            bought.raise_for_status()
            me = (await http.get("/v1/me", headers=auth)).json()
            return Member(email, name, me["id"]), auth["Authorization"], me["friend_code"]

        made = await asyncio.gather(*(one(i) for i in range(count)))
        members: list[Member] = []
        for i, (member, authorization, _) in enumerate(made):
            neighbour, neighbours_authorization, code = made[(i + 1) % count]
            if count > 1:
                # Friends with consent: a request by code, accepted by the neighbour.
                asked = await http.post(
                    "/v1/me/friend-requests", json={"friend_code": code}, headers={"Authorization": authorization}
                )
                if asked.status_code == 201 and asked.json()["status"] == "pending":
                    accepted = await http.post(
                        f"/v1/me/friend-requests/{asked.json()['id']}/accept",
                        headers={"Authorization": neighbours_authorization},
                    )
                    accepted.raise_for_status()
                elif asked.status_code not in (201, 409):
                    asked.raise_for_status()
            members.append(Member(member.email, member.name, member.id, neighbour.id, neighbour.name))
        return members


@dataclass
class Customer:
    """One member in one simulated browser tab, recording every interaction it times."""

    member: Member
    app_url: str
    think: tuple[float, float] = (2.0, 8.0)
    rng: random.Random = field(default_factory=random.Random)
    interactions: list[Interaction] = field(default_factory=list)
    tab: str = "Home"
    gift_sent_at: float | None = None
    """When "Send gift" was last tapped (perf_counter)."""
    wire: FletWireClient = field(init=False)

    def __post_init__(self) -> None:
        self.wire = FletWireClient(self.app_url)

    async def _timed(self, name: str, act: Callable[[], Awaitable[None]], expect: str, gone: str = "") -> bool:
        try:
            result = await self.wire.timed(name, act, expect, gone=gone)
        except (WireError, KeyError, OSError) as exc:
            result = Interaction(name, 0.0, False, f"{type(exc).__name__}: {exc}")
        self.interactions.append(result)
        return result.ok

    async def _tap(self, name: str, button: str, expect: str, gone: str = "") -> bool:
        control = self.wire.button(button)
        if control is None:
            self.interactions.append(Interaction(name, 0.0, False, f"no button {button!r} on {self.wire.route}"))
            return False
        return await self._timed(name, lambda: self.wire.event(control, "click"), expect, gone)

    async def arrive(self) -> bool:
        """Open the app (signed out: the sign-in form) and sign in; Home is on screen after."""
        started = time.perf_counter()
        try:
            await self.wire.open("/")
            opened = await self.wire.wait_for("Try the demo", 60.0)
        except (OSError, WireError) as exc:
            self.interactions.append(Interaction("open", 0.0, False, f"{type(exc).__name__}: {exc}"))
            return False
        self.interactions.append(
            Interaction("open", (self.wire.last_frame_at - started) * 1000, opened, "" if opened else "no form")
        )
        if not opened:
            return False
        email, password = self.wire.field("Email"), self.wire.field("Password")
        if email is None or password is None:
            self.interactions.append(Interaction("sign in", 0.0, False, "no Email/Password fields"))
            return False
        await self.wire.type_text(email, self.member.email)
        await self.wire.type_text(password, PASSWORD)
        self.tab = "Home"
        return await self._tap("sign in", "Sign in", TAB_SHOWS["Home"])

    async def switch_tab(self, tab: str) -> bool:
        nav = self.wire.of_type("NavigationBar")
        if nav is None:
            self.interactions.append(Interaction(f"tab {tab}", 0.0, False, f"no navigation bar on {self.wire.route}"))
            return False
        index = TABS.index(tab)
        ok = await self._timed(
            f"tab {tab}",
            lambda: self.wire.event(nav, "change", str(index), {"selected_index": index}),
            TAB_SHOWS[tab],
        )
        if ok:
            self.tab = tab
        return ok

    async def redeem(self) -> bool:
        """On Rewards: Redeem, Confirm, Done."""
        return (
            await self._tap("redeem: open", f"Redeem {REWARD}", f"Redeem {REWARD}?")
            and await self._tap("redeem: confirm", "Confirm", f"Enjoy your {REWARD}!")
            and await self._tap("redeem: done", "Done", "", gone=f"Enjoy your {REWARD}!")
        )

    async def gift(self) -> bool:
        """On Gift: choose the friend, 1 Star and a message, Review, Send, Send another."""
        wire = self.wire
        picker = wire.of_type("Dropdown")
        if picker is None:
            self.interactions.append(Interaction("gift: choose", 0.0, False, "no friend picker"))
            return False
        friend = self.member.friend_id
        if not await self._timed(
            "gift: choose",
            lambda: wire.event(picker, "select", friend, {"value": friend}),
            "",
            gone="none chosen",  # the gift picker's accessible value (the Ask form's says "no friend chosen yet")
        ):
            return False
        amount, message = wire.field("Amount"), wire.field("Message")
        if amount is None or message is None:
            self.interactions.append(Interaction("gift: review", 0.0, False, "no Amount/Message fields"))
            return False
        await wire.type_text(amount, "1")
        await wire.type_text(message, "From the crowd")
        await wire.quiet()
        return (
            await self._tap("gift: review", "Review gift", "Review your gift")
            and await self._send_gift()
            and await self._tap("gift: again", "Send another gift", "Review gift")
        )

    async def _send_gift(self) -> bool:
        self.gift_sent_at = time.perf_counter()
        return await self._tap("gift: send", "Send gift", f"You sent 1 Star to {self.member.friend_name}.")

    async def gift_seen_by(self, recipient: Customer, timeout: float = 30.0) -> float | None:
        """Gift 1 Star to the neighbour `recipient` (from the Gift tab) and time it on the recipient's open app:
        seconds from "Send gift" tapped to the recipient's notice on the wire; None when it failed or never came."""
        if recipient.member.id != self.member.friend_id:
            raise ValueError("the recipient must be this customer's neighbour")
        if self.tab != "Gift" and not await self.switch_tab("Gift"):
            return None
        seen_at: float | None = None

        async def watch() -> None:
            nonlocal seen_at
            if await recipient.wire.wait_for(f"{self.member.name} sent you", timeout):
                seen_at = time.perf_counter()

        watcher = asyncio.create_task(watch())
        sent = await self.gift()
        await watcher
        if not sent or seen_at is None or self.gift_sent_at is None:
            return None
        return seen_at - self.gift_sent_at

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))

    async def browse(self, until: float) -> None:
        """Until `until` (perf_counter): a tab, now and then a redeem or a gift, with think times between."""
        while time.perf_counter() < until and self.wire.connected:
            await self.pause()
            if time.perf_counter() >= until:
                break
            tab = self.rng.choice([t for t in TABS if t != self.tab])
            if not await self.switch_tab(tab):
                continue
            if tab == "Rewards" and self.rng.random() < 0.3:
                await self.pause()
                await self.redeem()
            elif tab == "Gift" and self.rng.random() < 0.3:
                await self.pause()
                await self.gift()

    async def visit_every_tab(self) -> None:
        """Every tab once, ending where it started."""
        here = TABS.index(self.tab)
        for tab in TABS[here + 1 :] + TABS[: here + 1]:
            await self.switch_tab(tab)

    async def come_back(self, timeout: float = 30.0) -> bool:
        """What the browser does when its socket closes: connect again (the same client storage, the same route)
        and show the screen it was on, signed in. True when the tab's own text and the balance are back."""
        await self.wire.close()
        try:
            await self.wire.open(self.wire.route)
        except (OSError, WireError, httpx.HTTPError) as exc:
            self.interactions.append(Interaction("come back", 0.0, False, f"{type(exc).__name__}: {exc}"))
            return False
        back = await self.wire.wait_for(TAB_SHOWS[self.tab], timeout) and await self.wire.wait_for("Balance: ", timeout)
        return back

    async def leave(self) -> None:
        await self.wire.close()
