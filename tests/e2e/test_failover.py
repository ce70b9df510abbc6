"""Several app processes behind nginx (deploy/): when the process holding a customer's session dies (kill -9), the
browser reconnects through nginx to another process and comes back signed in, on the screen it was on."""

from __future__ import annotations

import asyncio
import re
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from deploy.cluster import NGINX, Cluster
from tests.e2e.screens import button, nav, nav_item, open_app, sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)"),
]

MEMBER = "linus@example.com"
BACK_WITHIN_MS = 30_000
"""Generous: the browser's reconnect back-off, on a loaded machine (the target, 5 s, is measured, not asserted)."""


async def the_one_socket(cluster: Cluster, timeout: float = 15.0) -> int:
    """The port of the app process holding the page's WebSocket (the only open one)."""
    deadline = time.monotonic() + timeout
    while True:
        held = {port: n for port, n in cluster.open_sockets().items() if n}
        if len(held) == 1 and sum(held.values()) == 1:
            return next(iter(held))
        if time.monotonic() > deadline:
            raise AssertionError(f"expected one WebSocket on one process, found {held}")
        await asyncio.sleep(0.1)


async def test_killing_the_process_holding_the_session_brings_the_page_back_signed_in_on_the_same_screen(
    new_page: Callable[..., Awaitable[Page]],
) -> None:
    with Cluster(3, log_prefix="e2e-failover") as cluster:
        page = await new_page("failover")
        await open_app(page, cluster.url)
        await sign_in(page, MEMBER)
        await nav(page, "Rewards")
        await expect(page).to_have_url(re.compile(r"/rewards$"))
        await expect(button(page, re.compile(r"^Redeem ")).first).to_be_visible()
        holder = await the_one_socket(cluster)

        killed = cluster.app_on_port(holder)
        killed.signal_leader(signal.SIGKILL)
        while killed.alive:
            await asyncio.sleep(0.05)

        moved_to = await the_one_socket(cluster, timeout=BACK_WITHIN_MS / 1000)
        assert moved_to != holder
        await expect(page).to_have_url(re.compile(r"/rewards$"))
        await expect(nav_item(page, "Rewards")).to_have_attribute("aria-selected", "true", timeout=BACK_WITHIN_MS)
        await expect(button(page, re.compile(r"^Redeem ")).first).to_be_visible(timeout=BACK_WITHIN_MS)
        await expect(button(page, "Sign in")).to_have_count(0)
