"""The API answers in the member's language: `Accept-Language` in, `Content-Language` and `Vary` out (issue 16)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from app.mock_backend import Store
from app.mock_backend.seed import ADA, GRACE
from tests.mock_backend.conftest import assert_problem, member_id, sign_in

ES = {"Accept-Language": "es"}


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        (None, "en"),
        ("es", "es"),
        ("es-MX,es;q=0.9,en;q=0.5", "es"),
        ("fr-FR, de;q=0.5", "en"),
        ("en;q=0.1, es;q=0.9", "es"),
        (";;;q=bad,,,", "en"),
        ("*", "en"),
        ("x" * 4000, "en"),
    ],
)
async def test_every_answer_names_its_language_and_varies_on_the_header(
    client: httpx.AsyncClient, asked: str | None, answered: str
) -> None:
    headers = {"Accept-Language": asked} if asked is not None else {}
    for path in ("/v1/program", "/v1/me", "/v1/no-such-route", "/healthz"):
        response = await client.get(path, headers=headers)
        assert response.status_code < 500, response.text
        assert response.headers["content-language"] == answered, (path, asked)
        assert "accept-language" in response.headers["vary"].lower(), path


async def test_a_refusal_keeps_its_code_and_field_and_reads_in_the_members_language(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    body = {"reward_id": "no-such-reward"}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    english = assert_problem(
        await client.post("/v1/me/redemptions", json=body, headers={**ada, **key}), 404, "unknown_reward", "reward_id"
    )
    key = {"Idempotency-Key": str(uuid.uuid4())}
    response = await client.post("/v1/me/redemptions", json=body, headers={**ada, **key, **ES})
    spanish = assert_problem(response, 404, "unknown_reward", "reward_id")
    assert response.headers["content-language"] == "es"
    assert english["detail"] == "There is no such reward."
    assert spanish["detail"] == "No existe esa recompensa." and spanish["title"] == "No encontrado"


async def test_validation_problems_read_in_spanish_with_the_field_named(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/auth/token", content=b"{", headers={"Content-Type": "application/json", **ES})
    problem = assert_problem(response, 422, "validation_error", "body")
    assert problem["detail"] == "body: El cuerpo de la petición no es JSON válido."
    response = await client.post("/v1/auth/token", json={"email": "a@b.co"}, headers=ES)
    problem = assert_problem(response, 422, "validation_error", "password")
    assert problem["detail"] == "password: Este campo es obligatorio."


async def test_an_idempotent_replay_is_the_first_answer_as_it_was(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"friend_id": member_id(store, GRACE), "stars": 1, "message": "Hola"}
    first = await client.post("/v1/me/gifts", json=body, headers={**ada, **key, **ES})
    assert first.status_code == 201, first.text
    again = await client.post("/v1/me/gifts", json=body, headers={**ada, **key})
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() and again.headers["content-language"] == "es"
    # A refusal replays as it was refused, in its first language too.
    key = {"Idempotency-Key": str(uuid.uuid4())}
    refused = await client.post("/v1/me/redemptions", json={"reward_id": "nope"}, headers={**ada, **key, **ES})
    replayed = await client.post("/v1/me/redemptions", json={"reward_id": "nope"}, headers={**ada, **key})
    assert replayed.status_code == refused.status_code == 404
    assert replayed.json() == refused.json() and replayed.headers["content-language"] == "es"


async def test_the_header_is_declared_on_every_route(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            names = [p["name"].lower() for p in operation.get("parameters", []) if p["in"] == "header"]
            assert "accept-language" in names, (method, path)


async def test_entries_and_events_written_in_english_read_in_spanish(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    grace = await sign_in(client, GRACE)
    ada_record = store.member_by_email(ADA)
    assert ada_record is not None
    cursor = ada_record.events[-1].id
    body = {"friend_id": member_id(store, ADA), "stars": 3, "message": "Para el café"}
    sent = await client.post("/v1/me/gifts", json=body, headers={**grace, "Idempotency-Key": str(uuid.uuid4())})
    assert sent.status_code == 201, sent.text  # written while Grace reads English
    english = (await client.get("/v1/me/activity?limit=50", headers=ada)).json()["items"]
    spanish = (await client.get("/v1/me/activity?limit=50", headers={**ada, **ES})).json()["items"]
    assert [e["id"] for e in english] == [e["id"] for e in spanish]
    assert english[0]["reason"] == "Gift from Grace Hopper" and spanish[0]["reason"] == "Regalo de Grace Hopper"
    purchases = [e["reason"] for e in spanish if e["kind"] == "purchase"]
    assert purchases and all(r.startswith("Compra en ") and "US$" in r for r in purchases)
    events = (await client.get(f"/v1/me/events?after={cursor}", headers={**ada, **ES})).json()["events"]
    gift = next(e for e in reversed(events) if e["kind"] == "gift_received")
    assert (gift["title"], gift["body"]) == ("Grace Hopper te ha enviado 3 Estrellas", "Para el café")
    inbox = (await client.get("/v1/me/inbox", headers={**ada, **ES})).json()
    assert any(i["title"] == "Grace Hopper te ha enviado 3 Estrellas" for i in inbox["items"])
