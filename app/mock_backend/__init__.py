"""The offline mock of the Starboard loyalty API.

In-process use::

    from app.mock_backend import create_app, build_demo_store, FrozenClock
    app = create_app()                      # seeded demo data, real clock
    app = create_app(build_demo_store(clock=FrozenClock(t0)))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock")
"""

from app.mock_backend.api import create_app
from app.mock_backend.clock import FrozenClock, utc_now
from app.mock_backend.seed import DEMO_EMAILS, DEMO_PASSWORD, build_demo_store, seed_bulk_history
from app.mock_backend.store import Store

__all__ = [
    "DEMO_EMAILS",
    "DEMO_PASSWORD",
    "FrozenClock",
    "Store",
    "build_demo_store",
    "create_app",
    "seed_bulk_history",
    "utc_now",
]
