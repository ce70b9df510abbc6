"""Hidden characters in every text field (issue 11, finding 7).

A lone surrogate (`"\\ud800"`) in a gift message used to crash the gift route: the body was accepted, then turning
it back into JSON (`GiftCreate.model_dump_json()`, the idempotency record's fingerprint) raised, the app answered
500, and Starlette re-raised the error to uvicorn after sending that answer, which closed the keep-alive connection.
Now lone surrogates, control characters (C0 and C1; line breaks only in multi-line texts) and text-direction
overrides and isolates are refused by the contract's named types: 422 naming the field, nothing changed.
"""

from __future__ import annotations

import http.client
import json
import typing
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pydantic
import pytest

from app.api import models
from app.mock_backend import DEMO_PASSWORD, Store, create_app
from app.mock_backend.rules.engagement import survey_id_for
from app.mock_backend.seed import ADA, GRACE
from tests.reliability.conftest import ServedBackend
from tests.reliability.figures import Figures
from tests.reliability.test_hostile_input import human, member_id, snapshot

SECTION = "Hostile clients at the API"

HIDDEN: dict[str, str] = {
    "lone surrogate": "\ud800",
    "NUL": "\x00",
    "ANSI escape": "\x1b[2J\x1b[31m",
    "bell": "\x07",
    "tab": "\t",
    "DEL": "\x7f",
    "C1 next line": "\x85",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "right-to-left isolate": "\u2067",
}
BIDI = {"right-to-left override", "left-to-right embedding", "right-to-left isolate"}


def inside(value: str) -> str:
    """The character in the middle of ordinary text (the ends are trimmed by some fields)."""
    return f"Flat white {value} please"


@dataclass(frozen=True)
class TextField:
    """One text field of the API: where it goes and how a body carrying `text` in it is built."""

    name: str
    method: str
    path: str
    body: Callable[[Store, str], dict[str, Any]]
    as_member: bool = True
    secret: bool = False
    """A password: never shown, so text-direction controls are allowed in it (not control characters)."""


def survey(store: Store, answer: str = "Great") -> dict[str, Any]:
    return {"survey_id": survey_id_for(store.now()), "answers": {"visit": answer, "speed": "Fine", "again": "Yes"}}


def new_email() -> str:
    return f"new-{uuid.uuid4().hex[:10]}@example.com"


FIELDS = [
    TextField(
        "message", "POST", "/v1/me/gifts", lambda s, v: {"friend_id": member_id(s, GRACE), "stars": 1, "message": v}
    ),
    TextField("friend_id", "POST", "/v1/me/gifts", lambda s, v: {"friend_id": v, "stars": 1}),
    TextField("reward_id", "POST", "/v1/me/redemptions", lambda s, v: {"reward_id": v}),
    TextField("friend_code", "POST", "/v1/me/friend-requests", lambda s, v: {"friend_code": v}),
    TextField("text", "POST", "/v1/me/reviews", lambda s, v: {"rating": 5, "text": v}),
    TextField(
        "subject", "POST", "/v1/me/reviews", lambda s, v: {"rating": 5, "text": "A perfectly fine visit.", "subject": v}
    ),
    TextField("survey_id", "POST", "/v1/me/survey", lambda s, v: {**survey(s), "survey_id": v}),
    TextField("answers.visit", "POST", "/v1/me/survey", lambda s, v: survey(s, v)),
    TextField("name", "PATCH", "/v1/me", lambda s, v: {"name": v}),
    TextField("store", "POST", "/v1/demo/purchases", lambda s, v: {"amount": 5, "store": v}),
    TextField("email", "POST", "/v1/auth/token", lambda s, v: {"email": v, "password": DEMO_PASSWORD}, as_member=False),
    TextField(
        "password", "POST", "/v1/auth/token", lambda s, v: {"email": ADA, "password": v}, as_member=False, secret=True
    ),
    TextField("refresh_token", "POST", "/v1/auth/refresh", lambda s, v: {"refresh_token": v}, as_member=False),
    TextField(
        "name",
        "POST",
        "/v1/members",
        lambda s, v: {"email": new_email(), "password": "a-long-password", "name": v},
        as_member=False,
    ),
]


@pytest.fixture
async def world(store: Store) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(store)), base_url="http://mock") as http:
        token = (await http.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})).json()
        yield http, {"Authorization": f"Bearer {token['access_token']}"}


def as_json(body: dict[str, Any]) -> bytes:
    # Escaped as JSON does ("\ud800" as six ASCII characters): a lone surrogate cannot be sent as UTF-8.
    return json.dumps(body).encode("ascii")


@pytest.mark.parametrize("field", FIELDS, ids=[f"{f.method} {f.path} {f.name}" for f in FIELDS])
async def test_hidden_characters_in_any_text_field_get_422_naming_the_field(
    world: tuple[httpx.AsyncClient, dict[str, str]], store: Store, figures: Figures, field: TextField
) -> None:
    http, ada = world
    for kind, char in HIDDEN.items():
        value = inside(char)
        headers = {**(ada if field.as_member else {}), "Idempotency-Key": uuid.uuid4().hex}
        before = snapshot(store)
        response = await http.request(
            field.method,
            field.path,
            content=as_json(field.body(store, value)),
            headers={**headers, "Content-Type": "application/json"},
        )
        figures.add(SECTION, "hidden characters sent (character x text field)", 1, f"{len(HIDDEN)} x {len(FIELDS)}")
        if field.secret and kind in BIDI:
            assert response.status_code == 401, (field.name, kind, response.text)  # just a wrong password
            continue
        assert response.status_code == 422, (field.name, kind, response.status_code, response.text)
        problem = response.json()
        assert (problem["code"], problem["field"]) == ("validation_error", field.name), (kind, problem)
        assert human(problem["detail"], value) and char not in problem["detail"], (kind, problem["detail"])
        assert snapshot(store) == before
        figures.add(SECTION, "hidden characters refused with 422 naming the field", 1)


@pytest.mark.parametrize(
    ("path", "method", "body", "field", "expected"),
    [
        ("/v1/me", "PATCH", {"name": "דוד בן-גוריון"}, "name", "דוד בן-גוריון"),
        ("/v1/me", "PATCH", {"name": "Zoë 👩‍👩‍👧 O’Brien"}, "name", "Zoë 👩‍👩‍👧 O’Brien"),
        ("/v1/me/gifts", "POST", {"stars": 1, "message": "שלום\nand thanks ☕"}, "message", "שלום\nand thanks ☕"),
        ("/v1/me/gifts", "POST", {"stars": 1, "message": "مرحبا يا صديقي"}, "message", "مرحبا يا صديقي"),
    ],
)
async def test_right_to_left_text_emoji_and_line_breaks_in_messages_are_kept_verbatim(
    world: tuple[httpx.AsyncClient, dict[str, str]],
    store: Store,
    path: str,
    method: str,
    body: dict[str, Any],
    field: str,
    expected: str,
) -> None:
    """Only the invisible controls are refused: right-to-left scripts need none of them."""
    http, ada = world
    if path == "/v1/me/gifts":
        body = {"friend_id": member_id(store, GRACE), **body}
    response = await http.request(method, path, json=body, headers={**ada, "Idempotency-Key": uuid.uuid4().hex})
    assert response.status_code in (200, 201), response.text
    assert response.json()[field] == expected


def text_fields() -> list[tuple[type[models.Request], str, Any]]:
    """Every text field of every request model of the contract (found, not listed: a new one is covered too)."""
    found = []
    for model in models.Request.__subclasses__():
        for name, info in model.model_fields.items():
            kinds = {info.annotation, *typing.get_args(info.annotation)}
            if str in kinds or any(typing.get_origin(k) is dict for k in kinds):
                found.append((model, name, info.annotation))
    return found


@pytest.mark.parametrize("kind", sorted(HIDDEN))
def test_every_text_field_of_the_contract_refuses_hidden_characters(kind: str) -> None:
    """At the contract itself, so the app's client refuses to build such a request as the API refuses it."""
    checked = 0
    for model, name, annotation in text_fields():
        value: Any = inside(HIDDEN[kind])
        is_dict = any(typing.get_origin(k) is dict for k in (annotation, *typing.get_args(annotation)))
        if is_dict:
            value = {"visit": value}
        with pytest.raises(pydantic.ValidationError) as refused:
            model.model_validate({name: value})
        ours = [e for e in refused.value.errors() if e["loc"][0] == name and e["type"] == "value_error"]
        secret = "password" in name
        if secret and kind in BIDI:
            assert not ours, (model.__name__, name)
            continue
        assert ours, (model.__name__, name, kind, refused.value.errors())
        checked += 1
    assert checked >= 10


def test_a_served_backend_answers_a_lone_surrogate_with_422_and_keeps_the_connection(
    served_backend: ServedBackend, figures: Figures
) -> None:
    """Over real HTTP/1.1 keep-alive: the next request goes over the same connection."""
    url = urlsplit(served_backend.url)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/v1/auth/token",
            body=json.dumps({"email": ADA, "password": DEMO_PASSWORD}),
            headers={"Content-Type": "application/json"},
        )
        token = json.loads(connection.getresponse().read())["access_token"]
        socket_before = connection.sock
        connection.request(
            "POST",
            "/v1/me/gifts",
            body=as_json({"friend_id": "mem_4", "stars": 1, "message": "\ud800"}),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": "k1"},
        )
        refused = connection.getresponse()
        problem = json.loads(refused.read())
        assert refused.status == 422 and (problem["code"], problem["field"]) == ("validation_error", "message")
        assert not refused.will_close
        connection.request("GET", "/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert connection.getresponse().status == 200
        assert connection.sock is socket_before, "the server closed the keep-alive connection"
    finally:
        connection.close()
    assert "Traceback" not in served_backend.log_text()
    figures.record(
        SECTION,
        'gift message "\\ud800" over HTTP keep-alive',
        "422, connection kept",
        "was 500 and a dropped connection: the body was accepted, then failed to turn back into JSON",
    )
