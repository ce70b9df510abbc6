"""The installable, offline-capable web app (app/pwa/, assets/): the page, the manifest and icons, and the member
card as kept on the device for the offline page."""

from __future__ import annotations

import json
import re
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest
import segno

from app import web_assets
from app.api.models import MemberCard
from app.config import ASSETS_DIR
from app.pwa import web_client
from app.pwa.device_card import QR_SVG_FIELD, device_card_json, qr_svg
from app.state.storage import CARD_KEY, PrefsDeviceStore

FLET_CLIENT = web_assets.flet_web_client()
CARD = MemberCard(
    member_number="6830166131860913",
    name="Ada Lovelace",
    tier="Gold",
    qr_payload="starboard:member:6830166131860913:202612011032",
    balance=189,
    as_of=datetime(2026, 12, 1, 10, 32, tzinfo=UTC),
)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# ---------------------------------------------------------------- the page


def test_the_page_is_starboards_and_keeps_flets_settings() -> None:
    version = web_client.service_worker_version(FLET_CLIENT)
    page = web_client.index_html((FLET_CLIENT / "index.html").read_text(), version)

    assert re.search(r"<title>Starboard</title>", page)
    assert '<meta name="apple-mobile-web-app-title" content="Starboard">' in page
    assert '<meta name="theme-color" content="#00695C">' in page
    assert 'src="splash.png"' in page and "loading-animation" not in page
    assert "<!-- fletAppConfig -->" in page and "flutter_bootstrap.js" in page  # Flet still fills in its settings
    # The guard runs before any script of Flet's; the worker is registered under Flet's own worker URL.
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts[:2] == ['<script src="pwa/no-cdn.js">', '<script src="pwa/recover.js">']
    assert f'<script src="pwa/register.js" data-sw-version="{version}" defer></script>' in page
    assert '<script src="pwa/a11y.js" defer></script>' in page
    assert f'serviceWorkerVersion: "{version}"' in (FLET_CLIENT / "flutter_bootstrap.js").read_text()


def test_a_flet_page_that_changed_shape_is_reported_not_half_patched() -> None:
    with pytest.raises(web_client.WebClientChanged):
        web_client.index_html("<html><head></head><body></body></html>", "1")


def test_prepare_serves_starboards_page_manifest_and_worker_over_flets(tmp_path: Path) -> None:
    out = web_assets.prepare(ASSETS_DIR, tmp_path / "served", FLET_CLIENT, None)

    assert "<title>Starboard</title>" in (out / "index.html").read_text()
    assert json.loads((out / "manifest.json").read_text())["name"] == "Starboard"
    worker = (out / "flutter_service_worker.js").read_text()
    assert "pwa/offline.html" in worker and "registration.unregister" not in worker  # not Flet's self-removing one
    for name in ("offline.html", "offline.css", "offline.js", "register.js", "no-cdn.js", "a11y.js", "recover.js"):
        assert (out / "pwa" / name).is_file(), name


def test_the_offline_page_runs_no_inline_script_or_style() -> None:
    """A Content-Security-Policy with script-src 'self' (no 'unsafe-inline') must not break it."""
    page = (ASSETS_DIR / "pwa" / "offline.html").read_text()
    assert all(re.search(r'\bsrc="pwa/[\w-]+\.js"', tag) for tag in re.findall(r"<script\b[^>]*>", page))
    assert "<style" not in page and " style=" not in page and not re.search(r"\son\w+=", page)
    for name in ("offline.js", "register.js", "no-cdn.js", "recover.js", "../flutter_service_worker.js"):
        script = (ASSETS_DIR / "pwa" / name).read_text()
        assert "http://" not in script.replace("http://www.w3.org/2000/svg", "") and "eval(" not in script, name


# ---------------------------------------------------------------- manifest and icons


def test_the_manifest_names_starboard_with_its_icons() -> None:
    manifest = json.loads((ASSETS_DIR / "manifest.json").read_text())

    assert manifest["name"] == manifest["short_name"] == "Starboard"
    assert manifest["theme_color"] == web_client.THEME_COLOR
    assert manifest["display"] == "standalone"
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}
    for (sizes, _), src in icons.items():
        width, height = (int(n) for n in sizes.split("x"))
        assert _png_size(ASSETS_DIR / src) == (width, height), src


@pytest.mark.parametrize(
    ("name", "size"),
    [("icon.png", 512), ("splash.png", 512), ("favicon.png", 48), ("icons/apple-touch-icon-192.png", 192)],
)
def test_the_app_icon_favicon_and_splash_are_in_assets(name: str, size: int) -> None:
    assert _png_size(ASSETS_DIR / name) == (size, size)


# ---------------------------------------------------------------- the card kept on the device


def _dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules drawn by segno's SVG path (horizontal strokes: `M x y.5 h n m dx dy ...`)."""
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg)
    assert path, svg
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path.group(1)):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            length = values[0] if command == "h" else values[0] - x
            dark.update((int(x + i), int(y)) for i in range(int(length)))
            x += length
    return dark


def test_the_kept_qr_code_is_the_cards_payload() -> None:
    svg = qr_svg(CARD.qr_payload)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    assert "<script" not in svg and "width=" not in svg
    expected = segno.make(CARD.qr_payload, error="m")
    border = 4
    matrix = {
        (x + border, y + border) for y, row in enumerate(expected.matrix) for x, module in enumerate(row) if module
    }
    assert _dark_modules(svg) == matrix


class _Prefs:
    """Flet's SharedPreferences as the app uses it (async get/set/remove of JSON-able values)."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    async def get(self, key: str) -> object:
        return self.values.get(key)

    async def set(self, key: str, value: object) -> bool:
        self.values[key] = value
        return True

    async def remove(self, key: str) -> bool:
        self.values.pop(key, None)
        return True


async def test_the_saved_card_carries_its_qr_code_and_loads_back() -> None:
    prefs = _Prefs()
    store = PrefsDeviceStore(prefs)  # type: ignore[arg-type]

    await store.save_card(CARD)

    saved = json.loads(str(prefs.values[CARD_KEY]))
    assert saved[QR_SVG_FIELD] == qr_svg(CARD.qr_payload)
    assert saved["member_number"] == CARD.member_number and saved["as_of"].startswith("2026-12-01T10:32")
    assert await store.load_card() == CARD
    assert device_card_json(CARD) == prefs.values[CARD_KEY]


async def test_sign_out_removes_the_card_the_offline_page_would_show() -> None:
    prefs = _Prefs()
    store = PrefsDeviceStore(prefs)  # type: ignore[arg-type]
    await store.save_card(CARD)

    await store.save_card(None)

    assert CARD_KEY not in prefs.values
