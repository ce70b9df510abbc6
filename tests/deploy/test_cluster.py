"""Starboard as several processes behind nginx (deploy/): the config is valid, customers spread over the processes,
and a rolling restart (SIGTERM) ends a process within 5 s while its customers come back signed in elsewhere, on
the screen they were on."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import pytest

from benchmarks.crowd_customer import Customer, make_members
from deploy.cluster import NGINX, Cluster, nginx_config

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx)")


def test_the_nginx_config_made_from_the_template_is_valid(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(tmp_path, 18080, [18081, 18082, 18083]))
    assert "@" not in conf.read_text()
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
    assert "server 127.0.0.1:18083 max_fails=1" in conf.read_text()


def wait_exit(cluster: Cluster, port: int, timeout: float) -> float:
    app = cluster.app_on_port(port)
    started = time.monotonic()
    while app.alive and time.monotonic() - started < timeout:
        time.sleep(0.02)
    return time.monotonic() - started


def failed(customers: list[Customer], results: list[bool]) -> list[str]:
    """What went wrong for each customer whose step failed: its last interaction, whose detail says what the screen
    showed instead (a step that failed once in CI, under three test workers, said only `False`)."""
    return [
        f"{c.member.email}: {c.interactions[-1] if c.interactions else 'no interaction'}"
        for c, ok in zip(customers, results, strict=True)
        if not ok
    ]


async def test_sigterm_ends_a_process_within_5_s_and_its_customers_come_back_signed_in_elsewhere() -> None:
    with Cluster(2, log_prefix="test-cluster") as cluster:
        assert cluster.api_url is not None
        members = await make_members(cluster.api_url, 10)
        customers = [Customer(m, cluster.url) for m in members]
        arrived = await asyncio.gather(*(c.arrive() for c in customers))
        assert all(arrived), failed(customers, arrived)
        # Half of them on another screen than Home, to see they come back to it.
        switched = await asyncio.gather(*(c.switch_tab("Rewards") for c in customers[::2]))
        assert all(switched), failed(customers[::2], switched)
        holders = cluster.open_sockets()
        # nginx hashes each new browser to a process at random (a cookie of its own): usually both hold some, but a
        # CI run once saw all 10 on one (0.2-0.5% of runs by chance, at the splits measured: 45-57%). The process
        # holding the most is stopped either way, and its customers must come back on the other.
        assert sum(holders.values()) == len(customers), holders
        port = max(holders, key=lambda p: holders[p])

        cluster.app_on_port(port).signal_leader(15)  # SIGTERM, as systemd or Kubernetes sends it
        took = await asyncio.to_thread(wait_exit, cluster, port, 10.0)
        assert not cluster.app_on_port(port).alive and took < 5.0, f"still running {took:.1f} s after SIGTERM"

        await asyncio.sleep(0.5)  # the sockets of the stopped process are closed by now
        dropped = [c for c in customers if not c.wire.connected]
        assert dropped, "the stopped process held no customer"
        back = await asyncio.gather(*(c.come_back() for c in dropped))
        assert all(back), failed(dropped, back)
        assert [c.wire.route for c in dropped] == [{"Home": "/", "Rewards": "/rewards"}[c.tab] for c in dropped]
        assert all(c.wire.connected for c in customers)
        others = {p: n for p, n in holders.items() if p != port}
        assert {p: n for p, n in cluster.open_sockets().items() if p != port} == {
            p: n + len(dropped) for p, n in others.items()
        }, "the customers of the stopped process are now on the other one"
        await asyncio.gather(*(c.leave() for c in customers))
