"""Fixtures for the mock backend: a seeded store on a frozen clock, and an in-process HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, build_demo_store, create_app
from tests.support.clocks import frozen_clock


@pytest.fixture
def clock() -> FrozenClock:
    return frozen_clock()


@pytest.fixture
def store(clock: FrozenClock) -> Store:
    return build_demo_store(clock=clock)


@pytest.fixture
async def client(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(store, demo_tools=True))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        yield http


async def sign_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    """Bearer headers for a demo member."""
    response = await client.post("/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def balances(store: Store) -> dict[str, int]:
    """Every member's spendable balance now."""
    now = store.now()
    return {m.email: store.balance(m, now) for m in store.members.values()}


def member_id(store: Store, email: str) -> str:
    found = store.member_by_email(email)
    assert found is not None
    return found.id


def assert_problem(response: httpx.Response, status: int, code: str, field: str | None = None) -> dict[str, object]:
    """The response is an RFC 9457 problem with this status, code and (when given) field."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, object] = response.json()
    assert body["code"] == code, body
    assert body["status"] == status and body["title"] and body["detail"]
    if field is not None:
        assert body["field"] == field, body
    return body
