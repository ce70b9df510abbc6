"""How it works: the program's rules as the API states them (`client.program()`): tiers, expiry, gifts, rewards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.api.models import Program
from app.state.base import Clock, ScreenState

if TYPE_CHECKING:
    from app.state.session import Session

PROGRAM_FRESH_FOR_SECONDS = 3600.0
"""The rules change rarely: a visit within the hour shows what was loaded."""


class ProgramState(ScreenState):
    def __init__(self, session: Session, clock: Clock) -> None:
        super().__init__(clock)
        self._session = session
        self.program: Program | None = None

    def reset(self) -> None:
        super().reset()
        self.program = None

    async def ensure_loaded(self) -> None:
        if not self.is_fresh(PROGRAM_FRESH_FOR_SECONDS):
            await self.refresh()

    async def refresh(self) -> None:
        await self._load(self._session.client.program, self._apply)

    def _apply(self, program: Program) -> None:
        self.program = program
