"""The FastAPI application of the offline mock loyalty backend."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from app.mock_backend.clock import Clock, MovableClock
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
    habits,
    members,
    rewards,
    summary,
)
from app.mock_backend.store import Store


def create_app(
    store: Store | None = None,
    clock: Clock | None = None,
    access_token_ttl: timedelta | None = None,
    movable_clock: bool = False,
) -> FastAPI:
    """Build the mock backend.

    Args:
        store: The state to serve; a freshly seeded demo store when None.
        clock: Replaces the store's clock when given (tests move time with ``FrozenClock``).
        access_token_ttl: Overrides the access-token lifetime (default 15 minutes).
        movable_clock: Serve ``POST /v1/demo/clock``, which moves the store's time forward (browser tests of
            streaks and daily games against a served backend); off by default, when the route answers 404.

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
    app.state.movable_clock = None
    if movable_clock:
        app.state.movable_clock = store.clock = MovableClock(store.clock)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    resources = (auth, members, summary, activity, events, badges, challenges, rewards, friends, gifts, engagement)
    for module in (*resources, habits):
        app.include_router(module.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
