"""Starboard as an installable web app that opens offline (a PWA).

- `assets/`: the icons, favicon, splash and `manifest.json` ("Starboard"); the service worker
  (`flutter_service_worker.js`) and the offline page with its scripts (`pwa/`). Served next to Flet's web client,
  whose files of the same name they replace.
- `app.pwa.web_client`: the page itself (`index.html`), written at start from Flet's own so that it keeps up
  with Flet: title, theme colour, splash, and the scripts that register the worker and keep the page offline.
- `app.pwa.device_card`: the member card as kept on the device, with its QR code as SVG for the offline page.
- `python -m app.pwa.render_icons`: redraws the PNG icons from their SVG sources.
"""
