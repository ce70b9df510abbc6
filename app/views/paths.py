"""The URLs of the screens outside the signed-in shell (their routes are in `app/views/root.py`). A module of its
own so that any screen can link to them without importing every screen (`app/views/routes.py` does)."""

from __future__ import annotations

SIGN_IN_PATH = "/signin"
JOIN_PATH = "/join"
RESET_PASSWORD_PATH = "/reset-password"
TOUR_PATH = "/welcome"
"""The first-run tour: a member who just joined lands here; How it works replays it."""
