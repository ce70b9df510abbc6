"""The FastAPI application of the offline mock loyalty backend."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Depends, FastAPI

from app.mock_backend.clock import Clock, MovableClock
from app.mock_backend.deps import one_value_per_query_parameter, request_language
from app.mock_backend.errors import install_error_handlers
from app.mock_backend.middleware import BodySizeLimit, ContentLanguage
from app.mock_backend.passwords import dummy_hash
from app.mock_backend.routes import (
    activity,
    asks,
    auth,
    badges,
    challenges,
    engagement,
    events,
    friends,
    gifts,
    goal,
    habits,
    inbox,
    joining,
    members,
    offers,
    pools,
    rewards,
    social,
    summary,
    thanks,
)
from app.mock_backend.services.signin import SignInThrottle
from app.mock_backend.store import Store


def create_app(
    store: Store | None = None,
    clock: Clock | None = None,
    access_token_ttl: timedelta | None = None,
    *,
    demo_tools: bool = False,
    join_limit: int | None = None,
    movable_clock: bool = False,
) -> FastAPI:
    """Build the mock backend.

    Args:
        store: The state to serve; a freshly seeded demo store when None.
        clock: Replaces the store's clock when given (tests move time with ``FrozenClock``).
        access_token_ttl: Overrides the access-token lifetime (default 15 minutes).
        demo_tools: Serve the demo outbox (`GET /v1/demo/outbox`: the codes "emailed" to join or reset a password),
            for the embedded mock and demos; never in a real deployment.
        join_limit: Sign-ups, password resets and demo members one client address may start per hour, in place of
            the program's limits (test servers, where every client is 127.0.0.1).
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
    if join_limit is not None:
        store.joining.address_limit = join_limit
    if access_token_ttl is not None:
        store.tokens.access_ttl = access_token_ttl
    app = FastAPI(
        title="Starboard loyalty API (mock)",
        version="1.0.0",
        description="The offline mock of the Starboard loyalty API. Errors are RFC 9457 problem+json with a "
        "stable `code` and the offending `field`. Texts written for members come in the language of "
        "`Accept-Language` (`en` or `es`; English otherwise), named by `Content-Language`. Every query parameter is "
        "one value: one given twice is refused (422 `validation_error` on it).",
        dependencies=[Depends(request_language), Depends(one_value_per_query_parameter)],
    )
    app.state.store = store
    app.state.sign_in_throttle = SignInThrottle()
    dummy_hash(store.password_cost)  # made now, so the first unknown email costs what every other sign-in does
    app.state.movable_clock = None
    if movable_clock:
        app.state.movable_clock = store.clock = MovableClock(store.clock)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(ContentLanguage)  # outermost: every answer, the body size guard's too, is in one language
    resources = (auth, members, summary, activity, events, badges, challenges, rewards, friends, gifts, engagement)
    for module in (*resources, habits):
        app.include_router(module.router)
    for social_module in (pools, social):  # Star Pools, the leaderboard, gifts to newcomers
        app.include_router(social_module.router)
    app.include_router(joining.router)
    if demo_tools:
        app.include_router(joining.demo_router)
    for module in (asks, thanks, inbox, offers, goal):  # the social layer (friend requests are in friends); issue 15
        app.include_router(module.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
