"""QR codes as images: segno renders the payload to PNG bytes, `ft.Image(src=<bytes>)` shows them."""

from __future__ import annotations

import io
from functools import lru_cache

import flet as ft
import segno


@lru_cache(maxsize=64)
def qr_png(payload: str, scale: int = 8) -> bytes:
    """The payload as a PNG QR code (black on white with a quiet zone, so any scanner reads it in dark mode too)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def QrImage(payload: str, label: str, size: int = 200) -> ft.Control:
    return ft.Container(
        content=ft.Image(src=qr_png(payload), width=size, height=size, semantics_label=label, fit=ft.BoxFit.CONTAIN),
        bgcolor=ft.Colors.WHITE,
        border_radius=12,
        padding=8,
    )
