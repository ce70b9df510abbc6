"""A bare Flet page with one of each case the layout test must tell apart (its self-test, test_layout_long_texts).

In the pseudo-locale: a text that fits; a text in a Row that runs off the window; a text whose closing bracket was
cut; an English text written by hand; and texts that legitimately stay as they are (a name from the API, a code).
Run it with `python -m tests.e2e.long_texts_app --port 8553`.
"""

from __future__ import annotations

import argparse

import flet as ft

from app.i18n.pseudo import PseudoTranslator

FITS = "Send Stars"
RUNS_OFF = "A text far too long for one line of a phone held upright"
CUT = "Redeem now"
BY_HAND = "Written by hand"
API_TEXT = "Extra shot"
CODE = "STAR-7K2P"


def main(page: ft.Page) -> None:
    t = PseudoTranslator()
    page.title = "Long texts"
    page.add(
        ft.Text(t._(FITS)),
        ft.Row([ft.Icon(ft.Icons.STAR), ft.Text(t._(RUNS_OFF), no_wrap=True)]),
        ft.Text(t._(CUT)[:8]),
        ft.Text(BY_HAND),
        ft.Text(API_TEXT),
        ft.Text(CODE),
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8553)
    args = parser.parse_args()
    ft.run(main, view=None, host=args.host, port=args.port, no_cdn=True)
