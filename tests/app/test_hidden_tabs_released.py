"""Tabs the customer left are released after `STARBOARD_KEEP_HIDDEN_TABS_SECONDS`: the session then holds only the
screen it shows, and going back to a released tab builds it again from the session's state, with no request to the
API while its data is fresh. Driven on the wire (tests/support/flet_wire.py) against the real app process."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from benchmarks.crowd import Probe, crowd_backend, single_process
from benchmarks.crowd_customer import TAB_SHOWS, TABS, Customer, make_members
from tests.support.flet_wire import Node
from tests.support.servers import running

KEEP_HIDDEN_TABS_S = 1.5
TAB_BY_KEY = {"/": "Home", "/rewards": "Rewards", "/friends": "Gift", "/challenges": "Challenges", "/badges": "Badges"}
"""The body's layers are keyed by their tab's path (app/views/routes.py)."""


async def test_left_tabs_are_released_and_built_again_without_a_request() -> None:
    env = {"STARBOARD_KEEP_HIDDEN_TABS_SECONDS": str(KEEP_HIDDEN_TABS_S)}
    with running(crowd_backend()) as (api,), single_process(api.url, 1, env) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        assert await customer.arrive()
        try:
            for tab in TABS[1:]:
                assert await customer.switch_tab(tab)
            # Back on Home within the time a left tab is kept: every tab is still built, hidden.
            assert await customer.switch_tab("Home")
            everything = sum(1 for _ in customer.wire.controls())
            assert [t for t in TABS if not customer.wire.find(_showing(TAB_SHOWS[t]))] == []

            await asyncio.sleep(KEEP_HIDDEN_TABS_S + 1.0)
            await customer.wire.quiet()
            home_only = sum(1 for _ in customer.wire.controls())
            assert home_only < everything / 2, (home_only, everything)
            assert customer.wire.shows(TAB_SHOWS["Home"])
            assert [t for t in TABS[1:] if customer.wire.find(_showing(TAB_SHOWS[t]))] == []

            api_requests = Probe([], api.url)  # the crowd backend's request counter
            before = api_requests.requests_now()
            assert await customer.switch_tab("Rewards")
            assert customer.wire.shows(TAB_SHOWS["Rewards"])
            assert api_requests.requests_now() == before, "the released tab came back from the session's state"
        finally:
            await customer.leave()


async def test_tabs_built_ahead_of_their_first_visit_are_released_the_same_way() -> None:
    env = {"STARBOARD_KEEP_HIDDEN_TABS_SECONDS": str(KEEP_HIDDEN_TABS_S), "STARBOARD_PREFETCH_TABS_SECONDS": "0.2"}
    with running(crowd_backend()) as (api,), single_process(api.url, 1, env) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        assert await customer.arrive()
        try:
            async with asyncio.timeout(10):  # Home is in; the other tabs load and are built, hidden, one at a time
                while any(not customer.wire.find(_showing(TAB_SHOWS[t])) for t in TABS[1:]):
                    await asyncio.sleep(0.05)
            assert customer.wire.shows(TAB_SHOWS["Home"]) and not customer.wire.shows(TAB_SHOWS["Rewards"])

            await asyncio.sleep(KEEP_HIDDEN_TABS_S + 1.0)
            await customer.wire.quiet()
            assert [t for t in TABS[1:] if customer.wire.find(_showing(TAB_SHOWS[t]))] == []
            assert customer.wire.shows(TAB_SHOWS["Home"])
        finally:
            await customer.leave()


async def test_tabs_built_ahead_are_drawn_once_beneath_home_and_out_of_the_accessibility_tree() -> None:
    """The browser builds and draws a tab built ahead on its first visit, unless it has drawn it before: each tab is
    drawn once, beneath Home (which covers it and stays the only screen in the accessibility tree), then hidden."""
    env = {"STARBOARD_PREFETCH_TABS_SECONDS": "0.2"}
    with running(crowd_backend()) as (api,), single_process(api.url, 1, env) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        assert await customer.arrive()
        try:
            drawn: set[str] = set()
            async with asyncio.timeout(10):
                while drawn != set(TABS[1:]) or _drawn_layers(customer):
                    layers = _drawn_layers(customer)
                    for tab, layer in layers.items():
                        # Drawn, but beneath Home: not seen, and not in the accessibility tree.
                        assert _body(layer["content"]).get("exclude_semantics") is True, tab
                        assert not customer.wire.shows(TAB_SHOWS[tab]), tab
                    if layers:
                        stack = layers[next(iter(layers))]["_parent"]
                        assert stack[-1]["key"] == "/" and stack[-1]["bgcolor"], "Home is on top, opaque"
                    assert customer.wire.shows(TAB_SHOWS["Home"])
                    drawn |= set(layers)
                    await asyncio.sleep(0.02)
            # Each tab was drawn, and is hidden again (drawn with every frame, it would slow every frame down).
            assert drawn == set(TABS[1:])
            assert await customer.switch_tab("Rewards")
            assert customer.wire.shows(TAB_SHOWS["Rewards"]) and not customer.wire.shows(TAB_SHOWS["Home"])
        finally:
            await customer.leave()


def _drawn_layers(customer: Customer) -> dict[str, Node]:
    """The tabs other than Home drawn now (a layer of the body's stack not hidden), by name, with their stack."""
    found: dict[str, Node] = {}
    for control in customer.wire.controls():
        if control.get("_c") == "Stack":
            for layer in control.get("controls", []):
                name = TAB_BY_KEY.get(layer.get("key"))
                if name and name != "Home" and layer.get("visible") is not False:
                    found[name] = {**layer, "_parent": control["controls"]}
    return found


def _body(node: Node) -> Node:
    """What a component renders (a component's node holds its body under `_b`), or the control itself."""
    return _body(node["_b"]) if node.get("_c") == "C" else node


def _showing(text: str) -> Callable[[Node], bool]:
    """A control with a text of its own (a value, a label) that starts with `text`, shown or hidden."""
    return lambda c: any(isinstance(v, str) and v.startswith(text) for v in c.values())
