"""Fire planned gifts and redemptions at a served backend from several asyncio tasks; also a second process.

`python -m tests.reliability.load URL PLAN.json` is the second client process: it reads its share of the plan,
prints `ready`, waits for `go` on stdin (so both processes start together), runs it and prints the results as
one JSON line. The parent runs its own share with `run_plan` at the same time.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Op:
    """One planned request: a gift or a redemption by the member holding ``token``."""

    kind: str  # "gift" or "redeem"
    token: str
    key: str
    body: dict[str, object]


@dataclass(frozen=True)
class Outcome:
    kind: str
    key: str
    status: int
    id: str | None
    code: str | None
    stars: int | None


PATHS = {"gift": "/v1/me/gifts", "redeem": "/v1/me/redemptions"}


async def run_plan(url: str, ops: list[Op], tasks: int = 24, timeout: float = 30.0) -> tuple[list[Outcome], float]:
    """Send every op, ``tasks`` at a time; return the outcomes and the wall-clock seconds it took."""
    queue: asyncio.Queue[Op] = asyncio.Queue()
    for op in ops:
        queue.put_nowait(op)
    outcomes: list[Outcome] = []
    limits = httpx.Limits(max_connections=tasks, max_keepalive_connections=tasks)

    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:

        async def worker() -> None:
            while True:
                try:
                    op = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                headers = {"Authorization": f"Bearer {op.token}", "Idempotency-Key": op.key}
                response = await http.post(PATHS[op.kind], json=op.body, headers=headers)
                body = response.json()
                ok = response.status_code == 201
                outcomes.append(
                    Outcome(
                        op.kind,
                        op.key,
                        response.status_code,
                        body.get("id") if ok else None,
                        None if ok else body.get("code"),
                        body.get("stars") if ok else None,
                    )
                )

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(tasks)))
        return outcomes, time.perf_counter() - started


def main() -> None:
    url, plan_path = sys.argv[1], Path(sys.argv[2])
    ops = [Op(**raw) for raw in json.loads(plan_path.read_text(encoding="utf-8"))]
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("expected go")
    outcomes, seconds = asyncio.run(run_plan(url, ops))
    print(json.dumps({"seconds": seconds, "outcomes": [asdict(o) for o in outcomes]}), flush=True)


if __name__ == "__main__":
    main()
