"""The test-only fault switch (`--faults`): the API hangs on demand and answers again, held requests included."""

from __future__ import annotations

import asyncio

import httpx

from app.mock_backend import Store
from app.mock_backend.api import create_app
from app.mock_backend.middleware import FaultSwitch


async def test_a_hung_api_holds_requests_until_released(store: Store) -> None:
    transport = httpx.ASGITransport(app=FaultSwitch(create_app(store=store)))
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        assert (await client.post("/_faults/hang")).json() == {"hanging": True}
        held = asyncio.create_task(client.get("/v1/program"))
        await asyncio.sleep(0.05)
        assert not held.done()
        assert (await client.get("/healthz")).status_code == 200  # the health check is never held

        assert (await client.post("/_faults/release")).json() == {"hanging": False}
        assert (await asyncio.wait_for(held, 5)).status_code == 200
        assert (await client.get("/v1/program")).status_code == 200
