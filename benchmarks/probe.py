"""Timing and byte counting inside the page: the same probe for the bare counter page and for Starboard.

Times are taken by the page's own clock (`performance.now()`, 0 at navigation start), not by Python, so the
Playwright round trips do not count:

- navigation to interactive: from navigation start to the moment a text first appears in Flutter's semantics
  tree (the accessibility DOM, which the probe switches on itself by clicking its placeholder, as a screen reader
  or the e2e tests do);
- tap to visible result: from the `pointerdown` (or `keydown`) the browser dispatched to the moment the expected
  text appears. A MutationObserver checks on every DOM change, so the resolution is the frame Flutter paints in.

Bytes over the WebSocket are Playwright's `framesent` / `framereceived` payloads, summed per page.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from playwright.async_api import BrowserContext, Locator, Page, WebSocket

_PROBE_JS = r"""
(() => {
  if (window.__bench) return;
  const config = __CONFIG__;
  const B = window.__bench = { input: null, marks: {}, waiters: [], semantics: false, sent: [], received: [] };
  // When each WebSocket message went out and came in, to split a tap's time into client, server and client again.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { B.received.push(performance.now()); });
    }
    send(data) {
      B.sent.push(performance.now());
      return super.send(data);
    }
  };
  addEventListener('pointerdown', () => { B.input = performance.now(); }, true);
  addEventListener('keydown', () => { B.input = performance.now(); }, true);

  // The texts a semantics node offers: its aria-label, and its own text (direct text nodes and <span>s). A heading's
  // node is an <h1>-<h6> element of its own, not a <flt-semantics>.
  function texts(el) {
    const out = [];
    const label = el.getAttribute('aria-label');
    if (label) out.push(label);
    let own = '';
    for (const n of el.childNodes) {
      if (n.nodeType === 3) own += n.nodeValue;
      else if (n.nodeType === 1 && n.tagName === 'SPAN') own += n.textContent;
    }
    if (own.trim()) out.push(own.trim());
    return out;
  }
  B.find = (re) => {
    for (const el of document.querySelectorAll('flt-semantics, h1, h2, h3, h4, h5, h6')) {
      for (const t of texts(el)) if (re.test(t)) return el;
    }
    return null;
  };
  function check() {
    if (!B.semantics) {
      const placeholder = document.querySelector('flt-semantics-placeholder');
      if (placeholder) { B.semantics = true; placeholder.click(); }
    }
    if (!B.waiters.length) return;
    const now = performance.now();
    B.waiters = B.waiters.filter((w) => {
      if (!B.find(w.re)) return true;
      B.marks[w.name] = now;
      return false;
    });
  }
  B.arm = (name, source) => {
    delete B.marks[name];
    B.waiters = B.waiters.filter((w) => w.name !== name);
    B.waiters.push({ name, re: new RegExp(source, 'm') });
    check();
  };
  for (const [name, source] of config.arm) B.arm(name, source);
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'],
  });
})();
"""


def line(text: str) -> str:
    """A pattern matching `text` as a whole line of a semantics node's text or label."""
    return rf"^{re.escape(text)}$"


async def install(context: BrowserContext, arm_on_load: Iterable[tuple[str, str]] = ()) -> None:
    """Add the probe to every page of `context`; `arm_on_load` (name, pattern) pairs are watched from page start."""
    config = json.dumps({"arm": list(arm_on_load)})
    await context.add_init_script(_PROBE_JS.replace("__CONFIG__", config))


async def mark(page: Page, name: str, timeout: float = 60.0) -> float:
    """Wait for the armed `name` to be seen; its time in ms since navigation start."""
    await page.wait_for_function(
        "name => window.__bench && window.__bench.marks[name] !== undefined",
        arg=name,
        polling=25,
        timeout=timeout * 1000,
    )
    return float(await page.evaluate("name => window.__bench.marks[name]", name))


async def arm(page: Page, name: str, pattern: str) -> None:
    await page.evaluate("([name, source]) => window.__bench.arm(name, source)", [name, pattern])


async def shown(page: Page, pattern: str) -> bool:
    """Whether a semantics node shows `pattern` right now."""
    return bool(await page.evaluate("source => !!window.__bench.find(new RegExp(source, 'm'))", pattern))


async def wait_shown(page: Page, pattern: str, timeout: float = 30.0) -> None:
    await page.wait_for_function(
        "source => !!(window.__bench && window.__bench.find(new RegExp(source, 'm')))",
        arg=pattern,
        polling=50,
        timeout=timeout * 1000,
    )


async def wait_gone(page: Page, pattern: str, timeout: float = 30.0) -> None:
    await page.wait_for_function(
        "source => !window.__bench.find(new RegExp(source, 'm'))", arg=pattern, polling=50, timeout=timeout * 1000
    )


@dataclass(frozen=True)
class Timing:
    """One input to its visible result, in ms, split where the WebSocket messages went by."""

    total: float
    before_send: float | None
    """From the input to the first message the client sent (Flutter's gesture handling)."""
    server: float | None
    """From that message to the last one received before the result showed (the Python side, and the wire)."""
    after_receive: float | None
    """From the last message received to the result on screen (Flutter building and painting it)."""


_SPLIT_JS = """([input, seen]) => {
  const B = window.__bench;
  const sent = B.sent.find((t) => t >= input);
  const received = B.received.filter((t) => sent !== undefined && t >= sent && t <= seen);
  const last = received.length ? received[received.length - 1] : undefined;
  return [sent ?? null, last ?? null];
}"""


async def tap(page: Page, target: Locator, result: str, timeout: float = 30.0) -> Timing:
    """Tap the centre of `target`; ms from the pointerdown to the first frame showing `result`."""
    await target.scroll_into_view_if_needed()
    box = await target.bounding_box()
    if box is None:
        raise RuntimeError(f"nothing to tap: {target}")
    await arm(page, "tap", result)
    await page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return await _since_input(page, result, timeout)


async def press(page: Page, key: str, result: str, timeout: float = 30.0) -> Timing:
    """Press `key`; ms from the keydown to the first frame showing `result`."""
    await arm(page, "tap", result)
    await page.keyboard.press(key)
    return await _since_input(page, result, timeout)


async def _since_input(page: Page, result: str, timeout: float) -> Timing:
    seen = await mark(page, "tap", timeout)
    started = await page.evaluate("window.__bench.input")
    if started is None or seen < started:
        raise RuntimeError(f"{result!r} was already on screen before the input")
    sent, received = await page.evaluate(_SPLIT_JS, [started, seen])
    return Timing(
        total=seen - started,
        before_send=sent - started if sent is not None else None,
        server=received - sent if sent is not None and received is not None else None,
        after_receive=seen - received if received is not None else None,
    )


@dataclass
class WsMeter:
    """Bytes over one page's WebSocket(s), both directions, and when the last frame went by."""

    sent: int = 0
    received: int = 0
    frames: int = 0
    last_frame: float = field(default_factory=time.monotonic)

    def attach(self, page: Page) -> WsMeter:
        page.on("websocket", self._on_websocket)
        return self

    def _on_websocket(self, ws: WebSocket) -> None:
        ws.on("framesent", lambda payload: self._count(payload, sent=True))
        ws.on("framereceived", lambda payload: self._count(payload, sent=False))

    def _count(self, payload: str | bytes, *, sent: bool) -> None:
        size = len(payload.encode() if isinstance(payload, str) else payload)
        if sent:
            self.sent += size
        else:
            self.received += size
        self.frames += 1
        self.last_frame = time.monotonic()

    @property
    def total(self) -> int:
        return self.sent + self.received

    async def answered(self, frames_before: int, timeout: float = 5.0) -> None:
        """Wait for the frames that follow `frames_before` (an input sent, and the app's answer) to die down."""
        deadline = time.monotonic() + timeout
        while self.frames <= frames_before and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await self.quiet(0.2, timeout=max(deadline - time.monotonic(), 0.5))

    async def quiet(self, for_seconds: float = 0.5, timeout: float = 5.0) -> None:
        """Wait until no frame has gone by for `for_seconds` (the app finished sending what it had to say)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            idle = time.monotonic() - self.last_frame
            if idle >= for_seconds:
                return
            await asyncio.sleep(for_seconds - idle + 0.01)
