"""How it works: the program's rules as the API states them (`client.program()`): tiers, expiry, gifts, rewards."""

from __future__ import annotations

from app.api.models import Program
from app.state.base import ScreenState

PROGRAM_FRESH_FOR_SECONDS = 3600.0
"""The rules change rarely: a visit within the hour shows what was loaded."""


class ProgramState(ScreenState):
    fresh_for = PROGRAM_FRESH_FOR_SECONDS
    members_data = False

    program: Program | None = None

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.program, self._apply)

    def _apply(self, program: Program) -> None:
        self.program = program
