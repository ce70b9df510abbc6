"""Serve the mock backend over HTTP, or write its OpenAPI document.

python -m app.mock_backend --host 127.0.0.1 --port 8000
python -m app.mock_backend --write-openapi docs/openapi.json
python -m app.mock_backend --bulk-history linus@example.com:10000 --count-requests   (the performance benchmark)
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from app.mock_backend.api import create_app


def openapi_text() -> str:
    """The OpenAPI document as committed in ``docs/openapi.json`` (sorted keys, trailing newline)."""
    return json.dumps(create_app().openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


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
        "--count-requests", action="store_true", help="count requests per METHOD and path; read them at GET /_counts"
    )
    parser.add_argument(
        "--movable-clock",
        action="store_true",
        help="serve POST /v1/demo/clock, which moves the backend's time forward (browser tests of streaks)",
    )
    parser.add_argument(
        "--state-file",
        metavar="PATH",
        type=Path,
        help="read the state from PATH at start (when it exists) and write it there on stop, so a restart keeps "
        "members, Stars and sessions",
    )
    args = parser.parse_args(argv)
    if args.write_openapi:
        Path(args.write_openapi).write_text(openapi_text(), encoding="utf-8")
        print(f"wrote {args.write_openapi}")
        return
    import uvicorn

    from app.mock_backend.bulk import seed_bulk_history
    from app.mock_backend.middleware import RequestCounter
    from app.mock_backend.persistence import load_store, save_store

    restored = load_store(args.state_file) if args.state_file else None
    app = create_app(store=restored, movable_clock=args.movable_clock)
    if restored is None:
        for email, count in args.bulk_history:
            seed_bulk_history(app.state.store, email, count)
    # uvicorn re-raises SIGTERM/SIGINT after its graceful shutdown; with a Python handler in place that becomes
    # SystemExit here, so the state is saved before the process ends.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        uvicorn.run(RequestCounter(app) if args.count_requests else app, host=args.host, port=args.port)
    except KeyboardInterrupt:
        pass
    finally:
        if args.state_file:
            save_store(app.state.store, args.state_file)


if __name__ == "__main__":
    main()
