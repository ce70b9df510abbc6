"""The emoji font is served under every part name Flutter's web client asks for (app/web_assets.py)."""

from __future__ import annotations

from pathlib import Path

from app import web_assets

PARTS = [f"notocoloremoji/v32/Abc-D_e.{n}.woff2" for n in range(3)]


def _web_client(tmp_path: Path) -> Path:
    client = tmp_path / "web"
    client.mkdir(exist_ok=True)
    js = "var x=1;" + ";".join(f'u("{p}")' for p in PARTS) + f';u("{PARTS[0]}")'
    (client / "main.dart.js").write_text(js)
    return client


def test_flet_client_asks_for_the_emoji_font_parts_it_ships_with() -> None:
    parts = web_assets.emoji_font_parts(web_assets.flet_web_client())
    assert parts, "Flet's web client no longer names Noto Color Emoji parts: check app/web_assets.py"
    assert all(p.startswith("notocoloremoji/") and p.endswith(".woff2") for p in parts)


def test_every_part_is_the_font_and_the_app_assets_are_kept(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "icons").mkdir(parents=True)
    (assets / "icons" / "star.svg").write_text("<svg/>")
    font = tmp_path / "NotoColorEmoji.ttf"
    font.write_bytes(b"\x00\x01\x00\x00 font bytes")
    out = tmp_path / "served"

    web_assets.prepare(assets, out, _web_client(tmp_path), font)
    web_assets.prepare(assets, out, _web_client(tmp_path), font)  # a second start reuses what is there

    assert (out / "icons" / "star.svg").read_text() == "<svg/>"
    served = [out / "assets" / "fonts" / p for p in PARTS]
    assert all(p.read_bytes() == font.read_bytes() for p in served)
    assert len({p.stat().st_ino for p in served}) == 1  # hard links: the font's size is paid once


def test_without_the_font_only_the_app_assets_are_served(tmp_path: Path) -> None:
    out = web_assets.prepare(tmp_path / "missing", tmp_path / "served", _web_client(tmp_path), None)
    assert not (out / "assets").exists()
