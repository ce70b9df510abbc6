"""`--state-file`: a restarted mock backend keeps members, Stars and sessions, like a real API would."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.mock_backend.persistence import load_store, save_store
from app.mock_backend.seed import DEMO_PASSWORD, build_demo_store
from tests.support.servers import backend_server, running


def test_saved_store_loads_back_with_the_same_members_and_balances(tmp_path: Path) -> None:
    store = build_demo_store()
    path = tmp_path / "state.pickle"
    save_store(store, path)
    restored = load_store(path)
    assert restored is not None
    now = store.now()
    assert {m.email: restored.balance(m, now) for m in restored.members.values()} == {
        m.email: store.balance(m, now) for m in store.members.values()
    }
    with restored.lock:  # a fresh, working lock
        pass


def test_missing_state_file_means_a_fresh_demo_world(tmp_path: Path) -> None:
    assert load_store(tmp_path / "nothing-here") is None


def test_restart_with_a_state_file_keeps_the_session_and_the_stars(tmp_path: Path) -> None:
    state = tmp_path / "state.pickle"
    server = backend_server("--state-file", str(state), name="persistence-backend", keep_state=False, log_dir=tmp_path)
    url = server.url
    with running(server):
        tokens = httpx.post(f"{url}/v1/auth/token", json={"email": "grace@example.com", "password": DEMO_PASSWORD})
        headers = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
        httpx.post(f"{url}/v1/demo/purchases", json={"amount": 7}, headers=headers).raise_for_status()
        before = httpx.get(f"{url}/v1/me/summary", headers=headers).json()["balance"]
    assert state.exists()  # written on SIGTERM (Server.stop)
    with running(server):  # the same port and state file
        after = httpx.get(f"{url}/v1/me/summary", headers=headers)
        assert after.status_code == 200, "the access token issued before the restart still works"
        assert after.json()["balance"] == before
