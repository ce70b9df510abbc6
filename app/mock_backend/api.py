"""The FastAPI application of the offline mock loyalty backend."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from app.mock_backend.clock import Clock
from app.mock_backend.errors import install_error_handlers
from app.mock_backend.middleware import BodySizeLimit
from app.mock_backend.routes import (
    activity,
    auth,
    badges,
    challenges,
    engagement,
    events,
    friends,
    gifts,
    members,
    pools,
    rewards,
    social,
    summary,
)
from app.mock_backend.store import Store


def create_app(
    store: Store | None = None, clock: Clock | None = None, access_token_ttl: timedelta | None = None
) -> FastAPI:
    """Build the mock backend.

    Args:
        store: The state to serve; a freshly seeded demo store when None.
        clock: Replaces the store's clock when given (tests move time with ``FrozenClock``).
        access_token_ttl: Overrides the access-token lifetime (default 15 minutes).

    Returns:
        The FastAPI app; serve it with uvicorn or call it in-process through ``httpx.ASGITransport``.
    """
    if store is None:
        from app.mock_backend.seed import build_demo_store

        store = build_demo_store(clock=clock)
    elif clock is not None:
        store.clock = clock
    if access_token_ttl is not None:
        store.tokens.access_ttl = access_token_ttl
    app = FastAPI(
        title="Starboard loyalty API (mock)",
        version="1.0.0",
        description="The offline mock of the Starboard loyalty API. Errors are RFC 9457 problem+json with a "
        "stable `code` and the offending `field`.",
    )
    app.state.store = store
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    for module in (auth, members, summary, activity, events, badges, challenges, rewards, friends, gifts, engagement):
        app.include_router(module.router)
    for social_module in (pools, social):  # Star Pools, the leaderboard, gifts to newcomers
        app.include_router(social_module.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
