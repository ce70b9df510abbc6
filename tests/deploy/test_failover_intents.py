"""A redemption whose answer was in flight when its app process died (kill -9) is applied exactly once: the browser
reconnects through nginx to another process, which finds the intent in client storage and finishes it with the
same idempotency key (app/state/intents.py). The ledger is checked through the loyalty API."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from benchmarks.crowd_customer import PASSWORD, REWARD, Customer, make_members
from deploy.cluster import NGINX, Cluster, free_port
from tests.support.servers import backend_server, running

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)")

REDEEM = ("POST", "/v1/me/redemptions")


class AnswerHoldingProxy:
    """An HTTP proxy in front of the loyalty API that lets the first redemption reach the API (it is applied) and
    then holds its answer: the app process that sent it waits, and is killed meanwhile."""

    def __init__(self, upstream: str) -> None:
        self.http = httpx.AsyncClient(base_url=upstream, timeout=60.0)
        self.holding = asyncio.Event()
        self._release = asyncio.Event()
        self.redeems = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [
            (k.decode(), v.decode()) for k, v in scope["headers"] if k.lower() not in (b"host", b"content-length")
        ]
        path = scope["path"] + (f"?{scope['query_string'].decode()}" if scope["query_string"] else "")
        request = self.http.build_request(scope["method"], path, headers=headers, content=body)
        answer = await self.http.send(request, stream=True)  # passed on as it comes: the app's event stream too
        try:
            if (scope["method"], scope["path"]) == REDEEM:
                self.redeems += 1
                if self.redeems == 1:
                    self.holding.set()
                    await self._release.wait()  # the answer never leaves: its app process dies meanwhile
            out = [
                (k.encode(), v.encode())
                for k, v in answer.headers.items()
                if k.lower() not in ("content-length", "transfer-encoding", "content-encoding", "connection")
            ]
            await send({"type": "http.response.start", "status": answer.status_code, "headers": out})
            async for chunk in answer.aiter_bytes():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await answer.aclose()

    def release(self) -> None:
        self._release.set()


@pytest.fixture
async def proxy_url() -> AsyncIterator[tuple[str, str, AnswerHoldingProxy]]:
    with running(backend_server(name="failover-backend", keep_state=False)) as (api,):
        proxy = AnswerHoldingProxy(api.url)
        port = free_port()
        config = uvicorn.Config(
            proxy, host="127.0.0.1", port=port, lifespan="off", log_level="warning", timeout_graceful_shutdown=1
        )
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}", api.url, proxy
        finally:
            proxy.release()
            server.should_exit = True
            await serving
            await proxy.http.aclose()


async def redemptions_and_balance(api_url: str, email: str) -> tuple[int, int]:
    async with httpx.AsyncClient(base_url=api_url, timeout=30.0) as http:
        token = (await http.post("/v1/auth/token", json={"email": email, "password": PASSWORD})).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        redemptions = (await http.get("/v1/me/redemptions", headers=auth)).json()
        balance = (await http.get("/v1/me/summary", headers=auth)).json()["balance"]
        return len(redemptions), balance


async def test_a_redemption_in_flight_when_its_process_is_killed_is_applied_once(
    proxy_url: tuple[str, str, AnswerHoldingProxy],
) -> None:
    url, api_url, proxy = proxy_url
    with Cluster(2, api_url=url, log_prefix="test-intents") as cluster:
        [member] = await make_members(api_url, 1)
        before = await redemptions_and_balance(api_url, member.email)
        customer = Customer(member, cluster.url)
        assert await customer.arrive()
        assert await customer.switch_tab("Rewards")
        assert await customer._tap("redeem: open", f"Redeem {REWARD}", f"Redeem {REWARD}?")
        confirm = customer.wire.button("Confirm")
        assert confirm is not None
        await customer.wire.event(confirm, "click")
        await asyncio.wait_for(proxy.holding.wait(), 30)  # applied by the API; the answer is on its way back

        holders = cluster.open_sockets()
        [port] = [p for p, n in holders.items() if n]
        os.kill(cluster.app_on_port(port).pid, signal.SIGKILL)

        assert await customer.come_back(), customer.wire.closed_reason
        assert customer.wire.route == "/rewards"
        assert await customer.wire.wait_for(f"Enjoy your {REWARD}!", 30), "the outcome is shown after the reconnect"
        assert await customer.wire.wait_for(f"Done: you redeemed {REWARD}.", 10)
        assert proxy.redeems == 2, "sent again by the other process"
        count, balance = await redemptions_and_balance(api_url, member.email)
        assert (count, balance) == (before[0] + 1, before[1] - 25), "applied exactly once"
        await customer.leave()
