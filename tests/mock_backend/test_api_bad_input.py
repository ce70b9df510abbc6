"""Bad input on every write endpoint: always a 4xx problem+json with a field, never a 500, and no change."""

from __future__ import annotations

import json
import uuid
import warnings
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.mock_backend import Store, create_app
from app.mock_backend.seed import ADA, DEMO_PASSWORD, GRACE
from tests.mock_backend.conftest import assert_problem, member_id, sign_in

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

WRITES = [
    ("POST", "/v1/auth/token"),
    ("POST", "/v1/auth/refresh"),
    ("POST", "/v1/members"),
    ("PATCH", "/v1/me"),
    ("POST", "/v1/me/redemptions"),
    ("POST", "/v1/me/friend-requests"),
    ("POST", "/v1/me/asks"),
    ("POST", "/v1/me/gifts"),
    ("POST", "/v1/me/reviews"),
    ("POST", "/v1/me/survey"),
    ("POST", "/v1/demo/purchases"),
]

RAW_JUNK: list[bytes] = [
    b"",
    b"not json",
    b"{",
    b"[]",
    b"null",
    b"42",
    b'"a string"',
    b'{"stars": NaN}',
    b'{"amount": Infinity}',
    b'{"amount": -Infinity, "stars": NaN, "reward_id": NaN}',
    b"[" * 5000 + b"]" * 5000,
    b'{"a": ' * 2000 + b"1" + b"}" * 2000,
    '{"friend_code": "\udcff"}'.encode("utf-8", "surrogatepass"),
    b"\xff\xfe\x00garbage",
]

JSON_JUNK: list[Any] = [
    {},
    {"unexpected": True},
    {"stars": "ten", "friend_id": 1},
    {"stars": 10**30, "friend_id": "x"},
    {"stars": -5, "friend_id": "x"},
    {"stars": 1.5, "friend_id": "x"},
    {"amount": -1},
    {"amount": 0},
    {"amount": 10**12},
    {"amount": "12.5x"},
    {"reward_id": ""},
    {"reward_id": "x" * 65},
    {"reward_id": ["extra-shot"]},
    {"reward_id": {"$gt": ""}},
    {"friend_code": None},
    {"friend_code": "x" * 33},
    {"rating": 0, "text": "short"},
    {"rating": 6, "text": "a long enough review"},
    {"rating": True, "text": None},
    {"survey_id": "x", "answers": [1, 2]},
    {"survey_id": "x", "answers": {"q": {"nested": ["junk"]}}},
    {"name": "", "birthday": "yesterday"},
    {"birthday": "3000-01-01"},
    {"email": 5, "password": None},
    {"email": "a@b.c", "password": "x" * 129},
    {"refresh_token": ""},
    {"a": [[[[[[{"b": None}]]]]]]},
]


def snapshot(store: Store) -> Any:
    """Everything a bad request must not change (lazy maintenance aside, which the clock does not trigger)."""
    now = store.now()
    return (
        {
            m.id: (
                store.balance(m, now),
                len(m.entries),
                m.name,
                m.birthday,
                tuple(m.friends),
                tuple(m.challenges),
                tuple(sorted(m.surveys)),
                len(m.history.reviews),
            )
            for m in store.members.values()
        },
        dict(store.stock),
        len(store.redemptions),
        len(store.gifts),
        len(store.members),
    )


def check_refused(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.request.url, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] and body["detail"] and body["status"] == response.status_code
    if response.status_code == 422:
        assert body["field"], body


async def send(
    client: httpx.AsyncClient, method: str, path: str, content: bytes, headers: dict[str, str]
) -> httpx.Response:
    headers = {**headers, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    return await client.request(method, path, content=content, headers=headers)


async def test_junk_bodies_on_every_write_endpoint_are_refused_and_change_nothing(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    before = snapshot(store)
    bodies = RAW_JUNK + [json.dumps(j).encode() for j in JSON_JUNK]
    for method, path in WRITES:
        for body in bodies:
            if path == "/v1/me" and body == b"{}":
                continue  # an empty PATCH is a valid no-op
            check_refused(await send(client, method, path, body, ada))
    assert snapshot(store) == before


async def test_validation_errors_name_the_first_offending_field(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    cases = [
        ("/v1/me/gifts", {"friend_id": member_id(store, GRACE), "stars": "many"}, "stars"),
        ("/v1/me/gifts", {"stars": 5}, "friend_id"),
        ("/v1/me/gifts", {"friend_id": "x", "stars": 5, "colour": "red"}, "colour"),
        ("/v1/demo/purchases", {"amount": -3}, "amount"),
        ("/v1/me/reviews", {"rating": 9, "text": "Lovely oat latte today"}, "rating"),
        ("/v1/me/survey", {"survey_id": "s", "answers": {"q": "x" * 201}}, "answers.q"),
    ]
    for path, body, field in cases:
        response = await client.post(path, json=body, headers={**ada, "Idempotency-Key": str(uuid.uuid4())})
        problem = assert_problem(response, 422, "validation_error", field)
        assert field in str(problem["detail"])
    assert_problem(
        await client.post(
            "/v1/me/gifts", content=b"{", headers={**ada, "Idempotency-Key": "k", "Content-Type": "application/json"}
        ),
        422,
        "validation_error",
        "body",
    )


async def test_gift_messages_over_the_limit_are_refused(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = snapshot(store)
    body = {"friend_id": member_id(store, GRACE), "stars": 5, "message": "m" * 141}
    response = await client.post("/v1/me/gifts", json=body, headers={**ada, "Idempotency-Key": "long-message"})
    assert_problem(response, 422, "validation_error", "message")
    assert snapshot(store) == before


async def test_bodies_over_16_kb_are_refused_with_413(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    before = snapshot(store)
    big = json.dumps({"friend_id": member_id(store, GRACE), "stars": 5, "message": "x" * 20_000}).encode()
    response = await send(client, "POST", "/v1/me/gifts", big, ada)
    assert_problem(response, 413, "payload_too_large")

    async def chunks() -> Any:  # no Content-Length: counted while streaming
        for _ in range(20):
            yield b" " * 1024

    streamed = await client.post(
        "/v1/me/gifts", content=chunks(), headers={**ada, "Idempotency-Key": "s", "Content-Type": "application/json"}
    )
    assert_problem(streamed, 413, "payload_too_large")
    assert snapshot(store) == before


async def test_bad_query_parameters_and_unknown_ids_are_4xx(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    for path, status, field in [
        ("/v1/me/activity?limit=0", 422, "limit"),
        ("/v1/me/activity?limit=101", 422, "limit"),
        ("/v1/me/activity?limit=ten", 422, "limit"),
        ("/v1/me/activity?kind=everything", 422, "kind"),
        ("/v1/me/activity?cursor=%%%%", 422, "cursor"),
        ("/v1/me/activity?cursor=" + "A" * 65, 422, "cursor"),
        ("/v1/me/events?after=-1", 422, "after"),
        ("/v1/me/events?after=1e400", 422, "after"),
        # A parameter given twice is refused, not read as one of its values (both valid here)
        ("/v1/me/activity?limit=5&limit=6", 422, "limit"),
        ("/v1/me/events/stream?duration=0.1&after=0&duration=0.1", 422, "duration"),
        ("/v1/me/events/stream?duration=0.1&duration=0.1", 422, "duration"),
        ("/v1/me/redemptions/red_999999", 404, None),
        ("/v1/me/gifts/nope", 404, None),
        ("/v1/nowhere", 404, None),
    ]:
        response = await client.get(path, headers=ada)
        check_refused(response)
        assert response.status_code == status and response.json()["field"] == field, response.text
    spanish = await client.get("/v1/me/activity?kind=earned&kind=spent", headers={**ada, "Accept-Language": "es"})
    assert spanish.json()["detail"] == "kind: Indica este parámetro una sola vez.", spanish.text
    assert (await client.get("/v1/me/activity?limit=5&kind=earned", headers=ada)).status_code == 200
    for path in ("/v1/me/challenges/nope/join", "/v1/me/challenges/" + "x" * 500 + "/join"):
        assert_problem(await client.post(path, headers=ada), 404, "not_found")
    assert_problem(await client.delete("/v1/me", headers=ada), 405, "method_not_allowed")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
gift_like = st.fixed_dictionaries(
    {},
    optional={
        "friend_id": json_values | st.just("mem_2"),
        "stars": json_values,
        "message": json_values,
        "reward_id": json_values,
        "amount": json_values,
        "extra": json_values,
    },
)


@pytest.fixture(scope="module")
def fuzz_app() -> tuple[TestClient, Store, dict[str, str]]:
    from datetime import UTC, datetime

    from app.mock_backend import FrozenClock, build_demo_store

    store = build_demo_store(clock=FrozenClock(datetime(2025, 6, 18, 10, tzinfo=UTC)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = TestClient(create_app(store), raise_server_exceptions=True)
    token = client.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD}).json()
    return client, store, {"Authorization": f"Bearer {token['access_token']}"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=gift_like | json_values, path=st.sampled_from(["/v1/me/gifts", "/v1/me/redemptions", "/v1/demo/purchases"]))
def test_fuzzed_money_requests_never_crash_and_never_break_the_ledger(
    fuzz_app: tuple[TestClient, Store, dict[str, str]], body: Any, path: str
) -> None:
    client, store, headers = fuzz_app
    response = client.post(
        path,
        content=json.dumps(body, allow_nan=True),
        headers={**headers, "Idempotency-Key": str(uuid.uuid4()), "Content-Type": "application/json"},
    )
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
    now = store.now()
    for member in store.members.values():
        assert member.running_balance == store.balance(member, now) >= 0
