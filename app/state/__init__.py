"""The state layer: one `Session` store per browser session, one state object per screen, and their actions.

Views read these objects and call their methods; nothing here imports a view. See docs/app-structure.md.
"""

from app.state.auth import DEMO_EMAIL, DEMO_PASSWORD, SignInForm
from app.state.base import FRESH_FOR_SECONDS, Outcome, ScreenState, attempt
from app.state.gift import GiftState
from app.state.home import HomeState
from app.state.live import LiveUpdates
from app.state.rewards import RewardsState
from app.state.session import Notice, Session
from app.state.storage import DeviceStore, MemoryDeviceStore, PrefsDeviceStore, ThemeMode

__all__ = [
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "FRESH_FOR_SECONDS",
    "DeviceStore",
    "GiftState",
    "HomeState",
    "LiveUpdates",
    "MemoryDeviceStore",
    "Notice",
    "Outcome",
    "PrefsDeviceStore",
    "RewardsState",
    "ScreenState",
    "Session",
    "SignInForm",
    "ThemeMode",
    "attempt",
]
