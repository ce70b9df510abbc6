"""The member card as it is kept on the device: the card's JSON plus its QR code drawn as SVG.

The offline page (assets/pwa/offline.html) shows the kept card when the phone has no connection. It is a static
page with no Python behind it, so the QR code travels with the card, drawn once here with segno (the same encoder
and settings as the app's PNG: error level M, black on white, a 4-module quiet zone) rather than by a second encoder
in JavaScript. Loading the card back (`MemberCard.model_validate_json`) ignores the extra field.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache

import segno

from app.api.models import MemberCard

QR_SVG_FIELD = "qr_svg"


@lru_cache(maxsize=16)
def qr_svg(payload: str) -> str:
    """The payload as a standalone SVG QR code that scales to any size (a viewBox, no width or height)."""
    buffer = io.BytesIO()
    qr = segno.make(payload, error="m")
    qr.save(buffer, kind="svg", border=4, dark="#000000", light="#ffffff", xmldecl=False, svgns=True, omitsize=True)
    return buffer.getvalue().decode()


def device_card_json(card: MemberCard) -> str:
    """What the app saves under `CARD_KEY`: the card's fields and `qr_svg`."""
    data = card.model_dump(mode="json")
    data[QR_SVG_FIELD] = qr_svg(card.qr_payload)
    return json.dumps(data, separators=(",", ":"))
