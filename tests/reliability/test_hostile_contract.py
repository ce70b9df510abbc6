"""The contract says what the server does (issue 11, finding 10), checked against the server's own OpenAPI document.

A required header is marked required (a missing Idempotency-Key was answered 400 while the document called it
optional), and a 405 lists in `Allow` every method its path answers to (Starlette listed only those of the first
route that matched the path: `DELETE /v1/me` answered `Allow: GET`, leaving `PATCH` out).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.mock_backend import DEMO_PASSWORD, Store, create_app
from app.mock_backend.seed import ADA
from tests.reliability.figures import Figures

SECTION = "Hostile clients at the API"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
async def world(store: Store) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str], dict[str, Any]]]:
    app = create_app(store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
        token = (await http.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})).json()
        document = (await http.get("/openapi.json")).json()
        yield http, {"Authorization": f"Bearer {token['access_token']}"}, document


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x1", path)


async def test_a_header_the_server_requires_is_marked_required_in_the_document(
    world: tuple[httpx.AsyncClient, dict[str, str], dict[str, Any]], figures: Figures
) -> None:
    http, ada, document = world
    checked = required = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "header" or parameter["name"].lower() != "idempotency-key":
                    continue
                response = await http.request(method.upper(), concrete(path), json={}, headers=ada)
                refused = response.status_code == 400 and response.json()["code"] == "idempotency_key_required"
                assert refused == parameter["required"], (method, path, parameter, response.text)
                checked += 1
                required += refused
    assert checked >= 3 and required >= 2
    figures.record(
        SECTION,
        "Idempotency-Key: document and server agree",
        f"{checked} operations",
        f"{required} require it (400 `idempotency_key_required` without it), the others take it optionally",
    )


async def test_every_405_lists_exactly_the_methods_its_path_answers_to(
    world: tuple[httpx.AsyncClient, dict[str, str], dict[str, Any]], figures: Figures
) -> None:
    http, ada, document = world
    tried = 0
    for path, operations in document["paths"].items():
        documented = {m.upper() for m in operations}
        for method in METHODS:
            if method in documented:
                continue
            response = await http.request(method, concrete(path), headers=ada)
            assert response.status_code == 405, (method, path, response.status_code)
            assert response.json()["code"] == "method_not_allowed"
            allowed = {m.strip() for m in response.headers["Allow"].split(",")}
            assert allowed == documented, (method, path, response.headers["Allow"])
            tried += 1
    figures.record(
        SECTION,
        "405 answers whose Allow lists exactly the documented methods",
        tried,
        f"every undocumented method of each of the {len(document['paths'])} paths",
    )
