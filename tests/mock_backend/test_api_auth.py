"""Tokens: sign-in, expiry, refresh rotation with reuse detection, sign-out, and per-member isolation."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx

from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store
from app.mock_backend.auth import REUSE_GRACE
from app.mock_backend.seed import ADA, GRACE, LINUS
from tests.mock_backend.conftest import assert_problem, balances, member_id, sign_in
from tests.support.joining import join_over_http


async def tokens(client: httpx.AsyncClient, email: str = ADA) -> dict[str, str]:
    response = await client.post("/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200
    body: dict[str, str] = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_wrong_password_and_unknown_email_are_refused_alike(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/v1/auth/token", json={"email": ADA, "password": "nope"})
    unknown = await client.post("/v1/auth/token", json={"email": "nobody@example.com", "password": "nope"})
    assert_problem(wrong, 401, "invalid_credentials")
    assert_problem(unknown, 401, "invalid_credentials")
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_every_member_endpoint_needs_a_valid_bearer_token(client: httpx.AsyncClient) -> None:
    for path in ("/v1/me", "/v1/me/summary", "/v1/rewards", "/v1/me/activity", "/v1/me/events"):
        assert_problem(await client.get(path), 401, "unauthorized")
        assert_problem(await client.get(path, headers=bearer("forged")), 401, "unauthorized")
    assert (await client.get("/v1/program")).status_code == 200


async def test_access_tokens_expire_after_fifteen_minutes(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    pair = await tokens(client)
    clock.advance(timedelta(minutes=14, seconds=59))
    assert (await client.get("/v1/me", headers=bearer(pair["access_token"]))).status_code == 200
    clock.advance(timedelta(seconds=1))
    response = await client.get("/v1/me", headers=bearer(pair["access_token"]))
    assert_problem(response, 401, "token_expired")
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_refresh_rotates_the_pair_and_the_new_tokens_work(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    pair = await tokens(client)
    clock.advance(timedelta(minutes=20))
    response = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 200
    new = response.json()
    assert new["refresh_token"] != pair["refresh_token"] and new["access_token"] != pair["access_token"]
    assert (await client.get("/v1/me", headers=bearer(new["access_token"]))).status_code == 200


async def test_reusing_a_refresh_token_is_refused_and_revokes_the_whole_family(
    client: httpx.AsyncClient, clock: FrozenClock
) -> None:
    pair = await tokens(client)
    other_session = await tokens(client)
    new = (await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).json()
    clock.advance(REUSE_GRACE + timedelta(seconds=1))
    reused = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert_problem(reused, 401, "refresh_token_reused")
    # Every token of that sign-in is dead now, including the ones the legitimate refresh produced...
    assert_problem(await client.get("/v1/me", headers=bearer(new["access_token"])), 401, "unauthorized")
    assert_problem(
        await client.post("/v1/auth/refresh", json={"refresh_token": new["refresh_token"]}), 401, "unauthorized"
    )
    # ...but another sign-in of the same member is untouched.
    assert (await client.get("/v1/me", headers=bearer(other_session["access_token"]))).status_code == 200


async def test_two_tabs_refreshing_the_same_token_at_once_both_stay_signed_in(
    client: httpx.AsyncClient, clock: FrozenClock
) -> None:
    # Two app sessions of one browser (two tabs, or a reload while the old page's session still runs) hold the same
    # pair from the device's storage, and their access token expires at the same moment: both refresh it.
    pair = await tokens(client)
    clock.advance(timedelta(minutes=16))
    first = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    clock.advance(timedelta(seconds=20))
    second = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert first.status_code == second.status_code == 200
    assert first.json()["refresh_token"] != second.json()["refresh_token"]
    for answer in (first, second):  # both pairs work, in the same family: signing out ends both
        assert (await client.get("/v1/me", headers=bearer(answer.json()["access_token"]))).status_code == 200
    # The grace is short: the same token a minute later still reads as stolen, and ends that sign-in everywhere.
    clock.advance(REUSE_GRACE)
    late = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert_problem(late, 401, "refresh_token_reused")
    assert_problem(await client.get("/v1/me", headers=bearer(first.json()["access_token"])), 401, "unauthorized")


async def test_unknown_refresh_tokens_are_refused(client: httpx.AsyncClient) -> None:
    assert_problem(await client.post("/v1/auth/refresh", json={"refresh_token": "x"}), 401, "unauthorized")


async def test_logout_revokes_the_session(client: httpx.AsyncClient) -> None:
    pair = await tokens(client)
    response = await client.post("/v1/auth/logout", headers=bearer(pair["access_token"]))
    assert response.status_code == 204
    assert_problem(await client.get("/v1/me", headers=bearer(pair["access_token"])), 401, "unauthorized")
    assert_problem(
        await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}), 401, "unauthorized"
    )


async def test_signup_is_confirmed_by_the_emailed_code_and_refuses_unknown_referral_codes(
    client: httpx.AsyncClient, store: Store
) -> None:
    body = {"email": "Barbara@Example.com", "password": "liskov-1939", "name": "Barbara Liskov"}
    created = await join_over_http(client, body, store)
    assert created.status_code == 201
    me = (await client.get("/v1/me", headers=bearer(created.json()["access_token"]))).json()
    assert (me["email"], me["tier"]) == ("barbara@example.com", "Green")
    # A second sign-up with the same email answers like a new one; the mailbox's owner is told instead.
    again = await client.post("/v1/members", json=body)
    assert again.status_code == 202
    assert store.joining.outbox[-1].subject == "Someone tried to join Starboard with your address"
    assert_problem(
        await client.post("/v1/members/verify", json={"email": body["email"], "code": "123456"}),
        422,
        "invalid_code",
        "code",
    )
    bad_code = {**body, "email": "b2@example.com", "referral_code": "NOPE"}
    assert_problem(await client.post("/v1/members", json=bad_code), 422, "unknown_referral_code", "referral_code")
    assert_problem(
        await client.post("/v1/members", json={**body, "email": "not-an-email"}), 422, "validation_error", "email"
    )


async def test_a_members_token_cannot_read_or_change_another_members_data(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    ada_redemption = (await client.get("/v1/me/redemptions", headers=ada)).json()[0]["id"]
    assert_problem(await client.get(f"/v1/me/redemptions/{ada_redemption}", headers=grace), 404, "not_found")
    assert (await client.get(f"/v1/me/redemptions/{ada_redemption}", headers=ada)).status_code == 200
    grace_ids = {r["id"] for r in (await client.get("/v1/me/redemptions", headers=grace)).json()}
    assert ada_redemption not in grace_ids
    ada_entries = {e["id"] for e in (await client.get("/v1/me/activity?limit=100", headers=ada)).json()["items"]}
    grace_entries = {e["id"] for e in (await client.get("/v1/me/activity?limit=100", headers=grace)).json()["items"]}
    assert not ada_entries & grace_entries
    assert (await client.get("/v1/me", headers=grace)).json()["email"] == GRACE
    # A gift between Linus and Ada is not Grace's to see.
    linus = await sign_in(client, LINUS)
    gift = await client.post(
        "/v1/me/gifts",
        json={"friend_id": member_id(store, ADA), "stars": 5},
        headers={**linus, "Idempotency-Key": str(uuid.uuid4())},
    )
    gift_id = gift.json()["id"]
    assert (await client.get(f"/v1/me/gifts/{gift_id}", headers=ada)).status_code == 200
    assert_problem(await client.get(f"/v1/me/gifts/{gift_id}", headers=grace), 404, "not_found")
    # Idempotency keys are per member: Grace reusing Linus's key starts her own operation.
    before = balances(store)
    again = await client.post(
        "/v1/me/gifts",
        json={"friend_id": member_id(store, ADA), "stars": 5},
        headers={**grace, "Idempotency-Key": gift.request.headers["Idempotency-Key"]},
    )
    assert again.status_code == 201 and again.json()["from_name"] == "Grace Hopper"
    assert balances(store)[GRACE] == before[GRACE] - 5
