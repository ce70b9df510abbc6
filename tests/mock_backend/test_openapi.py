"""The committed OpenAPI document is the contract; it must match what the app serves."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from app.mock_backend.__main__ import openapi_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REGENERATE = "python -m app.mock_backend --write-openapi docs/openapi.json"


def test_docs_openapi_json_matches_the_live_schema() -> None:
    assert DOC.exists(), f"docs/openapi.json is missing; run: {REGENERATE}"
    assert DOC.read_text(encoding="utf-8") == openapi_text(), (
        f"docs/openapi.json has drifted from the app's schema; regenerate it with: {REGENERATE}"
    )


async def test_the_served_openapi_lists_every_contract_endpoint(client: httpx.AsyncClient) -> None:
    served = (await client.get("/openapi.json")).json()
    assert served == json.loads(DOC.read_text(encoding="utf-8"))
    expected = {
        ("post", "/v1/auth/token"),
        ("post", "/v1/auth/refresh"),
        ("post", "/v1/auth/logout"),
        ("post", "/v1/members"),
        ("post", "/v1/members/verify"),
        ("post", "/v1/auth/password-reset"),
        ("post", "/v1/auth/password-reset/confirm"),
        ("post", "/v1/demo/members"),
        ("get", "/v1/demo/outbox"),
        ("get", "/v1/program"),
        ("get", "/v1/me"),
        ("patch", "/v1/me"),
        ("get", "/v1/me/summary"),
        ("get", "/v1/me/activity"),
        ("get", "/v1/rewards"),
        ("post", "/v1/me/redemptions"),
        ("get", "/v1/me/redemptions"),
        ("get", "/v1/me/badges"),
        ("get", "/v1/me/challenges"),
        ("post", "/v1/me/challenges/{challenge_id}/join"),
        ("get", "/v1/me/friends"),
        ("get", "/v1/me/friend-requests"),
        ("post", "/v1/me/friend-requests"),
        ("post", "/v1/me/friend-requests/{request_id}/accept"),
        ("post", "/v1/me/friend-requests/{request_id}/decline"),
        ("post", "/v1/me/friend-requests/{request_id}/cancel"),
        ("get", "/v1/me/asks"),
        ("post", "/v1/me/asks"),
        ("post", "/v1/me/asks/{ask_id}/accept"),
        ("post", "/v1/me/asks/{ask_id}/decline"),
        ("get", "/v1/me/thanks"),
        ("post", "/v1/me/gifts/{gift_id}/thanks"),
        ("get", "/v1/me/gifts/allowance"),
        ("post", "/v1/me/gifts"),
        ("get", "/v1/me/card"),
        ("get", "/v1/me/events"),
        ("post", "/v1/me/reviews"),
        ("get", "/v1/me/survey"),
        ("post", "/v1/me/survey"),
        ("get", "/v1/me/referral"),
        ("post", "/v1/demo/purchases"),
        ("get", "/healthz"),
    }
    served_ops = {(method, path) for path, ops in served["paths"].items() for method in ops}
    assert expected <= served_ops
    gift = served["paths"]["/v1/me/gifts"]["post"]
    assert gift["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/GiftCreate")
    assert "Problem" in served["components"]["schemas"]
