"""Entry point for `flet build` ([tool.flet.app] module = "main"): the app in the packaged runtime.

Run from a shell (`python main.py`), it serves the web app exactly like `python -m app`.
"""

import flet as ft
from flet.utils import is_embedded, is_pyodide

from app.__main__ import serve
from app.config import ASSETS_DIR
from app.flet_fixes import apply_all as apply_flet_fixes
from app.ui import main

if __name__ == "__main__":
    if is_embedded() or is_pyodide():
        apply_flet_fixes()
        ft.run(main, assets_dir=str(ASSETS_DIR))
    else:
        serve()
