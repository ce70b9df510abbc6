"""Who may do what: every secured and every write endpoint, enumerated from the app's own OpenAPI document
(so a new endpoint is covered without editing this file), against every kind of bad credential.

Also: refresh tokens rotate and a reused one ends that session for everyone holding it; signing out ends the
session on the server; every body and every text field has a size limit.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.api import errors
from app.api.client import LoyaltyClient, RetryPolicy
from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, create_app
from app.mock_backend.auth import REUSE_GRACE
from app.mock_backend.middleware import MAX_BODY_BYTES
from app.mock_backend.records import AskRecord, FriendRequestRecord
from app.mock_backend.rules.engagement import survey_id_for
from app.mock_backend.seed import ADA, GRACE
from app.mock_backend.services.pools import create_pool
from tests.reliability.figures import Figures
from tests.support.joining import join_over_http

SECTION = "Access"
WRITES = {"post", "put", "patch", "delete"}
PUBLIC = {
    ("post", "/v1/auth/token"),
    ("post", "/v1/auth/refresh"),
    ("post", "/v1/members"),
    ("post", "/v1/members/verify"),
    ("post", "/v1/auth/password-reset"),
    ("post", "/v1/auth/password-reset/confirm"),
    ("post", "/v1/demo/members"),
}
"""Writes that need no bearer token, by design. Any other unsecured write fails the matrix."""
REVOCATION = ("post", "/v1/auth/logout")
"""Sign-out answers 204 to any token it is given, known or not (as RFC 7009 revocation does): an unknown or dead
token has nothing to revoke, and the answer tells a caller nothing. Without any token it is a 401."""
NO_WAIT = RetryPolicy(max_retries=0, base_delay=0)


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    secured: bool
    documented: frozenset[str]
    body_schema: dict[str, Any] | None

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(app: Any) -> list[Operation]:
    doc = app.openapi()
    found = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if schema and "$ref" in schema:
                schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
            found.append(Operation(method, path, bool(op.get("security")), frozenset(op["responses"]), schema))
    return found


ALL = operations(create_app())
GUARDED = [
    op
    for op in ALL
    if (op.secured or op.path.startswith("/v1/me") or op.method in WRITES) and (op.method, op.path) not in PUBLIC
]
"""Every operation that must refuse a caller without a valid token: all secured ones, every /v1/me route, every
write but the public ones (signing in, joining, password reset, "Try the demo")."""


@dataclass
class World:
    http: httpx.AsyncClient
    transport: httpx.ASGITransport
    store: Store
    clock: FrozenClock
    ids: dict[str, str]

    async def sign_in(self, email: str) -> dict[str, Any]:
        response = await self.http.post("/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.text
        return dict(response.json())


@pytest.fixture
async def world(store: Store, clock: FrozenClock) -> AsyncIterator[World]:
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        ada = store.member_by_email(ADA)
        assert ada is not None
        ada_gift = next(g for g in store.gifts.values() if ada.id in (g.from_id, g.to_id))
        ada_redemption = next(r for r in store.redemptions.values() if r.member_id == ada.id)
        grace = store.member_by_email(GRACE)
        assert grace is not None
        ada_pool = create_pool(store, ada, "Ada's pool", "extra-shot", [grace.id], store.now())
        # A friend request and an ask waiting for Ada, so their answering routes have ids to be tried with.
        request_to_ada = FriendRequestRecord("frq_ada", grace.id, ada.id, store.now())
        store.friend_requests[request_to_ada.id] = request_to_ada
        ask_to_ada = AskRecord("ask_ada", grace.id, ada.id, 5, None, store.now(), store.now() + timedelta(days=7))
        store.asks[ask_to_ada.id] = ask_to_ada
        ids = {
            "request_id": request_to_ada.id,
            "ask_id": ask_to_ada.id,
            "gift_id": ada_gift.id,
            "redemption_id": ada_redemption.id,
            "challenge_id": "try-a-new-drink",
            "offer_id": "breakfast-bonus",
            "pool_id": ada_pool.id,
            "ada": ada.id,
            "ada_friend_code": ada.friend_code,
        }
        yield World(http, transport, store, clock, ids)


def url(op: Operation, ids: dict[str, str]) -> str:
    path = op.path
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a resource id for {op.label} to the world fixture"
    if path == "/v1/me/events/stream":
        path += "?duration=0.1"  # a stream lasts ten minutes by default: a short one says as much about access
    return path


def sample_body(op: Operation, world: World) -> Any:
    """A body that would succeed for Ada, so a missing check would show as a change; `{}` for a new endpoint."""
    if op.body_schema is None:
        return None
    grace = world.store.member_by_email(GRACE)
    assert grace is not None
    samples: dict[str, Any] = {
        "/v1/me": {"name": "Ada King"},
        "/v1/me/redemptions": {"reward_id": "extra-shot"},
        "/v1/me/friend-requests": {"friend_code": "NOBO-DY000-00000"},
        "/v1/me/asks": {"friend_id": grace.id, "stars": 5, "note": "for coffee"},
        "/v1/me/gifts/{gift_id}/thanks": {"sticker": "coffee"},
        "/v1/me/gifts": {"friend_id": grace.id, "stars": 5, "message": "on me"},
        "/v1/me/reviews": {"rating": 5, "text": "A perfectly fine visit."},
        "/v1/me/survey": {
            "survey_id": survey_id_for(world.store.now()),
            "answers": {"visit": "Great", "speed": "Fine", "again": "Yes"},
        },
        "/v1/demo/purchases": {"amount": 10},
        "/v1/me/shares": {"what": "badge", "badge_id": "first-visit"},
        "/v1/demo/clock": {"days": 1},
        "/v1/auth/token": {"email": ADA, "password": DEMO_PASSWORD},
        "/v1/members": {"email": f"{uuid.uuid4().hex[:8]}@example.test", "password": "sample-pass-1", "name": "S"},
        "/v1/auth/refresh": {"refresh_token": "unknown"},
        "/v1/me/pools": {"name": "Trip", "goal_reward_id": "extra-shot", "invite_ids": [grace.id]},
        "/v1/me/pools/{pool_id}/invites": {"friend_id": grace.id},
        "/v1/me/pools/{pool_id}/contributions": {"stars": 5},
        "/v1/me/pools/{pool_id}/redemptions": {"reward_id": "extra-shot"},
        "/v1/me/leaderboard/settings": {"opted_in": True},
        "/v1/me/inbox/read": {"ids": ["nothing-listed"]},
        "/v1/me/inbox/preferences": {"kind": "badges", "enabled": False},
        "/v1/me/goal": {"reward_id": "extra-shot"},
        "/v1/me/newcomer-gifts": {"contact": "sam@example.org", "stars": 5, "message": "welcome"},
        "/v1/me/newcomer-gifts/claims": {"claim_code": "NOPE-NOPE"},
        "/v1/members/verify": {"email": "nobody@example.test", "code": "123456"},
        "/v1/auth/password-reset": {"email": "nobody@example.test"},
        "/v1/auth/password-reset/confirm": {
            "email": "nobody@example.test",
            "code": "123456",
            "new_password": "long-enough-1",
        },
    }
    return samples.get(op.path, {})


def snapshot(store: Store) -> Any:
    now = store.now()
    return {
        m.id: (store.balance(m, now), len(m.entries), m.name, tuple(m.friends), tuple(m.challenges), len(m.events))
        for m in store.members.values()
    }


def secrets_of(store: Store, *, except_email: str | None = None) -> list[str]:
    """Names and emails of every member but the caller: none may appear in an answer to the caller."""
    return [s for m in store.members.values() if m.email != except_email for s in (m.name, m.email)]


async def send(world: World, op: Operation, headers: dict[str, str]) -> httpx.Response:
    body = sample_body(op, world)
    headers = {**headers, "Idempotency-Key": uuid.uuid4().hex}
    return await world.http.request(op.method.upper(), url(op, world.ids), json=body, headers=headers)


def test_every_member_endpoint_and_every_write_is_either_secured_or_deliberately_public() -> None:
    assert len(GUARDED) >= 20, [op.label for op in GUARDED]
    for op in ALL:
        if op.method in WRITES or op.path.startswith("/v1/me"):
            assert op.secured or (op.method, op.path) in PUBLIC, f"{op.label} takes no bearer token"
        if op.secured:
            assert "401" in op.documented, f"{op.label} does not document its 401"


async def test_no_token_a_garbage_token_an_expired_token_and_a_signed_out_token_are_all_refused(
    world: World, figures: Figures
) -> None:
    signed_out = (await world.sign_in(ADA))["access_token"]
    assert (await world.http.post("/v1/auth/logout", headers={"Authorization": f"Bearer {signed_out}"})).is_success
    expired = (await world.sign_in(ADA))["access_token"]
    kinds: dict[str, dict[str, str]] = {
        "no token": {},
        "garbage token": {"Authorization": "Bearer not-a-token"},
        "malformed header": {"Authorization": "Basic YWRhOnN0YXJib2FyZC1kZW1v"},
        "signed-out token": {"Authorization": f"Bearer {signed_out}"},
    }
    tried = 0
    for when in ("now", "after 16 minutes"):
        if when == "after 16 minutes":
            world.clock.advance(timedelta(minutes=16))
            kinds = {"expired token": {"Authorization": f"Bearer {expired}"}}
        for kind, headers in kinds.items():
            for op in GUARDED:
                before = snapshot(world.store)
                response = await send(world, op, headers)
                tried += 1
                if (op.method, op.path) == REVOCATION and kind != "no token" and kind != "malformed header":
                    assert response.status_code == 204 and not response.content, (kind, response.text)
                else:
                    assert response.status_code == 401, (kind, op.label, response.status_code, response.text)
                    assert response.headers["content-type"].startswith("application/problem+json")
                    assert response.headers["WWW-Authenticate"] == "Bearer"
                assert not any(s in response.text for s in secrets_of(world.store)), (kind, op.label)
                assert snapshot(world.store) == before, (kind, op.label)
    figures.record(SECTION, "secured endpoints (from OpenAPI)", len(GUARDED), "every /v1/me route and every write")
    figures.record(
        SECTION,
        "endpoint x bad-credential requests refused with 401",
        tried,
        "no token, garbage, Basic, signed out, expired (clock moved 16 min): 5 kinds",
    )


async def test_another_members_token_on_adas_resources_is_refused_and_reveals_nothing(
    world: World, figures: Figures
) -> None:
    created = await join_over_http(
        world.http, {"email": "mallory@example.test", "password": "mallory-pass-1", "name": "Mallory"}, world.store
    )
    mallory = {"Authorization": f"Bearer {created.json()['access_token']}"}
    ada = world.store.member_by_email(ADA)
    assert ada is not None
    others = secrets_of(world.store, except_email="mallory@example.test")
    tried = refused = 0
    for op in GUARDED:
        if op.path == "/v1/auth/logout":
            continue  # signing Mallory out is hers to do; it is covered by the sign-out tests
        before = {ada.id: snapshot(world.store)[ada.id]}
        response = await send(world, op, mallory)
        tried += 1
        owned = "{gift_id}" in op.path or "{redemption_id}" in op.path or "{pool_id}" in op.path
        owned = any(f"{{{name}}}" in op.path for name in ("gift_id", "redemption_id", "request_id", "ask_id"))
        if owned:
            assert response.status_code == 404, (op.label, response.text)
        if response.status_code >= 400:
            refused += 1
            assert response.status_code in (403, 404, 409, 422), (op.label, response.status_code)
        assert not any(s in response.text for s in others), (op.label, response.text)
        assert {ada.id: snapshot(world.store)[ada.id]} == before, f"{op.label} as Mallory changed Ada's data"
    # A body naming Ada is no way in either: a gift to her is refused (not a friend) and says nothing about her.
    gift = await world.http.post(
        "/v1/me/gifts",
        json={"friend_id": ada.id, "stars": 1},
        headers={**mallory, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert gift.status_code == 403 and gift.json()["code"] == "not_a_friend"
    assert not any(s in gift.text for s in others)
    figures.record(
        SECTION,
        "endpoints called with another member's token",
        tried + 1,
        f"{refused + 1} refused; Ada's gift and redemption ids are 404; no name or email of anyone else in any body",
    )


async def test_a_reused_refresh_token_is_refused_and_ends_the_session_it_came_from(
    world: World, figures: Figures
) -> None:
    app = world.transport  # the same in-process backend
    legit = LoyaltyClient("http://mock", transport=app, retry=NO_WAIT)
    await legit.sign_in(ADA, DEMO_PASSWORD)
    stolen = legit.tokens
    assert stolen is not None
    rotated = await legit.refresh()
    assert rotated.refresh_token != stolen.refresh_token and rotated.access_token != stolen.access_token
    thief = LoyaltyClient("http://mock", transport=app, retry=NO_WAIT, tokens=stolen)
    world.clock.advance(REUSE_GRACE + timedelta(seconds=1))  # later than another tab of the same browser would be
    with pytest.raises(errors.SessionExpired):
        await thief.refresh()  # the spent refresh token is refused...
    ended: list[bool] = []
    legit.on_session_expired = lambda: ended.append(True)
    with pytest.raises(errors.SessionExpired):
        await legit.summary()  # ...and the whole family with it, so the rotated pair is dead too
    assert ended == [True] and not legit.signed_in
    other = LoyaltyClient("http://mock", transport=app, retry=NO_WAIT)
    await other.sign_in(ADA, DEMO_PASSWORD)  # a fresh sign-in is a new family and works
    assert (await other.me()).email == ADA
    figures.record(
        SECTION,
        "refresh rotation and reuse",
        "refused, family revoked",
        f"through two LoyaltyClients; reused {REUSE_GRACE.seconds + 1} s after its first use",
    )


async def test_signing_out_ends_the_session_on_the_server(world: World, clock: FrozenClock) -> None:
    """Bug fixed: the client posted the refresh token without a bearer token, so the server kept the session."""
    app = world.transport
    client = LoyaltyClient("http://mock", transport=app, retry=NO_WAIT)
    await client.sign_in(ADA, DEMO_PASSWORD)
    tokens = client.tokens
    assert tokens is not None
    await client.sign_out()
    assert not client.signed_in
    me = await world.http.get("/v1/me", headers={"Authorization": f"Bearer {tokens.access_token}"})
    assert me.status_code == 401
    again = await world.http.post("/v1/auth/refresh", json={"refresh_token": tokens.refresh_token})
    assert again.status_code == 401
    # Even with an expired access token, signing out still revokes the refresh token of that sign-in.
    await client.sign_in(ADA, DEMO_PASSWORD)
    late = client.tokens
    assert late is not None
    clock.advance(timedelta(hours=2))
    await client.sign_out()
    assert (await world.http.post("/v1/auth/refresh", json={"refresh_token": late.refresh_token})).status_code == 401


async def test_every_body_over_16_kb_is_refused_with_413_and_changes_nothing(world: World, figures: Figures) -> None:
    token = (await world.sign_in(ADA))["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    writes = [op for op in ALL if op.method in WRITES]
    big = b'{"message": "' + b"x" * MAX_BODY_BYTES + b'"}'

    async def streamed() -> AsyncIterator[bytes]:  # no Content-Length: counted while it arrives
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    before = snapshot(world.store)
    for op in writes:
        path = url(op, world.ids)
        # A route that takes no body never reads one, so only a declared Content-Length can be refused there.
        for content in (big, streamed()) if op.body_schema else (big,):
            response = await world.http.request(
                op.method.upper(), path, content=content, headers={**headers, "Idempotency-Key": uuid.uuid4().hex}
            )
            assert response.status_code == 413, (op.label, response.text)
            assert response.json()["code"] == "payload_too_large"
            assert "413" in op.documented, f"{op.label} does not document 413"
    assert snapshot(world.store) == before
    figures.record(SECTION, "write endpoints refusing bodies over 16 KB", len(writes), "413, declared and streamed")


def string_limits(schema: dict[str, Any]) -> dict[str, int]:
    limits = {}
    for name, prop in schema.get("properties", {}).items():
        for variant in [prop, *prop.get("anyOf", [])]:
            if variant.get("type") == "string" and "maxLength" in variant:
                limits[name] = variant["maxLength"]
    return limits


async def test_every_text_field_has_a_length_limit_and_one_more_character_is_a_422(
    world: World, figures: Figures
) -> None:
    token = (await world.sign_in(ADA))["access_token"]
    tried = 0
    for op in ALL:
        if op.body_schema is None:
            continue
        for field, limit in string_limits(op.body_schema).items():
            body = {**sample_body(op, world), field: "x" * (limit + 1)}
            before = snapshot(world.store)
            response = await world.http.request(
                op.method.upper(),
                url(op, world.ids),
                json=body,
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
            )
            tried += 1
            assert response.status_code == 422, (op.label, field, response.text)
            assert response.json()["field"] == field, (op.label, field, response.text)
            assert snapshot(world.store) == before
    # The gift message's limit is a rule of the program (140 characters), checked after trimming.
    grace = world.store.member_by_email(GRACE)
    assert grace is not None
    message = await world.http.post(
        "/v1/me/gifts",
        json={"friend_id": grace.id, "stars": 1, "message": "m" * 141},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
    )
    assert message.status_code == 422 and message.json()["field"] == "message"
    long_key = await world.http.post(
        "/v1/me/redemptions",
        json={"reward_id": "extra-shot"},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k" * 256},
    )
    assert long_key.status_code == 422 and long_key.json()["field"] == "Idempotency-Key"
    figures.record(SECTION, "text fields with a length limit, one character over", tried + 2, "422 on that field")
