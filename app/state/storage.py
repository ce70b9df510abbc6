"""What the app keeps on the customer's device: the session tokens, the theme and language choices and the last
member card.

`DeviceStore` is the seam: the app uses `PrefsDeviceStore` (Flet's `SharedPreferences`, i.e. the browser's
localStorage on the web, unencrypted: fine for a demo, use the `flet-secure-storage` extension for real secrets);
tests use `MemoryDeviceStore`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal, Protocol

import flet as ft
import pydantic

from app.api.models import MemberCard, Redemption, TokenPair
from app.i18n import Language, is_supported
from app.pwa.device_card import device_card_json

log = logging.getLogger("starboard.state")

ThemeMode = Literal["system", "light", "dark"]
TOKENS_KEY = "starboard.tokens"
THEME_KEY = "starboard.theme"
CARD_KEY = "starboard.card"
LANGUAGE_KEY = "starboard.language"
CODES_KEY = "starboard.codes"
_THEMES: dict[str, ThemeMode] = {"system": "system", "light": "light", "dark": "dark"}


class SavedCodes(pydantic.BaseModel):
    """The member's reward codes as last loaded, kept on the device: a ready code works at the counter offline."""

    saved_at: datetime
    redemptions: list[Redemption]


class DeviceStore(Protocol):
    async def load_tokens(self) -> TokenPair | None: ...

    async def save_tokens(self, tokens: TokenPair | None) -> None: ...

    async def load_theme(self) -> ThemeMode | None: ...

    async def save_theme(self, mode: ThemeMode) -> None: ...

    async def load_language(self) -> Language | None: ...

    async def save_language(self, language: Language) -> None: ...

    async def load_card(self) -> MemberCard | None: ...

    async def save_card(self, card: MemberCard | None) -> None: ...

    async def load_codes(self) -> SavedCodes | None: ...

    async def save_codes(self, codes: SavedCodes | None) -> None: ...


class MemoryDeviceStore:
    """Keeps everything in memory (tests, and a fallback when client storage fails)."""

    def __init__(
        self, tokens: TokenPair | None = None, theme: ThemeMode | None = None, language: Language | None = None
    ) -> None:
        self.tokens = tokens
        self.theme = theme
        self.language = language
        self.card: MemberCard | None = None
        self.codes: SavedCodes | None = None

    async def load_tokens(self) -> TokenPair | None:
        return self.tokens

    async def save_tokens(self, tokens: TokenPair | None) -> None:
        self.tokens = tokens

    async def load_theme(self) -> ThemeMode | None:
        return self.theme

    async def save_theme(self, mode: ThemeMode) -> None:
        self.theme = mode

    async def load_language(self) -> Language | None:
        return self.language

    async def save_language(self, language: Language) -> None:
        self.language = language

    async def load_card(self) -> MemberCard | None:
        return self.card

    async def save_card(self, card: MemberCard | None) -> None:
        self.card = card

    async def load_codes(self) -> SavedCodes | None:
        return self.codes

    async def save_codes(self, codes: SavedCodes | None) -> None:
        self.codes = codes


class PrefsDeviceStore:
    """Client storage through `ft.SharedPreferences` (async `get`/`set`/`remove`; values are str/int/bool/...).

    Create it inside a Flet session (it registers itself with the current page).
    Storage failures are logged and ignored: losing a saved session is better than failing to sign in.
    """

    def __init__(self, prefs: ft.SharedPreferences | None = None) -> None:
        self._prefs = prefs or ft.SharedPreferences()

    async def load_tokens(self) -> TokenPair | None:
        try:
            raw = await self._prefs.get(TOKENS_KEY)
        except Exception:
            log.warning("could not read the saved session", exc_info=True)
            return None
        if not isinstance(raw, str) or not raw:
            return None
        try:
            return TokenPair.model_validate_json(raw)
        except pydantic.ValidationError:
            return None

    async def save_tokens(self, tokens: TokenPair | None) -> None:
        try:
            if tokens is None:
                await self._prefs.remove(TOKENS_KEY)
            else:
                await self._prefs.set(TOKENS_KEY, tokens.model_dump_json())
        except Exception:
            log.warning("could not save the session", exc_info=True)

    async def load_theme(self) -> ThemeMode | None:
        try:
            raw = await self._prefs.get(THEME_KEY)
        except Exception:
            return None
        return _THEMES.get(raw) if isinstance(raw, str) else None

    async def save_theme(self, mode: ThemeMode) -> None:
        try:
            await self._prefs.set(THEME_KEY, mode)
        except Exception:
            log.warning("could not save the theme", exc_info=True)

    async def load_language(self) -> Language | None:
        try:
            raw = await self._prefs.get(LANGUAGE_KEY)
        except Exception:
            return None
        return raw if isinstance(raw, str) and is_supported(raw) else None  # type: ignore[return-value]

    async def save_language(self, language: Language) -> None:
        try:
            await self._prefs.set(LANGUAGE_KEY, language)
        except Exception:
            log.warning("could not save the language", exc_info=True)

    async def load_card(self) -> MemberCard | None:
        """The member card last shown (for the in-store QR code when offline)."""
        try:
            raw = await self._prefs.get(CARD_KEY)
        except Exception:
            return None
        if not isinstance(raw, str) or not raw:
            return None
        try:
            return MemberCard.model_validate_json(raw)
        except pydantic.ValidationError:
            return None

    async def save_card(self, card: MemberCard | None) -> None:
        try:
            if card is None:
                await self._prefs.remove(CARD_KEY)
            else:
                # With its QR code as SVG, for the offline page (assets/pwa/offline.js) to show.
                await self._prefs.set(CARD_KEY, device_card_json(card))
        except Exception:
            log.warning("could not save the member card", exc_info=True)

    async def load_codes(self) -> SavedCodes | None:
        """The reward codes last loaded (My rewards while the API cannot be reached)."""
        try:
            raw = await self._prefs.get(CODES_KEY)
        except Exception:
            return None
        if not isinstance(raw, str) or not raw:
            return None
        try:
            return SavedCodes.model_validate_json(raw)
        except pydantic.ValidationError:
            return None

    async def save_codes(self, codes: SavedCodes | None) -> None:
        try:
            if codes is None:
                await self._prefs.remove(CODES_KEY)
            else:
                await self._prefs.set(CODES_KEY, codes.model_dump_json())
        except Exception:
            log.warning("could not save the reward codes", exc_info=True)
