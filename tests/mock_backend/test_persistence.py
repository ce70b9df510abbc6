"""`--db`: the mock backend keeps its state in SQLite, every write committed before it is answered.

Each test here fails on the pickle `--state-file` it replaces: that had no journal (nothing reached the disk before a
clean stop), kept raw tokens, was created with the umask's mode and ran whatever a crafted file held.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import stat
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, build_demo_store, create_app, seed_bulk_history
from app.mock_backend.auth import REUSE_GRACE
from app.mock_backend.persistence import StateFileError, open_store, snapshot
from tests.mock_backend.conftest import balances, member_id
from tests.support.demo import ADA, ALAN, GRACE, LINUS
from tests.support.joining import emailed_code
from tests.support.servers import backend_server, running


def reopen(path: Path, clock: FrozenClock) -> Store:
    """The store as a restarted backend would read it from the file (never the seeded world)."""

    def must_not_seed() -> Store:
        raise AssertionError("the file should already hold a world")

    store = open_store(path, must_not_seed)
    store.clock = clock
    return store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state.db"


@pytest.fixture
def durable(db_path: Path, clock: FrozenClock) -> Store:
    return open_store(db_path, lambda: build_demo_store(clock=clock))


@pytest.fixture
async def http(durable: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(durable))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        yield client


async def tokens(http: httpx.AsyncClient, email: str) -> dict[str, str]:
    response = await http.post("/v1/auth/token", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    body: dict[str, str] = response.json()
    return body


def bearer(pair: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def test_a_new_file_is_seeded_and_reads_back_the_same(db_path: Path, clock: FrozenClock) -> None:
    store = open_store(db_path, lambda: build_demo_store(clock=clock))
    again = reopen(db_path, clock)
    assert snapshot(again) == snapshot(store)
    assert balances(again) == balances(store)
    assert again.journal is not None and store.journal is not None


def test_without_a_db_the_backend_stays_in_memory(store: Store) -> None:
    assert store.journal is None
    with store.unit_of_work():
        pass  # nothing to write to


def test_the_file_and_its_wal_and_shm_are_private(db_path: Path, durable: Store) -> None:
    files = [db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")]
    assert all(f.exists() for f in files)
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {f.name: "0o600" for f in files}


def test_an_existing_world_readable_file_is_made_private(db_path: Path, clock: FrozenClock) -> None:
    open_store(db_path, lambda: build_demo_store(clock=clock)).journal.close()  # type: ignore[union-attr]
    db_path.chmod(0o644)
    reopen(db_path, clock)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


async def test_the_file_holds_no_raw_token_and_no_pickle(db_path: Path, http: httpx.AsyncClient) -> None:
    pair = await tokens(http, ADA)
    refreshed = (await http.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).json()
    raw = b"".join(p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    for token in (pair["access_token"], pair["refresh_token"], refreshed["access_token"], refreshed["refresh_token"]):
        assert token.encode() not in raw
    assert b"\x80\x04\x95" not in raw and b"\x80\x05\x95" not in raw  # no pickle frame anywhere
    with sqlite3.connect(db_path) as db:
        bodies = [row[0] for row in db.execute("SELECT body FROM docs UNION ALL SELECT body FROM logs")]
        types = {row[0] for row in db.execute("SELECT typeof(body) FROM docs UNION SELECT typeof(body) FROM logs")}
    assert bodies and types == {"text"}
    for body in bodies:
        json.loads(body)  # JSON text, nothing else


async def test_sessions_survive_a_restart_by_their_hash(
    db_path: Path, clock: FrozenClock, http: httpx.AsyncClient
) -> None:
    pair = await tokens(http, GRACE)
    before = (await http.get("/v1/me/summary", headers=bearer(pair))).json()
    restarted = create_app(reopen(db_path, clock))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=restarted), base_url="http://mock") as again:
        after = await again.get("/v1/me/summary", headers=bearer(pair))
        assert after.status_code == 200, "an access token issued before the restart still works"
        assert after.json()["balance"] == before["balance"]
        rotated = await again.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert rotated.status_code == 200
        clock.advance(REUSE_GRACE + timedelta(seconds=1))  # the spent token's time is kept too
        reused = await again.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"


# ---------------------------------------------------------------- every mutating endpoint is durable


async def _sample_requests(http: httpx.AsyncClient, store: Store) -> dict[tuple[str, str], Callable[[], Any]]:
    """One real request per mutating operation of the OpenAPI document (state-changing, accepted)."""
    ada = await tokens(http, ADA)
    grace_id = member_id(store, GRACE)
    h = bearer(ada)
    rewards = (await http.get("/v1/rewards", headers=h)).json()
    reward = next(r for r in rewards if r["can_redeem"])
    challenges = (await http.get("/v1/me/challenges", headers=h)).json()
    challenge = next(c for c in challenges if c["status"] in ("open", "available", "not_joined"))
    survey = (await http.get("/v1/me/survey", headers=h)).json()
    answers = {q["id"]: q["choices"][0] for q in survey["questions"]}
    inbox = (await http.get("/v1/me/inbox", headers=h)).json()
    state: dict[str, Any] = {}

    newcomer = "newcomer@example.com"

    async def sign_up() -> httpx.Response:
        body = {"email": newcomer, "password": "a-long-password-1", "name": "Newcomer"}
        return await http.post("/v1/members", json=body)

    async def verify() -> httpx.Response:
        response = await http.post(
            "/v1/members/verify", json={"email": newcomer, "code": emailed_code(store, newcomer)}
        )
        state["newcomer"] = response.json()
        return response

    async def reset_password() -> httpx.Response:
        return await http.post(
            "/v1/auth/password-reset/confirm",
            json={"email": LINUS, "code": emailed_code(store, LINUS), "new_password": "another-long-password-2"},
        )

    async def as_member(email: str) -> dict[str, str]:
        return bearer(await tokens(http, email))

    async def request_friend(sender: dict[str, str], label: str) -> httpx.Response:
        code = next(m.friend_code for m in store.members.values() if m.email == newcomer)
        response = await http.post("/v1/me/friend-requests", json={"friend_code": code}, headers=sender)
        state[label] = response.json()["id"]
        return response

    async def answer_request(label: str, answer: str, who: dict[str, str] | None = None) -> httpx.Response:
        if label not in state:  # made here, not by the sample of its own route
            await request_friend(await as_member(GRACE if answer == "decline" else ALAN), label)
        headers = who or bearer(state["newcomer"])
        if answer == "cancel":
            headers = await as_member(ALAN)
        return await http.post(f"/v1/me/friend-requests/{state[label]}/{answer}", headers=headers)

    async def ask(friend_email: str, label: str) -> httpx.Response:
        response = await http.post(
            "/v1/me/asks", json={"friend_id": member_id(store, friend_email), "stars": 5, "note": "please"}, headers=h
        )
        state[label] = response.json()["id"]
        return response

    async def answer_ask(label: str, friend_email: str, answer: str) -> httpx.Response:
        if label not in state:
            await ask(friend_email, label)
        headers = await as_member(friend_email)
        body = None
        if answer == "accept":  # a gift: keyed
            headers, body = {**headers, "Idempotency-Key": f"ask-{label}"}, {}
        return await http.post(f"/v1/me/asks/{state[label]}/{answer}", json=body, headers=headers)

    async def thank() -> httpx.Response:
        grace = await as_member(GRACE)
        to_thank = (await http.get("/v1/me/thanks", headers=grace)).json()["to_thank"]
        return await http.post(
            f"/v1/me/gifts/{to_thank[0]['gift_id']}/thanks", json={"sticker": "coffee"}, headers=grace
        )

    async def sign_out() -> httpx.Response:
        return await http.post("/v1/auth/logout", headers=bearer(state["newcomer"]))

    async def refresh() -> httpx.Response:
        return await http.post("/v1/auth/refresh", json={"refresh_token": ada["refresh_token"]})

    async def use_at_counter() -> httpx.Response:
        ready = next(r for r in (await http.get("/v1/me/redemptions", headers=h)).json() if r["status"] == "ready")
        return await http.post(f"/v1/demo/redemptions/{ready['id']}/use", headers=h)

    def post(path: str, body: dict[str, Any], key: str | None = None) -> Callable[[], Any]:
        headers = {**h, **({"Idempotency-Key": key} if key else {})}
        return lambda: http.post(path, json=body, headers=headers)

    # Star Pools (Ada's pool; Grace is invited and joins, Alan is invited and declines), gifts to newcomers.
    grace = bearer(await tokens(http, GRACE))
    linus_id = member_id(store, LINUS)
    alan_id = member_id(store, ALAN)

    async def create_pool() -> httpx.Response:
        body = {"name": "Treats", "goal_reward_id": "extra-shot", "invite_ids": [grace_id, alan_id]}
        response = await http.post("/v1/me/pools", json=body, headers=h)
        state["pool"] = response.json()["id"]
        return response

    def on_pool(path: str, who: dict[str, str], body: dict[str, Any] | None = None, key: str | None = None
                ) -> Callable[[], Any]:
        headers = {**who, **({"Idempotency-Key": key} if key else {})}
        return lambda: http.post(f"/v1/me/pools/{state['pool']}/{path}", json=body or {}, headers=headers)

    async def decline() -> httpx.Response:
        fresh = bearer(await tokens(http, ALAN))  # signed in now: an earlier sample may have ended older tokens
        return await http.post(f"/v1/me/pools/{state['pool']}/decline", headers=fresh)

    async def send_newcomer_gift() -> httpx.Response:
        body = {"contact": "sam@example.org", "stars": 5}
        response = await http.post("/v1/me/newcomer-gifts", json=body, headers={**h, "Idempotency-Key": "new-1"})
        state["claim_code"] = response.json()["claim_code"]
        return response

    async def claim() -> httpx.Response:
        signed_in = await http.post(
            "/v1/auth/token", json={"email": "newcomer@example.com", "password": "a-long-password-1"}
        )  # the newcomer signed out above
        headers = {**bearer(signed_in.json()), "Idempotency-Key": "claim-1"}
        return await http.post("/v1/me/newcomer-gifts/claims", json={"claim_code": state["claim_code"]},
                               headers=headers)

    return {
        ("post", "/v1/auth/token"): lambda: http.post(
            "/v1/auth/token", json={"email": GRACE, "password": DEMO_PASSWORD}
        ),
        ("post", "/v1/members"): sign_up,
        ("post", "/v1/members/verify"): verify,
        ("post", "/v1/auth/password-reset"): lambda: http.post("/v1/auth/password-reset", json={"email": LINUS}),
        ("post", "/v1/auth/password-reset/confirm"): reset_password,
        ("post", "/v1/demo/members"): lambda: http.post("/v1/demo/members"),
        ("post", "/v1/me/friend-requests"): lambda: request_friend(h, "ada-asks"),
        ("post", "/v1/me/friend-requests/{request_id}/accept"): lambda: answer_request("ada-asks", "accept"),
        ("post", "/v1/me/friend-requests/{request_id}/decline"): lambda: answer_request("grace-asks", "decline"),
        ("post", "/v1/me/friend-requests/{request_id}/cancel"): lambda: answer_request("alan-asks", "cancel"),
        ("post", "/v1/auth/logout"): sign_out,
        ("patch", "/v1/me"): lambda: http.patch("/v1/me", json={"name": "Ada King"}, headers=h),
        ("post", "/v1/demo/purchases"): post("/v1/demo/purchases", {"amount": 12.5}, "buy-1"),
        ("post", "/v1/me/gifts"): post("/v1/me/gifts", {"friend_id": grace_id, "stars": 5, "message": "hi"}, "gift-1"),
        ("post", "/v1/me/redemptions"): post("/v1/me/redemptions", {"reward_id": reward["id"]}, "redeem-1"),
        ("post", "/v1/demo/redemptions/{redemption_id}/use"): use_at_counter,
        ("post", "/v1/me/reviews"): post("/v1/me/reviews", {"rating": 5, "text": "Lovely flat white."}),
        ("post", "/v1/me/survey"): post("/v1/me/survey", {"survey_id": survey["id"], "answers": answers}),
        ("post", "/v1/me/challenges/{challenge_id}/join"): post(f"/v1/me/challenges/{challenge['id']}/join", {}),
        ("post", "/v1/me/inbox/read"): post("/v1/me/inbox/read", {"ids": [inbox["items"][0]["id"]]}),
        ("post", "/v1/me/inbox/read-all"): post("/v1/me/inbox/read-all", {}),
        ("put", "/v1/me/inbox/preferences"): lambda: http.put(
            "/v1/me/inbox/preferences", json={"kind": "badges", "enabled": False}, headers=h
        ),
        ("post", "/v1/me/offers/{offer_id}/activate"): post("/v1/me/offers/breakfast-bonus/activate", {}),
        ("put", "/v1/me/goal"): lambda: http.put("/v1/me/goal", json={"reward_id": reward["id"]}, headers=h),
        ("delete", "/v1/me/goal"): lambda: http.delete("/v1/me/goal", headers=h),
        ("post", "/v1/me/newcomer-gifts"): send_newcomer_gift,
        ("post", "/v1/me/newcomer-gifts/claims"): claim,
        ("post", "/v1/me/pools"): create_pool,
        ("post", "/v1/me/pools/{pool_id}/invites"): on_pool("invites", h, {"friend_id": linus_id}),
        ("post", "/v1/me/pools/{pool_id}/join"): on_pool("join", grace),
        ("post", "/v1/me/pools/{pool_id}/decline"): decline,
        ("post", "/v1/me/pools/{pool_id}/contributions"): on_pool("contributions", h, {"stars": 30}, "pool-give-1"),
        ("post", "/v1/me/pools/{pool_id}/redemptions"): on_pool(
            "redemptions", h, {"reward_id": "extra-shot"}, "pool-redeem-1"
        ),
        ("post", "/v1/me/pools/{pool_id}/leave"): on_pool("leave", grace, None, "pool-leave-1"),
        ("put", "/v1/me/leaderboard/settings"): lambda: http.put(
            "/v1/me/leaderboard/settings", json={"opted_in": True}, headers=h
        ),
        ("post", "/v1/auth/refresh"): refresh,
        ("post", "/v1/me/asks"): lambda: ask(GRACE, "ask-grace"),
        ("post", "/v1/me/asks/{ask_id}/accept"): lambda: answer_ask("ask-grace", GRACE, "accept"),
        ("post", "/v1/me/asks/{ask_id}/decline"): lambda: answer_ask("ask-alan", ALAN, "decline"),
        ("post", "/v1/me/gifts/{gift_id}/thanks"): thank,
        ("post", "/v1/me/game/plays"): lambda: http.post(
            "/v1/me/game/plays", headers={**h, "Idempotency-Key": "play-1"}
        ),
        ("post", "/v1/me/shares"): post("/v1/me/shares", {"what": "referral", "how": "copy"}, "share-1"),
    }


MOVES_TIME_ONLY = {("post", "/v1/demo/clock")}
"""Served with `--movable-clock` only (404 otherwise): it moves the clock, which is not part of the stored state."""


async def test_every_mutating_endpoint_is_committed_before_it_answers(
    db_path: Path, clock: FrozenClock, durable: Store, http: httpx.AsyncClient
) -> None:
    """Each write of the OpenAPI document, then a restart from the file: the reloaded world is the same.

    A route that changes the store outside a unit of work leaves the file behind memory, and this fails.
    """
    document = (await http.get("/openapi.json")).json()
    mutating = {
        (method, path)
        for path, operations in document["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    } - MOVES_TIME_ONLY
    samples = await _sample_requests(http, durable)
    assert mutating == set(samples), f"add a sample request for {sorted(mutating - set(samples))}"
    for operation, send in samples.items():
        before = snapshot(durable)
        response = await send()
        assert response.status_code < 300, (operation, response.text)
        assert snapshot(durable) != before, f"{operation} changed nothing: pick a sample that writes"
        assert snapshot(reopen(db_path, clock)) == snapshot(durable), f"{operation} was not committed"
        replay = response.request.headers.get("Idempotency-Key")
        if replay:
            again = await http.post(
                str(response.request.url), content=response.request.content, headers=response.request.headers
            )
            assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == response.json()


async def test_a_refused_write_keeps_its_idempotency_record(
    db_path: Path, clock: FrozenClock, durable: Store, http: httpx.AsyncClient
) -> None:
    headers = {**bearer(await tokens(http, ADA)), "Idempotency-Key": "too-much"}
    body = {"friend_id": member_id(durable, GRACE), "stars": 500, "message": None}
    first = [await http.post("/v1/me/gifts", json=body, headers=headers) for _ in range(3)]
    assert first[0].status_code in (201, 409, 422)
    reloaded = reopen(db_path, clock)
    assert (member_id(durable, ADA), "gifts", "too-much") in reloaded.idempotency
    restarted = create_app(reloaded)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=restarted), base_url="http://mock") as again:
        replay = await again.post("/v1/me/gifts", json=body, headers=headers)
    assert replay.status_code == first[0].status_code and replay.json() == first[0].json()
    assert balances(reloaded) == balances(durable)


# ---------------------------------------------------------------- cost: only what changed is written


async def test_a_gift_writes_a_few_rows_however_long_the_history(db_path: Path, clock: FrozenClock) -> None:
    def world() -> Store:
        store = build_demo_store(clock=clock)
        seed_bulk_history(store, LINUS, 10_000)
        return store

    store = open_store(db_path, world)
    assert store.journal is not None
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        h = bearer(await tokens(http, LINUS))
        body = {"friend_id": member_id(store, ADA), "stars": 3, "message": None}
        response = await http.post("/v1/me/gifts", json=body, headers={**h, "Idempotency-Key": "one"})
        assert response.status_code == 201, response.text
        assert store.journal.last.commits == 1
    assert len(store.members[member_id(store, LINUS)].entries) > 10_000
    # two member documents, their new entries and events, the drawn batch, the gift, the idempotency record,
    # the counters: not 10,000 rows
    assert store.journal.last.rows <= 20, store.journal.last.rows
    assert snapshot(reopen(db_path, clock)) == snapshot(store)


# ---------------------------------------------------------------- files this backend did not write


def _refused(path: Path, clock: FrozenClock) -> str:
    with pytest.raises(StateFileError) as caught:
        reopen(path, clock)
    return str(caught.value)


def test_garbage_is_refused(db_path: Path, clock: FrozenClock) -> None:
    db_path.write_bytes(os.urandom(4096))
    assert "not a Starboard" in _refused(db_path, clock)


def test_a_pickle_is_refused_without_running_it(db_path: Path, clock: FrozenClock, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {marker}",))

    db_path.write_bytes(pickle.dumps(Exploit()))
    _refused(db_path, clock)
    assert not marker.exists()


def test_another_sqlite_file_is_refused(db_path: Path, clock: FrozenClock) -> None:
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    assert "not written by this mock backend" in _refused(db_path, clock)


@pytest.mark.parametrize(
    "body",
    [
        '{"$dc": "Popen", "f": {"args": ["touch", "/tmp/x"]}}',
        '{"$m": "BaseModel", "v": {}}',
        "not json at all",
        '{"$dc": "Member", "f": {"id": 1}}',
    ],
)
def test_a_tampered_row_is_refused(db_path: Path, clock: FrozenClock, body: str) -> None:
    open_store(db_path, lambda: build_demo_store(clock=clock)).journal.close()  # type: ignore[union-attr]
    with sqlite3.connect(db_path) as db:
        key = db.execute("SELECT min(key) FROM docs WHERE kind = 'member'").fetchone()[0]
        db.execute("UPDATE docs SET body = ? WHERE kind = 'member' AND key = ?", (body, key))
    _refused(db_path, clock)


# ---------------------------------------------------------------- the real process


def test_a_killed_backend_restarts_with_the_session_and_the_stars(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    server = backend_server("--db", str(db), name="persistence-backend", keep_state=False, log_dir=tmp_path)
    url = server.url
    with running(server):
        pair = httpx.post(f"{url}/v1/auth/token", json={"email": GRACE, "password": DEMO_PASSWORD}).json()
        headers = bearer(pair)
        httpx.post(f"{url}/v1/demo/purchases", json={"amount": 7}, headers=headers).raise_for_status()
        before = httpx.get(f"{url}/v1/me/summary", headers=headers).json()["balance"]
        server.kill()  # SIGKILL: no shutdown code runs
        server.start()  # the same port and file
        after = httpx.get(f"{url}/v1/me/summary", headers=headers)
        assert after.status_code == 200, "the access token issued before the kill still works"
        assert after.json()["balance"] == before


def test_the_backend_refuses_to_start_on_a_file_it_did_not_write(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(2000))
    server = backend_server("--db", str(db), name="refusing-backend", keep_state=False, log_dir=tmp_path)
    with pytest.raises(RuntimeError, match="exited with code 2"):
        server.start()
    assert "refusing to start" in server.log_path.read_text()
    assert "Traceback" not in server.log_path.read_text()
