"""Serve the mock backend over HTTP, or write its OpenAPI document.

python -m app.mock_backend --host 127.0.0.1 --port 8000
python -m app.mock_backend --write-openapi docs/openapi.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.mock_backend.api import create_app


def openapi_text() -> str:
    """The OpenAPI document as committed in ``docs/openapi.json`` (sorted keys, trailing newline)."""
    return json.dumps(create_app().openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.mock_backend", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--write-openapi", metavar="PATH", help="write the OpenAPI document to PATH and exit")
    args = parser.parse_args(argv)
    if args.write_openapi:
        Path(args.write_openapi).write_text(openapi_text(), encoding="utf-8")
        print(f"wrote {args.write_openapi}")
        return
    import uvicorn

    uvicorn.run(create_app(), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
