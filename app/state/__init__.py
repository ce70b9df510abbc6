"""The state layer: one `Session` store per browser session, one state class per screen, and their actions.

Views read these objects and call their methods; nothing here imports a view. See docs/app-structure.md.
"""

from app.state.activity import ActivityState
from app.state.auth import DEMO_EMAIL, DEMO_PASSWORD, SignInForm
from app.state.badges import BadgesState
from app.state.base import FRESH_FOR_SECONDS, Outcome, ScreenContext, ScreenState, attempt
from app.state.card import CardState
from app.state.challenges import ChallengesState
from app.state.earn import EarnState
from app.state.friend_asks import AsksState
from app.state.friend_circle import FriendCircleState
from app.state.friend_thanks import ThanksState
from app.state.friends import FriendsState
from app.state.gift import GiftState
from app.state.home import HomeState
from app.state.language import Speech
from app.state.live import LiveUpdates
from app.state.profile import ProfileState
from app.state.program import ProgramState
from app.state.rewards import RewardsState
from app.state.session import Member, Notice, Session
from app.state.storage import DeviceStore, MemoryDeviceStore, PrefsDeviceStore, ThemeMode

__all__ = [
    "ActivityState",
    "AsksState",
    "BadgesState",
    "CardState",
    "ChallengesState",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "FRESH_FOR_SECONDS",
    "DeviceStore",
    "EarnState",
    "FriendCircleState",
    "FriendsState",
    "GiftState",
    "HomeState",
    "LiveUpdates",
    "Member",
    "MemoryDeviceStore",
    "Notice",
    "Outcome",
    "PrefsDeviceStore",
    "ProfileState",
    "ProgramState",
    "RewardsState",
    "ScreenContext",
    "ScreenState",
    "Session",
    "Speech",
    "SignInForm",
    "ThanksState",
    "ThemeMode",
    "attempt",
]
