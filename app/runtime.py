"""Where each browser session's `LoyaltyClient` comes from: a real API (`STARBOARD_API_URL`) or the embedded mock.

The embedded mock backend is created once per process and shared by every session (in-process, through
httpx.ASGITransport: no sockets), so members signed in from two browsers share one world and see each other's gifts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from app.api.client import LoyaltyClient
from app.config import Settings


@lru_cache(maxsize=1)
def shared_mock_backend() -> Any:
    """The process-wide mock backend (an ASGI app), created on first use."""
    from app.mock_backend.api import create_app  # imported lazily: not needed against a real API

    return create_app()


def make_client(settings: Settings) -> LoyaltyClient:
    if settings.api_url is not None:
        return LoyaltyClient.for_url(settings.api_url)
    return LoyaltyClient.in_process(shared_mock_backend())
