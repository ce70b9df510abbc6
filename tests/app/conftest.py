"""Screen state tests: a real `Session` over the in-process mock backend (no page, no browser, no sockets)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.client import LoyaltyClient, RetryPolicy
from app.mock_backend.api import create_app
from app.state import MemoryDeviceStore, Session
from tests.support.demo import DEMO_PASSWORD

NO_WAIT = RetryPolicy(max_retries=1, base_delay=0)


@pytest.fixture
def backend() -> object:
    """A fresh demo world per test, so tests never see each other's Stars."""
    return create_app(demo_tools=True)  # as the embedded mock: its demo outbox holds the codes to join


@pytest.fixture
def device() -> MemoryDeviceStore:
    return MemoryDeviceStore()


@pytest.fixture
async def session(backend: object, device: MemoryDeviceStore) -> AsyncIterator[Session]:
    s = Session(LoyaltyClient.in_process(backend, retry=NO_WAIT), device)
    await s.start()
    assert await s.sign_in("ada@example.com", DEMO_PASSWORD) is None
    await s.live.stop()  # tests drive live updates by hand (poll_once)
    yield s
    await s.close()
