"""Profile: who the member is (name, tier, member number, friend and referral codes), the birthday, and, with the
embedded mock backend, "Simulate a visit" (a purchase in store) with what it earned."""

from __future__ import annotations

import asyncio
from datetime import date

from app.api.client import new_idempotency_key
from app.api.models import Profile, ProfileUpdate, PurchaseResult
from app.state.base import ScreenState

DEFAULT_VISIT_AMOUNT = "12.50"


def parse_birthday(text: str) -> date | None:
    """`1815-12-10` -> a date; anything else -> None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_amount(text: str) -> float | None:
    try:
        amount = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return amount if amount > 0 else None


class ProfileState(ScreenState):
    shows = frozenset({"profile", "stars"})  # the tier follows the Stars

    profile: Profile | None = None
    birthday_text: str = ""
    saving: bool = False
    birthday_error: str | None = None
    birthday_saved: bool = False
    visit_amount: str = DEFAULT_VISIT_AMOUNT
    visiting: bool = False
    visit_error: str | None = None
    last_visit: PurchaseResult | None = None
    _visit_key: str | None = None
    on_leaderboard: bool = False
    """Shown on friends' leaderboards (the Profile switch; off until the member turns it on)."""
    leaderboard_error: str | None = None
    saving_leaderboard: bool = False

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply_all)

    async def _fetch(self) -> tuple[Profile, bool]:
        profile, board = await asyncio.gather(self._ctx.client.me(), self._ctx.client.leaderboard())
        return profile, board.opted_in

    def _apply_all(self, loaded: tuple[Profile, bool]) -> None:
        profile, self.on_leaderboard = loaded
        self._apply(profile)

    async def set_on_leaderboard(self, on: bool) -> None:
        """Show or hide the member on friends' leaderboards; it takes effect at once."""
        if self.saving_leaderboard:
            return
        call = self._ctx.client.set_leaderboard_opt_in(on)
        board = await self._act("saving_leaderboard", "leaderboard_error", call)
        if board is not None:
            self.on_leaderboard = board.opted_in
            self._ctx.invalidate("leaderboard", but=self)

    def _apply(self, profile: Profile) -> None:
        saved_before = _iso(self.profile.birthday) if self.profile else ""
        self.profile = profile
        self._ctx.member_seen(profile.name)
        # Show the saved birthday unless the member is editing the field (a reload while they type, e.g. after a
        # live update, must not wipe what they typed).
        if self.birthday_text == saved_before and self.birthday_text != _iso(profile.birthday):
            self.birthday_text = _iso(profile.birthday)
            self.texts_set()

    # ------------------------------------------------------------------ birthday

    def set_birthday_text(self, text: str) -> None:
        self.birthday_text = text
        self.birthday_error = None
        self.birthday_saved = False

    def pick_birthday(self, day: date) -> None:
        self.set_birthday_text(day.isoformat())
        self.texts_set()  # chosen in the date picker: the field shows it

    async def save_birthday(self) -> None:
        if self.saving:
            return
        birthday = parse_birthday(self.birthday_text)
        if birthday is None:
            self.birthday_error = self.t._("Enter your birthday as YYYY-MM-DD, e.g. 1990-04-21.")
            return
        update = ProfileUpdate(birthday=birthday)
        profile = await self._act("saving", "birthday_error", self._ctx.client.update_profile(update))
        if profile is None:
            return
        self._apply(profile)
        self.birthday_saved = True

    # ------------------------------------------------------------------ simulate a visit (mock backend)

    def set_visit_amount(self, text: str) -> None:
        if text != self.visit_amount:
            self._visit_key = None  # a different purchase
        self.visit_amount = text
        self.visit_error = None

    async def simulate_visit(self) -> None:
        """Record a purchase in store; one tap is one purchase (a retry after a failure reuses its key)."""
        if self.visiting:
            return
        amount = parse_amount(self.visit_amount)
        if amount is None:
            self.visit_error = self.t._("Enter the amount spent, e.g. 12.50.")
            return
        self._visit_key = self._visit_key or new_idempotency_key()
        visit = self._ctx.client.simulate_purchase(amount, idempotency_key=self._visit_key)
        result = await self._act("visiting", "visit_error", visit)
        if result is None:
            return
        self._visit_key = None
        self.last_visit = result
        self._ctx.set_balance(result.balance_after)  # after every bonus the visit caused: the header agrees
        self._ctx.invalidate("stars", *(["challenges", "badges", "profile"] if result.events else []))
        if result.events:
            await self._ctx.happened(result.events)  # a challenge it completed is celebrated now


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
