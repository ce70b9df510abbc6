"""The backend's opt-in helpers for the performance benchmark: the request counter and bulk history flags."""

from __future__ import annotations

import argparse

import httpx
import pytest

from app.mock_backend import Store, create_app
from app.mock_backend.__main__ import _bulk_spec
from app.mock_backend.middleware import RequestCounter
from app.mock_backend.seed import ADA
from tests.mock_backend.conftest import sign_in


async def test_request_counter_counts_each_method_and_path_and_answers_its_own_path(store: Store) -> None:
    counter = RequestCounter(create_app(store))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=counter), base_url="http://mock") as http:
        ada = await sign_in(http, ADA)
        await http.get("/v1/me/summary", headers=ada)
        await http.get("/v1/me/summary", headers=ada)
        counts = (await http.get("/_counts")).json()
    assert counts == {"POST /v1/auth/token": 1, "GET /v1/me/summary": 2}


def test_bulk_history_spec_is_an_email_and_a_count() -> None:
    assert _bulk_spec("linus@example.com:10000") == ("linus@example.com", 10000)
    for bad in ("linus@example.com", ":5", "linus@example.com:many"):
        with pytest.raises(argparse.ArgumentTypeError):
            _bulk_spec(bad)
