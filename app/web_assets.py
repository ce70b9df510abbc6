"""The folder of files served to the browser next to Flet's web client: `assets/`, Starboard's `index.html` (made
from Flet's by app/pwa/web_client.py: title, icons, service worker), plus the emoji font.

Flutter draws every glyph itself. For an emoji (a gift message "Coffee's on me ☕") it falls back to Noto Color Emoji,
which it fetches, in 12 parts, from `fontFallbackBaseUrl`; with `no_cdn=True` that is the app's own
`/assets/fonts/notocoloremoji/v32/<name>.<n>.woff2`. Nothing is there in Flet's package, so offline every emoji
was drawn as an empty box. The system's Noto Color Emoji (Debian: `apt-get install fonts-noto-color-emoji`) holds
every part's glyphs; it is served under each of the 12 names (hard links to one copy, so it costs its size once).
Without that font installed, emoji stay boxes and `python -m app` says how to fix it.

The part names are read from Flet's web client, so a Flet upgrade that changes them needs no edit here.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from app.pwa import web_client as pwa_page

log = logging.getLogger("starboard.assets")

SYSTEM_EMOJI_FONTS = (
    Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
    Path("/usr/share/fonts/noto/NotoColorEmoji.ttf"),
)
INSTALL_HINT = "apt-get install -y fonts-noto-color-emoji"
_PART = re.compile(rb"notocoloremoji/v\d+/[\w.-]+?\.\d+\.woff2")


def emoji_font_parts(web_client: Path) -> list[str]:
    """The emoji font part paths (under `assets/fonts/`) that Flutter's web client asks for."""
    try:
        data = (web_client / "main.dart.js").read_bytes()
    except OSError:
        return []
    return sorted({m.decode() for m in _PART.findall(data)})


def system_emoji_font() -> Path | None:
    return next((p for p in SYSTEM_EMOJI_FONTS if p.is_file()), None)


def _place(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    tmp.replace(target)


def prepare(assets: Path, out: Path, web_client: Path, font: Path | None) -> Path:
    """Fill `out` with `assets`, Starboard's `index.html` and, when `font` is given, the emoji font under every part
    name; returns `out`."""
    out.mkdir(parents=True, exist_ok=True)
    if assets.is_dir():
        shutil.copytree(assets, out, dirs_exist_ok=True)
    try:
        pwa_page.write_index(web_client, out)
    except (OSError, pwa_page.WebClientChanged):
        # Serve Flet's own page rather than none: the app works, without its service worker and title.
        log.warning("could not write Starboard's index.html; serving Flet's", exc_info=True)
        (out / "index.html").unlink(missing_ok=True)
    if font is None:
        return out
    fonts = out / "assets" / "fonts"
    copy = fonts / "NotoColorEmoji.ttf"
    _place(font, copy)  # one copy in the same folder, so that the parts can be hard links to it
    for part in emoji_font_parts(web_client):
        _place(copy, fonts / part)
    return out


def flet_web_client() -> Path:
    import flet_web

    return Path(flet_web.__file__).parent / "web"
