"""`python -m app.pwa.render_icons`: draw the PNG icons in `assets/` from their SVG sources.

The SVGs (`assets/icon.svg`, `assets/icon-maskable.svg`) are the sources; the PNGs are committed, because browsers and
launchers want PNGs and the app must not need a renderer to start. Headless Chromium (the browser the tests already
drive) renders them, so no image library is needed: run this after editing an SVG and commit the PNGs.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from app.config import ASSETS_DIR

RENDERS: dict[str, tuple[str, int]] = {
    # served file (under assets/)      SVG source, size in px
    "icon.png": ("icon.svg", 512),  # `flet build`'s app icon
    "splash.png": ("icon.svg", 512),  # `flet build`'s splash, and the picture shown while the web client loads
    "favicon.png": ("icon.svg", 48),
    "icons/icon-192.png": ("icon.svg", 192),
    "icons/icon-512.png": ("icon.svg", 512),
    "icons/icon-maskable-192.png": ("icon-maskable.svg", 192),
    "icons/icon-maskable-512.png": ("icon-maskable.svg", 512),
    "icons/apple-touch-icon-192.png": ("icon-maskable.svg", 192),  # iOS rounds the corners itself
}


async def render(assets: Path = ASSETS_DIR) -> list[Path]:
    from playwright.async_api import async_playwright

    written: list[Path] = []
    async with async_playwright() as p:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = await p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = await browser.new_page()
        for target, (source, size) in RENDERS.items():
            svg = (assets / source).read_text()
            await page.set_viewport_size({"width": size, "height": size})
            # The SVG scaled to the viewport (its viewBox keeps the drawing), on a transparent page.
            scaled = svg.replace('width="512" height="512"', f'width="{size}" height="{size}"', 1)
            await page.set_content(f"<html><body style='margin:0;background:transparent'>{scaled}</body></html>")
            out = assets / target
            out.parent.mkdir(parents=True, exist_ok=True)
            await page.screenshot(
                path=str(out), omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size}
            )
            written.append(out)
        await browser.close()
    return written


if __name__ == "__main__":
    for path in asyncio.run(render()):
        print(path)
