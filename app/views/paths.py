"""The URLs of the screens outside the signed-in shell (their routes are in `app/views/root.py`). A module of its
own so that any screen can link to them without importing every screen (`app/views/routes.py` does)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

SIGN_IN_PATH = "/signin"
JOIN_PATH = "/join"
RESET_PASSWORD_PATH = "/reset-password"
TOUR_PATH = "/welcome"
"""The first-run tour: a member who just joined lands here; How it works replays it."""
CLAIM_PATH = "/claim"
"""Claim a gift sent before joining (`/claim?code=CODE`); joining from a gift's link (`/join?claim=CODE`) ends here."""


def code_in_route(route: str | None, name: str) -> str:
    """The query parameter `name` of a route such as `/claim?code=AB12`, or ""."""
    values = parse_qs(urlparse(route or "").query).get(name) or [""]
    return values[0].strip()[:40]
