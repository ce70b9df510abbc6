"""A catalog of hostile values against every field of the app's forms, at the API and in the form validators.

Each value is either invalid for the field, and then gets a 4xx problem+json with a short human `detail` that
does not echo the input, and changes nothing (balances, ledgers, names, friends, stock, tokens identical before
and after); or it is valid text, and then it is stored and returned verbatim as text, never interpreted.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.api.models import Friend, GiftAllowance
from app.mock_backend import DEMO_PASSWORD, Store, create_app
from app.mock_backend.rules.engagement import survey_id_for
from app.mock_backend.seed import ADA, GRACE
from app.state.gift import GiftState
from app.state.profile import parse_amount, parse_birthday
from tests.app.fakes import FakeContext
from tests.reliability.figures import Figures

SECTION = "Hostile input"

CATALOG: dict[str, Any] = {
    "empty": "",
    "whitespace": " \t\n ",
    "negative": -5,
    "negative as text": "-5",
    "decimal": 2.5,
    "decimal as text": "2.5",
    "exponent as text": "1e3",
    "exponent": 1e3,
    "10^12": 10**12,
    "unicode digits": "١٢",
    "emoji": "⭐🎁☕",
    "10 KB": "x" * 10_240,
    "HTML": "<b>Lovely</b> flat white",
    "script tag": "<script>alert('stars')</script>",
    "boolean": True,
    "null": None,
}
TEXTS = {name for name, value in CATALOG.items() if isinstance(value, str)}
MARKUP = {"HTML", "script tag"}


def all_but(*names: str) -> frozenset[str]:
    return frozenset(CATALOG) - set(names)


@dataclass(frozen=True)
class Field:
    """One form field as the API sees it: where it goes, and which catalog values are valid for it."""

    name: str
    method: str
    path: str
    body: Callable[[Store, Any], dict[str, Any]]
    valid: frozenset[str] = frozenset()
    as_member: bool = True


def member_id(store: Store, email: str) -> str:
    found = store.member_by_email(email)
    assert found is not None
    return found.id


def survey(store: Store) -> dict[str, Any]:
    return {"survey_id": survey_id_for(store.now()), "answers": {"visit": "Great", "speed": "Fine", "again": "Yes"}}


FIELDS = [
    Field("gift: stars", "POST", "/v1/me/gifts", lambda s, v: {"friend_id": member_id(s, GRACE), "stars": v}),
    Field("gift: friend", "POST", "/v1/me/gifts", lambda s, v: {"friend_id": v, "stars": 1}),
    Field(
        "gift: message",
        "POST",
        "/v1/me/gifts",
        lambda s, v: {"friend_id": member_id(s, GRACE), "stars": 1, "message": v},
        # Any text up to 140 characters is a message (blank means none); numbers are not text.
        valid=frozenset(TEXTS - {"10 KB"}) | {"null"},
    ),
    Field("redemption: reward_id", "POST", "/v1/me/redemptions", lambda s, v: {"reward_id": v}),
    Field("friend code", "POST", "/v1/me/friend-requests", lambda s, v: {"friend_code": v}),
    Field("review: rating", "POST", "/v1/me/reviews", lambda s, v: {"rating": v, "text": "A perfectly fine visit."}),
    Field(
        "review: text",
        "POST",
        "/v1/me/reviews",
        lambda s, v: {"rating": 5, "text": v},
        valid=frozenset({"HTML", "script tag"}),  # at least 10 characters of text
    ),
    Field("survey: id", "POST", "/v1/me/survey", lambda s, v: {**survey(s), "survey_id": v}),
    Field(
        "survey: answer",
        "POST",
        "/v1/me/survey",
        lambda s, v: {**survey(s), "answers": {"visit": v, "speed": "Fine", "again": "Yes"}},
    ),
    Field(
        "profile: name",
        "PATCH",
        "/v1/me",
        lambda s, v: {"name": v},
        valid=frozenset(TEXTS - {"empty", "whitespace", "10 KB"}) | {"null"},  # null: leave the name as it is
    ),
    Field("profile: birthday", "PATCH", "/v1/me", lambda s, v: {"birthday": v}, valid=frozenset({"null"})),
    Field(
        "sign-in: email",
        "POST",
        "/v1/auth/token",
        lambda s, v: {"email": v, "password": DEMO_PASSWORD},
        as_member=False,
    ),
    Field("sign-in: password", "POST", "/v1/auth/token", lambda s, v: {"email": ADA, "password": v}, as_member=False),
]


def snapshot(store: Store) -> Any:
    """Everything a refused request must leave as it was."""
    now = store.now()
    return (
        {
            m.id: (
                store.balance(m, now),
                [(e.id, e.kind, e.stars, e.message) for e in m.entries],
                m.name,
                m.birthday,
                tuple(m.friends),
                tuple(m.challenges),
                tuple(sorted(m.surveys)),
                len(m.events),
            )
            for m in store.members.values()
        },
        dict(store.stock),
        len(store.redemptions),
        len(store.gifts),
        len(store.members),
        len(store.tokens.access),
        len(store.tokens.refresh),
    )


def human(detail: object, value: Any) -> bool:
    """A short sentence in words, which does not echo a long or marked-up input back."""
    if not isinstance(detail, str) or not 5 <= len(detail) <= 200 or not re.search(r"[A-Za-z]{3,} [a-z]{2,}", detail):
        return False
    return not (isinstance(value, str) and len(value) >= 8 and value in detail) and "<" not in detail


@pytest.fixture
async def world(store: Store) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(store)), base_url="http://mock") as http:
        token = (await http.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})).json()
        yield http, {"Authorization": f"Bearer {token['access_token']}"}


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
async def test_each_hostile_value_is_refused_with_a_clear_problem_or_kept_verbatim_as_text(
    world: tuple[httpx.AsyncClient, dict[str, str]], store: Store, figures: Figures, field: Field
) -> None:
    http, ada = world
    for name, value in CATALOG.items():
        body = field.body(store, value)
        headers = {**(ada if field.as_member else {}), "Idempotency-Key": uuid.uuid4().hex}
        before = snapshot(store)
        response = await http.request(field.method, field.path, json=body, headers=headers)
        figures.add(SECTION, "catalog inputs tried (value x form field)", 1, f"{len(CATALOG)} values x {len(FIELDS)}")
        if name not in field.valid:
            assert 400 <= response.status_code < 500, (field.name, name, response.status_code, response.text)
            assert response.headers["content-type"].startswith("application/problem+json"), (field.name, name)
            problem = response.json()
            assert problem["status"] == response.status_code and problem["code"], problem
            assert human(problem["detail"], value), (field.name, name, problem["detail"])
            assert snapshot(store) == before, f"{field.name} = {name} was refused but changed something"
            figures.add(SECTION, "catalog inputs refused, nothing changed", 1)
            continue
        assert response.status_code in (200, 201), (field.name, name, response.text)
        assert response.headers["content-type"] == "application/json"
        figures.add(SECTION, "catalog inputs accepted as plain text", 1)
        await verbatim(http, ada, store, field, value, response.json())


async def verbatim(
    http: httpx.AsyncClient, ada: dict[str, str], store: Store, field: Field, value: Any, answer: dict[str, Any]
) -> None:
    """Valid text is stored and returned exactly as sent (trimmed), as JSON text: never escaped or interpreted."""
    text = value.strip() if isinstance(value, str) else value
    if field.name == "gift: message":
        expected = text or None
        assert answer["message"] == expected
        grace = (await http.post("/v1/auth/token", json={"email": GRACE, "password": DEMO_PASSWORD})).json()
        theirs = {"Authorization": f"Bearer {grace['access_token']}"}
        mine = (await http.get("/v1/me/activity?limit=1", headers=ada)).json()["items"][0]
        received = (await http.get("/v1/me/activity?limit=1", headers=theirs)).json()["items"][0]
        assert mine["message"] == received["message"] == expected
        raw = (await http.get(f"/v1/me/gifts/{answer['id']}", headers=theirs)).text
        if expected and "<" in expected:
            assert json.dumps(expected) in raw and "&lt;" not in raw
    elif field.name == "profile: name":
        if text is not None:
            assert answer["name"] == text
            assert (await http.get("/v1/me", headers=ada)).json()["name"] == text
    elif field.name == "review: text":
        assert answer["stars"] == 10  # credited; one review a day, so move to tomorrow (and sign in again)
        store.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
        token = (await http.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})).json()
        ada["Authorization"] = f"Bearer {token['access_token']}"


async def test_a_body_that_is_not_utf8_is_a_documented_422_on_the_body(
    world: tuple[httpx.AsyncClient, dict[str, str]], store: Store
) -> None:
    """Found by schemathesis: FastAPI answered an undocumented bare 400 for a body that is not UTF-8."""
    http, ada = world
    before = snapshot(store)
    for path in ("/v1/me/gifts", "/v1/auth/token", "/v1/me/redemptions"):
        response = await http.post(
            path,
            content=b'{"stars": "\xff\xfe"}',
            headers={**ada, "Idempotency-Key": "k", "Content-Type": "application/json"},
        )
        assert response.status_code == 422, response.text
        assert (response.json()["code"], response.json()["field"]) == ("validation_error", "body")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/me/gifts", {"stars": "12"}, "stars"),
        ("/v1/me/gifts", {"stars": 12.0}, "stars"),
        ("/v1/me/gifts", {"stars": True}, "stars"),
        ("/v1/me/reviews", {"rating": "5", "text": "A perfectly fine visit."}, "rating"),
        ("/v1/me/reviews", {"rating": True, "text": "A perfectly fine visit."}, "rating"),
        ("/v1/demo/purchases", {"amount": "12.5"}, "amount"),
        ("/v1/demo/purchases", {"amount": True}, "amount"),
    ],
)
async def test_numbers_are_json_numbers_never_strings_or_booleans(
    world: tuple[httpx.AsyncClient, dict[str, str]], store: Store, path: str, body: dict[str, Any], field: str
) -> None:
    """Lax parsing used to read `true` as a 1-Star gift and "12" as 12: a money field takes a JSON integer only."""
    http, ada = world
    if path == "/v1/me/gifts":
        body = {"friend_id": member_id(store, GRACE), **body}
    before = snapshot(store)
    response = await http.post(path, json=body, headers={**ada, "Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code == 422 and response.json()["field"] == field, response.text
    assert snapshot(store) == before


@pytest.mark.parametrize("birthday", [0, 1700000000, "0", "1700000000", "2000-01-01T00:00:00", "٢٠٠٠-٠١-٠١"])
async def test_a_birthday_is_a_date_never_a_timestamp(
    world: tuple[httpx.AsyncClient, dict[str, str]], store: Store, birthday: object
) -> None:
    """Found by schemathesis: `{"birthday": 0}` was accepted as 1 January 1970."""
    http, ada = world
    before = snapshot(store)
    response = await http.patch("/v1/me", json={"birthday": birthday}, headers=ada)
    assert response.status_code == 422 and response.json()["field"] == "birthday", response.text
    assert "YYYY-MM-DD" in response.json()["detail"]
    assert snapshot(store) == before
    assert (await http.patch("/v1/me", json={"birthday": "1990-04-21"}, headers=ada)).json()["birthday"] == "1990-04-21"


# ---------------------------------------------------------------- the app's own form validators (pure)

ALLOWANCE = GiftAllowance(
    balance=300,
    min_per_gift=1,
    max_per_gift=500,
    daily_cap=1000,
    sent_today=0,
    remaining_today=1000,
    max_now=300,
    message_max_chars=140,
)


def gift_form() -> GiftState:
    form = GiftState(FakeContext())  # the checks read only the allowance
    form.allowance = ALLOWANCE
    form.friends = [Friend(id="mem_2", name="Grace Hopper", friend_code="GRAC-00000-00000")]
    form.set_friend("mem_2")
    return form


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" \t ", "Enter how many Stars to send."),
        ("1e3", "Enter the amount as a number, like 25."),
        ("1000000000000", "A gift can be at most 500 Stars."),
        ("⭐🎁☕", "Enter the amount as a number, like 25."),
        ("x" * 10_240, "Enter the amount as a number, like 25."),
        ("<b>5</b>", "Enter the amount as a number, like 25."),
        ("<script>alert(1)</script>", "Enter the amount as a number, like 25."),
        ("2,5", "Stars are whole numbers: enter an amount like 25."),
    ],
)
def test_the_gift_form_refuses_hostile_amounts_with_a_sentence(text: str, reason: str, figures: Figures) -> None:
    form = gift_form()
    form.set_amount(text)
    form.review()
    assert form.step == "form"  # no review, so nothing could be sent
    assert form.errors == {"amount": reason}
    figures.add(SECTION, "form-validator inputs tried (pure, no page)", 1)


def test_the_gift_form_reads_unicode_digits_as_the_number_they_spell() -> None:
    """Decision pinned: "١٢" (Arabic-Indic) is 12, as Python's int() reads it; the API then gets a JSON 12."""
    form = gift_form()
    form.set_amount("١٢")
    assert form.validate() == 12


def test_the_gift_form_keeps_a_marked_up_message_as_text_and_refuses_10_kb() -> None:
    form = gift_form()
    form.set_amount("5")
    form.set_message("<script>alert('stars')</script>")
    assert form.validate() == 5 and form.message == "<script>alert('stars')</script>"
    form.set_message("x" * 10_240)
    assert form.validate() is None
    assert form.errors == {"message": "Keep the message to 140 characters (it has 10,240)."}


@pytest.mark.parametrize("text", ["", " ", "0", "1e3", "١٢", "⭐", "x" * 10_240, "<b>1990-04-21</b>", "1990-02-30"])
def test_the_birthday_field_reads_only_real_dates(text: str, figures: Figures) -> None:
    assert parse_birthday(text) is None
    figures.add(SECTION, "form-validator inputs tried (pure, no page)", 1)


@pytest.mark.parametrize("text", ["", " ", "-5", "0", "nan", "⭐", "x" * 10_240, "<b>12</b>"])
def test_the_visit_amount_field_refuses_what_is_not_a_positive_amount(text: str, figures: Figures) -> None:
    assert parse_amount(text) is None
    figures.add(SECTION, "form-validator inputs tried (pure, no page)", 1)
