"""The layout test's two checks (tests/e2e/long_texts.py) on semantics nodes made by hand: what each reports."""

from __future__ import annotations

from app.i18n.pseudo import pseudo
from tests.e2e.long_texts import Allowed, Node, api_texts, catalogue_findings, clipping_findings, outside_brackets

WIDTH = 390


def node(text: str, left: float = 16, right: float = 200, *, natural: list[float] | None = None) -> Node:
    return Node(
        id="n", role=None, text=text, left=left, right=right, top=0, bottom=20, box=None, hscroll=False,
        natural=natural,
    )  # fmt: skip


def test_nested_pseudo_texts_are_taken_out_whole() -> None:
    line = pseudo("Send {amount} now").format(amount=pseudo("{n} Stars").format(n=5))
    assert outside_brackets(line).strip() == ""
    assert outside_brackets("Chances: [2 Šţàŕš~] 50%").strip() == "Chances:   50%"


def test_a_text_cut_at_the_window_edge_short_of_room_is_clipped() -> None:
    cut = node(pseudo("A long line"), left=44, right=WIDTH, natural=[499, 19])  # 346x20 box, 499x19 text
    fits = node(pseudo("A line"), left=10, right=98, natural=[87, 18])
    flush_but_roomy = node(pseudo("Balance"), left=312, right=WIDTH, natural=[60, 18])
    found = clipping_findings("home", [cut, fits, flush_but_roomy], WIDTH)
    assert len(found) == 1 and "is cut at the right edge" in found[0]


def test_a_balance_name_for_screen_readers_only_is_not_held_to_the_room_check() -> None:
    chip = node("[Ɓàĺàñçé: [189 Šţàŕš~]~]", left=312, right=WIDTH, natural=[150, 18])
    assert clipping_findings("home", [chip], WIDTH) == []


def test_a_box_beyond_the_window_or_a_lost_bracket_is_clipped() -> None:
    beyond = node(pseudo("Wide"), left=300, right=420)
    lost = node("[Ŕéðééɱ ñö")
    found = clipping_findings("x", [beyond, lost], WIDTH)
    assert "sticks out of the 390 px window" in found[0] and "lost a bracket" in found[1]


def test_texts_outside_the_catalogue_are_findings_unless_allowed() -> None:
    nodes = [
        node(pseudo("Redeem {reward}").format(reward="Extra shot")),  # an API text inside a wrapped one
        node("Redeem Extra shot"),  # hand-written around an API text
        node("Extra shot"),  # the API's own text
        node("Code Z8HH9788"),  # "Code" hand-written, the code allowed
        node("19 Aug 2027 · 2:05 PM"),  # a formatter's output
        node("English\nEspañol"),  # the language picker
    ]
    allowed = Allowed(api=api_texts({"rewards": [{"name": "Extra shot", "kind": "drink"}]}))
    found = catalogue_findings("rewards", nodes, allowed)
    assert [f.split(" (left: ")[1] for f in found] == ["'Redeem')", "'Code')"]


def test_identifiers_from_the_api_are_not_allowed_as_texts() -> None:
    assert api_texts({"status": "ready", "name": "Tumbler", "lines": "One\nTwo"}) == {
        "Tumbler",
        "One\nTwo",
        "One",
        "Two",
    }


def test_a_tab_label_longer_than_its_tab_is_found() -> None:
    in_the_bar = {"role": "tab", "top": 780.0, "bottom": 830.0}
    fits = Node(**{**node("Challenges", 234, 312), **in_the_bar, "needed": 59.0})  # type: ignore[typeddict-item]
    breaks = Node(**{**node("Recompensas", 78, 156), **in_the_bar, "needed": 76.0})  # type: ignore[typeddict-item]
    scrolls = Node(**{**node("Caducadas", 364, 390), "role": "tab", "needed": 51.0})  # a scrollable tab bar's
    found = clipping_findings("home", [fits, breaks, scrolls], WIDTH, 844.0)
    assert len(found) == 1 and "the tab 'Recompensas' does not fit on one line" in found[0]
