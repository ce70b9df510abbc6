"""The Leaderboard section of Friends: this week's Stars earned by friends who chose to show (never balances)."""

from __future__ import annotations

from app.api.models import Leaderboard
from app.state.base import ScreenState


class LeaderboardState(ScreenState):
    shows = frozenset({"leaderboard", "stars", "friends"})

    board: Leaderboard | None = None

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.leaderboard, self._apply)

    def _apply(self, board: Leaderboard) -> None:
        self.board = board
