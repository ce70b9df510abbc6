"""Hostile clients against friendship (issue 11, finding 6): a friend code must not make anyone a friend without
their consent, and friend codes must not be guessable.

On the code before friend requests, `POST /v1/me/friends` with someone's code made both members friends at once
(so "gifts only between friends" meant nothing), codes were a name stem plus 4 characters, and wrong codes could
be tried without limit. Every test here failed on that code.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from app.mock_backend import DEMO_PASSWORD, Store, create_app
from app.mock_backend.rules.friends import CODE_ALPHABET, GUESSES_PER_ADDRESS, GUESSES_PER_MEMBER
from app.mock_backend.seed import ADA
from tests.reliability.figures import Figures
from tests.support.joining import join_over_http

SECTION = "Access"


@pytest.fixture
async def http(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(store, demo_tools=True, join_limit=1000))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        yield client


async def _join(http: httpx.AsyncClient, name: str) -> dict[str, str]:
    body = {"email": f"{uuid.uuid4().hex[:10]}@example.test", "password": "hostile-pass-1", "name": name}
    created = await join_over_http(http, body)  # the code from the demo outbox
    assert created.status_code == 201, created.text
    return {"Authorization": f"Bearer {created.json()['access_token']}"}


async def _ada(http: httpx.AsyncClient) -> tuple[dict[str, str], dict[str, str]]:
    token = await http.post("/v1/auth/token", json={"email": ADA, "password": DEMO_PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    return headers, (await http.get("/v1/me", headers=headers)).json()


async def _gift(http: httpx.AsyncClient, sender: dict[str, str], to: str) -> httpx.Response:
    return await http.post(
        "/v1/me/gifts", json={"friend_id": to, "stars": 1}, headers={**sender, "Idempotency-Key": uuid.uuid4().hex}
    )


async def test_a_friend_code_alone_makes_no_friend_only_acceptance_does(http: httpx.AsyncClient) -> None:
    ada, ada_me = await _ada(http)
    mallory = await _join(http, "Mallory")
    mallory_id = (await http.get("/v1/me", headers=mallory)).json()["id"]
    # The old way in: a code posted to the friends list. It makes no friendship now.
    old = await http.post("/v1/me/friends", json={"friend_code": ada_me["friend_code"]}, headers=mallory)
    assert old.status_code in (404, 405), old.text
    asked = await http.post("/v1/me/friend-requests", json={"friend_code": ada_me["friend_code"]}, headers=mallory)
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    assert (await http.get("/v1/me/friends", headers=mallory)).json() == []
    assert mallory_id not in {f["id"] for f in (await http.get("/v1/me/friends", headers=ada)).json()}
    # Neither side may gift while the request waits, and Mallory cannot accept on Ada's behalf.
    assert (await _gift(http, mallory, ada_me["id"])).json()["code"] == "not_a_friend"
    assert (await _gift(http, ada, mallory_id)).json()["code"] == "not_a_friend"
    forged = await http.post(f"/v1/me/friend-requests/{asked.json()['id']}/accept", headers=mallory)
    assert forged.status_code == 404
    # Ada declines: still nobody's friend.
    await http.post(f"/v1/me/friend-requests/{asked.json()['id']}/decline", headers=ada)
    assert (await _gift(http, mallory, ada_me["id"])).json()["code"] == "not_a_friend"
    # Only Ada's acceptance of a request makes them friends.
    again = await http.post("/v1/me/friend-requests", json={"friend_code": ada_me["friend_code"]}, headers=mallory)
    accepted = await http.post(f"/v1/me/friend-requests/{again.json()['id']}/accept", headers=ada)
    assert accepted.status_code == 200
    assert (await _gift(http, ada, mallory_id)).status_code == 201


async def test_friend_codes_have_enough_entropy(http: httpx.AsyncClient, figures: Figures) -> None:
    codes = []
    for _ in range(40):
        headers = await _join(http, "Same Name")
        codes.append((await http.get("/v1/me", headers=headers)).json()["friend_code"])
    assert len(set(codes)) == len(codes)
    randomness = [c.split("-", 1)[1].replace("-", "") for c in codes]
    assert all(len(r) >= 10 and set(r) <= set(CODE_ALPHABET) for r in randomness), codes[:3]
    figures.record(SECTION, "friend code randomness", f"{len(randomness[0])} of {len(CODE_ALPHABET)} symbols", "")


async def test_guessing_friend_codes_is_throttled_per_member_and_per_address(
    http: httpx.AsyncClient, figures: Figures
) -> None:
    _, ada_me = await _ada(http)
    guesser = await _join(http, "Guesser")
    statuses = []
    for _ in range(GUESSES_PER_MEMBER + 5):
        guess = "ADAL-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        statuses.append(await http.post("/v1/me/friend-requests", json={"friend_code": guess}, headers=guesser))
    codes = [r.status_code for r in statuses]
    assert codes[:GUESSES_PER_MEMBER] == [404] * GUESSES_PER_MEMBER and set(codes[GUESSES_PER_MEMBER:]) == {429}
    throttled = statuses[-1]
    assert throttled.json()["code"] == "too_many_friend_code_attempts" and int(throttled.headers["Retry-After"]) > 0
    # While throttled even the right code waits: a lucky guess is not confirmed.
    right = await http.post("/v1/me/friend-requests", json={"friend_code": ada_me["friend_code"]}, headers=guesser)
    assert right.status_code == 429
    # Fresh accounts behind the same address do not reset the count: the address has its own limit.
    made = GUESSES_PER_MEMBER
    blocked_at: int | None = None
    while blocked_at is None and made < GUESSES_PER_ADDRESS + GUESSES_PER_MEMBER:
        helper = await _join(http, "Helper")
        for _ in range(GUESSES_PER_MEMBER - 1):
            answer = await http.post("/v1/me/friend-requests", json={"friend_code": "NOPE-00000-00000"}, headers=helper)
            if answer.status_code == 429:
                blocked_at = made
                break
            made += 1
    assert blocked_at == GUESSES_PER_ADDRESS
    figures.record(
        SECTION,
        "wrong friend codes before 429",
        f"{GUESSES_PER_MEMBER} per member, {GUESSES_PER_ADDRESS} per address",
        "per 15 minutes, with Retry-After; the right code waits too",
    )
