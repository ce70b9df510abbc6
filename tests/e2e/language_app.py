"""A bare Flet page that greets the browser in its own language: proves `app.i18n.browser` in a real client.

It asks the client for its languages (`browser_language`), sets Flutter's locale, and shows the language code, an
amount of Stars and a date in that language. Run it with `python -m tests.e2e.language_app --port 8552`.
"""

from __future__ import annotations

import argparse
from datetime import date

import flet as ft

from app.i18n import Translator
from app.i18n.browser import browser_language, locale_configuration


async def main(page: ft.Page) -> None:
    language = await browser_language(page)
    t = Translator(language)
    page.title = "Language"
    page.locale_configuration = locale_configuration(language)
    page.add(
        ft.Text(f"language={language}"),
        ft.Text(t.stars(1430)),
        ft.Text(t.date(date(2027, 8, 19))),
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8552)
    args = parser.parse_args()
    ft.run(main, view=None, host=args.host, port=args.port, no_cdn=True)
