"""A bare Flet counter page: the floor our real screens are measured against.

Used to verify the browser harness on its own (no backend, no Starboard code) and by the performance
benchmark. Run it with `python -m tests.e2e.bare_app --port 8551`. It listens on 127.0.0.1 only and serves the
Flutter web client from the flet-web wheel (`no_cdn=True`), so it works offline.

Accessible names: button "Add star", text "<N> stars" (starts at "0 stars").
"""

from __future__ import annotations

import argparse

import flet as ft


def main(page: ft.Page) -> None:
    page.title = "Bare counter"
    count = ft.Text("0 stars", size=32)

    async def add_star(_: ft.Event[ft.Button]) -> None:
        count.value = f"{int(count.value.split()[0]) + 1} stars"
        count.update()

    page.add(
        ft.Column(
            [count, ft.Button("Add star", on_click=add_star)],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        )
    )


def run(host: str, port: int) -> None:
    ft.run(main, view=None, host=host, port=port, no_cdn=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8551)
    args = parser.parse_args()
    run(args.host, args.port)
