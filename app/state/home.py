"""Home: the member's summary (balance, tier, next reward, expiring Stars, challenges, badges, offers).

One API round trip (`client.summary()`, revalidated with its ETag by the client) loads the whole screen.
A visit within `FRESH_FOR_SECONDS` of the last load shows what is there without asking again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.api.client import new_idempotency_key
from app.api.models import GamePlay, Summary
from app.i18n import Translator
from app.state.base import ScreenState


def offer_ends(ends_at: datetime, t: Translator, now: datetime | None = None) -> str:
    """How long an offer still runs, in words: `Ends in 5 hours`, `Ends within the hour`, `Until Fri 27 Nov`."""
    now = now or datetime.now(UTC)
    seconds = (ends_at - now).total_seconds()
    if seconds <= 0:
        return t.p_("offer", "Ended")
    if seconds < 3600:
        return t._("Ends within the hour")
    if seconds < 24 * 3600:
        hours = int(seconds // 3600)
        return t.n_("Ends in {n} hour", "Ends in {n} hours", hours)
    # Translators: an offer's last day, e.g. "Until Fri 27 Nov"; {day} is already in your language.
    return t._("Until {day}", day=t.weekday_date(ends_at))


class HomeState(ScreenState):
    shows = frozenset({"stars", "challenges", "badges", "profile", "offers", "goal"})
    shows_refreshing = True

    summary: Summary | None = None
    playing: bool = False
    game_error: str | None = None
    game_play: GamePlay | None = None
    """Today's play, once the card is played in this session or the summary says it was."""
    _game_key: str | None = None

    async def refresh(self) -> bool:
        """Load now (the Refresh and Retry buttons, and live updates after Stars moved)."""
        return await self._load(self._ctx.client.summary, self._apply)

    def _apply(self, summary: Summary) -> None:
        self.summary = summary
        game = summary.daily_game
        self.game_play = game.play if game is not None and game.play is not None else None
        self._ctx.member_seen(summary.name)
        self._ctx.set_balance(summary.balance)
        self._ctx.set_inbox_unread(summary.inbox_unread)

    async def play_game(self) -> None:
        """Play today's card. One key per intent, kept until answered: a double tap while the play is on its way
        adds nothing, a retry after a lost answer is the same play, and a tap after it was answered gets the same
        day's play back from the API (one play a day)."""
        if self.playing:
            return
        self._game_key = self._game_key or new_idempotency_key()
        play = await self._act(
            "playing", "game_error", self._ctx.client.play_daily_game(idempotency_key=self._game_key)
        )
        if play is None:
            return
        self._game_key = None
        first = self.game_play is None
        self.game_play = play
        if first:
            self._ctx.set_balance(play.balance_after)
            self._ctx.invalidate("stars", but=self)
