"""Challenges: open, joined and completed challenges, and joining one.

Progress, rewards and status come from the API; joining asks the API and shows the challenge as it answers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from app.api.models import Challenge
from app.i18n import Translator
from app.state.base import ScreenState, attempt

ChallengeSection = Literal["open", "joined", "completed"]
SECTIONS: tuple[ChallengeSection, ...] = ("joined", "open", "completed")


def time_left(ends_at: datetime, t: Translator, now: datetime | None = None) -> str:
    """`3 days left`, `5 hours left`, `Ends soon`, `Ended` (`Quedan 3 días`, ...): how long a challenge still runs."""
    now = now or datetime.now(UTC)
    left = ends_at - now
    seconds = left.total_seconds()
    if seconds <= 0:
        return t.p_("challenge", "Ended")
    if seconds < 3600:
        return t._("Ends soon")
    return t.time_left(left)


class ChallengesState(ScreenState):
    shows = frozenset({"challenges", "stars"})  # a visit counts towards challenges

    challenges: list[Challenge] = []
    joining: str | None = None
    """The id of the challenge being joined (its button shows it)."""
    join_error: tuple[str, str] | None = None
    """(challenge id, sentence) of the last join that failed, shown on that challenge."""

    async def refresh(self) -> bool:
        return await self._load(self._ctx.client.challenges, self._apply)

    def _apply(self, challenges: list[Challenge]) -> None:
        self.challenges = challenges

    def in_section(self, section: ChallengeSection) -> list[Challenge]:
        """The challenges of one section, as the API classed them (expired ones are not shown)."""
        return [c for c in self.challenges if c.status == section]

    async def join(self, challenge: Challenge) -> None:
        """Join an open challenge; on success it moves to the joined section."""
        if self.joining is not None or challenge.status != "open":
            return
        self.joining = challenge.id
        self.join_error = None
        epoch = self._epoch
        try:
            outcome = await attempt(self._ctx.client.join_challenge(challenge.id), self.t)
        finally:
            if self._still_current(epoch):
                self.joining = None
        if not self._still_current(epoch):
            return  # signed out while it was on its way
        if not outcome.ok or outcome.value is None:
            self.join_error = (challenge.id, outcome.error or self.t._("Could not join. Please try again."))
            return
        joined = outcome.value
        self.challenges = [joined if c.id == joined.id else c for c in self.challenges]
        self._ctx.invalidate("challenges", but=self)  # e.g. Home lists the joined challenges
        # Translators: {challenge} is a challenge's title.
        self._ctx.notify_customer(self.t._("You joined {challenge}.", challenge=joined.title))
