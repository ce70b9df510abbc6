"""Every `ft.Xxx(keyword=...)` in the views and components names a real field of that Flet 1.0.5 control.

A wrong keyword (e.g. `TextField(error_text=...)`: the field is `error`) raises only when the screen renders,
and an exception while rendering stops that browser session's update loop without a trace on screen or in the
log. This check finds such typos without a browser.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import flet as ft
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("app/views/*.py"), *ROOT.glob("app/components/*.py")])


def unknown_keywords(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "ft"):
            continue
        control = getattr(ft, node.func.attr, None)
        if not (isinstance(control, type) and dataclasses.is_dataclass(control)):
            continue
        fields = {f.name for f in dataclasses.fields(control)} | {"ref"}
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno} ft.{node.func.attr}({kw.arg}=...)"
            for kw in node.keywords
            if kw.arg is not None and kw.arg not in fields
        ]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_flet_keyword_exists(path: Path) -> None:
    assert unknown_keywords(path) == []
