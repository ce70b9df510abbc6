"""Serve the mock backend over HTTP, or write its OpenAPI document.

python -m app.mock_backend --host 127.0.0.1 --port 8000
python -m app.mock_backend --write-openapi docs/openapi.json
python -m app.mock_backend --bulk-history linus@example.com:10000 --count-requests   (the performance benchmark)
python -m app.mock_backend --db state.db   (durable: every write is committed to SQLite before it is answered)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.mock_backend.api import create_app

SHUTDOWN_GRACE_SECONDS = 2
"""How long a stopping backend (SIGTERM) lets the requests in flight finish before it cancels them."""


def openapi_text() -> str:
    """The OpenAPI document as committed in ``docs/openapi.json`` (sorted keys, trailing newline)."""
    return json.dumps(create_app(demo_tools=True).openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _bulk_spec(text: str) -> tuple[str, int]:
    email, sep, count = text.rpartition(":")
    if not sep or not email or not count.isdigit():
        raise argparse.ArgumentTypeError(f"expected EMAIL:COUNT, got {text!r}")
    return email, int(count)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.mock_backend", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--write-openapi", metavar="PATH", help="write the OpenAPI document to PATH and exit")
    parser.add_argument(
        "--bulk-history",
        metavar="EMAIL:COUNT",
        type=_bulk_spec,
        action="append",
        default=[],
        help="give a demo member COUNT extra purchase entries at start (repeatable; performance tests)",
    )
    parser.add_argument(
        "--demo-tools",
        action="store_true",
        help="serve the demo outbox (GET /v1/demo/outbox: the codes emailed to join or reset a password); for demos "
        "and tests, never in a real deployment",
    )
    parser.add_argument(
        "--join-limit",
        type=int,
        metavar="N",
        help="sign-ups, password resets and demo members one client address may start per hour (default: the "
        "program's limits); for test servers, where every client is 127.0.0.1",
    )
    parser.add_argument(
        "--count-requests", action="store_true", help="count requests per METHOD and path; read them at GET /_counts"
    )
    parser.add_argument(
        "--faults",
        action="store_true",
        help="tests only: POST /_faults/hang makes every API request wait until POST /_faults/release",
    )
    parser.add_argument(
        "--movable-clock",
        action="store_true",
        help="serve POST /v1/demo/clock, which moves the backend's time forward (browser tests of streaks)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help="keep the state in the SQLite file PATH (created 0600 and seeded when missing): every write is "
        "committed before it is answered, so a restart, even after kill -9, keeps members, Stars and sessions",
    )
    parser.add_argument("--state-file", metavar="PATH", type=Path, help="deprecated: an alias of --db")
    parser.add_argument(
        "--light-password-hashing",
        action="store_true",
        help="load tests of the app only: hash passwords with the test suites' light cost instead of the served "
        "scrypt cost (a crowd of 200 signing in saturated this backend's hashing, not the app being measured)",
    )
    args = parser.parse_args(argv)
    if args.state_file is not None:
        print("--state-file is deprecated; use --db (a SQLite file, not a pickle)", file=sys.stderr)
        args.db = args.db or args.state_file
    if args.write_openapi:
        Path(args.write_openapi).write_text(openapi_text(), encoding="utf-8")
        print(f"wrote {args.write_openapi}")
        return
    import uvicorn

    if args.light_password_hashing:
        from app.mock_backend.passwords import use_light_cost_for_tests

        use_light_cost_for_tests()
    from app.mock_backend.bulk import seed_bulk_history
    from app.mock_backend.middleware import FaultSwitch, RequestCounter
    from app.mock_backend.persistence import StateFileError, open_store
    from app.mock_backend.seed import build_demo_store
    from app.mock_backend.store import Store

    def fresh() -> Store:
        store = build_demo_store()
        for email, count in args.bulk_history:
            seed_bulk_history(store, email, count)
        return store

    if args.db is not None:
        try:
            store = open_store(args.db, fresh)
        except StateFileError as exc:
            print(f"refusing to start: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
    else:
        store = fresh()
    app = create_app(
        store=store, demo_tools=args.demo_tools, join_limit=args.join_limit, movable_clock=args.movable_clock
    )
    try:
        served: Any = RequestCounter(app) if args.count_requests else app
        if args.faults:
            served = FaultSwitch(served)
        # On SIGTERM uvicorn waits for the requests in flight; an event stream lasts up to ten minutes (a long-poll
        # 40 s), so after SHUTDOWN_GRACE_SECONDS what is left is cancelled: the open apps connect again elsewhere.
        uvicorn.run(served, host=args.host, port=args.port, timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
