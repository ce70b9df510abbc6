"""Run the same client test suite twice: in-process (ASGITransport) and over real HTTP against
`python -m app.mock_backend` on a free loopback port.

Tests create their own members through sign-up, so they never depend on each other's side effects,
whichever backend instance they share.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest

from app.api import models as m
from app.api.client import LoyaltyClient, RetryPolicy
from tests.support.joining import join_with_client
from tests.support.servers import backend_server, running

NO_WAIT = RetryPolicy(max_retries=2, base_delay=0)


@pytest.fixture(scope="session")
def http_backend() -> Iterator[str]:
    """`python -m app.mock_backend` on a free loopback port (its log: test-artifacts/contract-backend.log, or
    contract-backend-gw0.log in a pytest-xdist worker)."""
    with running(backend_server(name="contract-backend", keep_state=False)) as (server,):
        yield server.url


MakeClient = Callable[[], LoyaltyClient]


@pytest.fixture(params=["in_process", "http"])
async def make_client(request: pytest.FixtureRequest) -> AsyncIterator[MakeClient]:
    """A factory of unsigned clients that all talk to the same backend."""
    made: list[LoyaltyClient] = []
    if request.param == "in_process":
        from app.mock_backend.api import create_app

        asgi = create_app(demo_tools=True)

        def factory() -> LoyaltyClient:
            client = LoyaltyClient.in_process(asgi, retry=NO_WAIT)
            made.append(client)
            return client
    else:
        url = request.getfixturevalue("http_backend")

        def factory() -> LoyaltyClient:
            client = LoyaltyClient.for_url(url, retry=NO_WAIT)
            made.append(client)
            return client

    yield factory
    for client in made:
        await client.aclose()


NewMember = Callable[..., Awaitable[LoyaltyClient]]


@pytest.fixture
def new_member(make_client: MakeClient) -> NewMember:
    """Sign up a fresh member, sign them in, and give them `stars` through simulated purchases."""

    async def create(name: str = "Test Member", spend: float = 0) -> LoyaltyClient:
        email = f"{uuid.uuid4().hex[:12]}@example.test"
        client = make_client()
        await join_with_client(client, m.SignupRequest(email=email, password="correct-horse-1", name=name))
        if spend:
            await client.simulate_purchase(spend)
        return client

    return create


async def befriend(a: LoyaltyClient, b: LoyaltyClient) -> tuple[m.Profile, m.Profile]:
    pa, pb = await a.me(), await b.me()
    asked = await a.request_friend(pb.friend_code)
    await b.accept_friend_request(asked.id)
    return pa, pb
