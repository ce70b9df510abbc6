"""A new value grows into place (`PopIn`, app/components/motion.py), and nothing else makes it move: Flet 1.0's
`AnimatedSwitcher` replayed its transition whenever the browser built it again, so Home's balance bounced with no new
balance. Driven on the wire (tests/support/flet_wire.py) against the real app process: the scale the browser is told
to show, frame by frame."""

from __future__ import annotations

from typing import Any

from benchmarks.crowd import crowd_backend, single_process
from benchmarks.crowd_customer import Customer, make_members
from tests.support.flet_wire import FletWireClient, Node, controls_in
from tests.support.servers import running

SMALL = 0.3
FEATURES = (
    "accessible_navigation",
    "bold_text",
    "disable_animations",
    "high_contrast",
    "invert_colors",
    "reduce_motion",
    "on_off_switch_labels",
    "supports_announcements",
)


def _big_numbers(wire: FletWireClient) -> dict[str, tuple[str, Any, Any]]:
    """What grows into place on the page (the balance; the scratch card's prize once played; a celebration's icon), by
    the 40-point number or icon it shows: that number or icon, and the scale and scale animation of the container
    that grows. With no celebration shown, its icon's container rests there empty ("")."""
    found = {}
    for c in wire.controls():
        if c.get("_c") != "Container" or "scale" not in c:
            continue
        inside = controls_in(c)
        numbers = [n for n in inside if n.get("_c") == "Text" and n.get("size") == 40]
        icons = [n for n in inside if n.get("_c") == "Icon" and n.get("size") == 40]
        if numbers:
            value = str(numbers[0].get("value"))
            found["prize" if value.startswith("+") else "balance"] = (value, c.get("scale", 1), c.get("animate_scale"))
        elif icons or len(inside) == 1:
            icon = str(icons[0].get("icon")) if icons else ""
            found["celebration"] = (icon, c.get("scale", 1), c.get("animate_scale"))
    return found


async def test_a_new_balance_and_a_prize_grow_into_place_and_a_render_without_one_moves_nothing() -> None:
    with running(crowd_backend()) as (api,), single_process(api.url, 1, {}) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        assert await customer.arrive()
        wire = customer.wire
        try:
            await wire.quiet()
            before = _big_numbers(wire)
            assert before["balance"][1] == 1, before  # the first balance: no growing
            assert before["celebration"][:2] == ("", 0.4), before  # no moment: its icon's place rests small

            frames = _recording(wire)
            play = wire.button("Play today's game")
            assert play is not None
            assert (await wire.timed("play", lambda: wire.event(play, "click"), "+")).ok
            after = frames[-1]
            assert after["balance"][0] != before["balance"][0], "the prize was credited"
            for kind in ("balance", "prize"):
                value = after[kind][0]
                seen = [f[kind] for f in frames if kind in f and f[kind][0] == value]
                # The frame that brings the new value brings it small; it then grows to full size, animated.
                assert seen[0][1] == SMALL, (kind, seen)
                assert seen[-1][1] == 1 and _duration(seen[-1][2]) >= 400, (kind, seen)
            # The play also earned a badge: a celebration, whose icon springs from where it rested (40%) in the frame
            # that brings it, with no frame after.
            moment = [f["celebration"] for f in frames if f["celebration"][0]]
            assert moment[0][1] == 1 and _duration(moment[0][2]) >= 600, moment
            assert all(icon == moment[0] for icon in moment), moment

            frames.clear()
            refresh = wire.find(
                lambda c: c.get("_c") == "IconButton" and (c.get("icon") or {}).get("semantics_label") == "Refresh"
            )
            assert refresh is not None
            await wire.event(refresh, "click")
            assert await wire.wait_for("Updating...", 10)
            assert await wire.wait_for("Updating...", 10, gone=True)
            await wire.quiet()
            assert frames, "Home rendered again"
            assert all(f["balance"][1] == 1 for f in frames if "balance" in f), frames  # same balance: no growing

            # A new balance out of sight (Home kept beneath Rewards, where the customer redeems) just changes.
            assert await customer.switch_tab("Rewards")
            await wire.quiet()
            frames.clear()
            shown_before = _big_numbers(wire)["balance"][0]
            assert await customer.redeem(), customer.interactions[-3:]
            await wire.quiet()
            balances = [f["balance"] for f in frames if "balance" in f]
            assert balances[-1][0] != shown_before, "the redemption took Stars from Home's balance"
            assert all(scale == 1 for _, scale, _ in balances), balances

            # The first redemption earns a badge: a moment waiting behind the game's, said at once. Once the game's is
            # put away, its icon (a new value in place of the game's) starts small and grows: it used to show full
            # size first, then dip and grow.
            assert await wire.wait_for("1 more to celebrate", 10)
            frames.clear()
            nice = wire.button("Nice!")
            assert nice is not None
            await wire.event(nice, "click")
            assert await wire.wait_for("1 more to celebrate", 10, gone=True)
            await wire.quiet()
            icons = [f["celebration"] for f in frames if "celebration" in f]
            assert icons[0][1] == 0.4, icons
            assert icons[-1][1] == 1 and _duration(icons[-1][2]) >= 600, icons
        finally:
            await customer.leave()


async def test_with_less_motion_asked_for_a_new_value_just_shows() -> None:
    with running(crowd_backend()) as (api,), single_process(api.url, 1, {}) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        customer.wire.accessibility_features = {name: False for name in FEATURES} | {"reduce_motion": True}
        assert await customer.arrive()
        wire = customer.wire
        try:
            await wire.quiet()
            frames = _recording(wire)
            play = wire.button("Play today's game")
            assert play is not None
            assert (await wire.timed("play", lambda: wire.event(play, "click"), "+")).ok
            shown = [f[kind] for f in frames for kind in ("balance", "prize", "celebration") if kind in f]
            assert {kind for f in frames for kind in f} == {"balance", "prize", "celebration"}, frames[-1:]
            assert shown and all(scale == 1 and animation is None for _, scale, animation in shown), shown
        finally:
            await customer.leave()


Frame = dict[str, tuple[str, Any, Any]]


def _recording(wire: FletWireClient) -> list[Frame]:
    """From now on, what grows into place (`_big_numbers`) after every frame the wire receives."""
    frames: list[Frame] = []
    apply = wire._apply

    def recording(target_id: int, patch: list[Any]) -> None:
        apply(target_id, patch)
        frames.append(_big_numbers(wire))

    wire._apply = recording  # type: ignore[method-assign]
    return frames


def _duration(animation: Node | None) -> int:
    assert isinstance(animation, dict), animation
    duration = animation.get("duration")
    return int(duration.get("milliseconds", 0) if isinstance(duration, dict) else duration or 0)
