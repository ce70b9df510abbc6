"""Ways to earn: the program's earn rules, writing a review, the monthly survey and the referral code.

Each way to earn is credited by the API, once: a second review the same day or a second answer to the same survey
is refused by the API, and its sentence is shown next to the form it belongs to.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app.api.models import EarnResult, Profile, Program, Referral, ReviewCreate, Survey, SurveyAnswers
from app.state.base import Clock, ScreenState, attempt

if TYPE_CHECKING:
    from app.state.session import Session

Loaded = tuple[Program, Survey, Referral, Profile]


class EarnState(ScreenState):
    def __init__(self, session: Session, clock: Clock) -> None:
        super().__init__(clock)
        self._session = session
        self.program: Program | None = None
        self.survey: Survey | None = None
        self.referral: Referral | None = None
        self.profile: Profile | None = None
        self._clear_forms()

    def _clear_forms(self) -> None:
        self.rating = 0
        self.review_text = ""
        self.posting_review = False
        self.review_error: str | None = None
        self.review_result: EarnResult | None = None
        self.answers: dict[str, str] = {}
        self.submitting_survey = False
        self.survey_error: str | None = None
        self.survey_result: EarnResult | None = None
        self.copied = False

    def reset(self) -> None:
        super().reset()
        self.program = self.survey = self.referral = self.profile = None
        self._clear_forms()

    async def refresh(self) -> None:
        await self._load(self._fetch, self._apply)

    async def _fetch(self) -> Loaded:
        client = self._session.client
        program, survey, referral, profile = await asyncio.gather(
            client.program(), client.survey(), client.referral(), client.me()
        )
        return program, survey, referral, profile

    def _apply(self, loaded: Loaded) -> None:
        self.program, self.survey, self.referral, self.profile = loaded

    @property
    def earn_rate(self) -> float | None:
        """The member's tier's earn multiplier, as the program states it."""
        if self.program is None or self.profile is None:
            return None
        tier = next((t for t in self.program.tiers if t.name == self.profile.tier), None)
        return tier.earn_multiplier if tier is not None else None

    # ------------------------------------------------------------------ review

    def set_rating(self, rating: int) -> None:
        self.rating = rating
        self.review_error = None

    def set_review_text(self, text: str) -> None:
        self.review_text = text
        self.review_error = None

    async def post_review(self) -> None:
        if self.posting_review:
            return
        rules = self.program.review_rules if self.program else None
        if rules and not rules.min_rating <= self.rating <= rules.max_rating:
            self.review_error = f"Choose a rating from {rules.min_rating} to {rules.max_rating} stars."
            return
        if rules and len(self.review_text.strip()) < rules.min_chars:
            self.review_error = f"Write at least {rules.min_chars} characters about your visit."
            return
        self.posting_review = True
        self.review_error = None
        self.review_result = None
        try:
            outcome = await attempt(
                self._session.client.write_review(ReviewCreate(rating=self.rating, text=self.review_text))
            )
        finally:
            self.posting_review = False
        if not outcome.ok or outcome.value is None:
            self.review_error = outcome.error
            return
        self.review_result = outcome.value
        self.rating, self.review_text = 0, ""
        self.texts_set()
        self._credited(outcome.value)

    # ------------------------------------------------------------------ survey

    def answer(self, question_id: str, choice: str) -> None:
        self.answers = {**self.answers, question_id: choice}
        self.survey_error = None

    async def submit_survey(self) -> None:
        survey = self.survey
        if self.submitting_survey or survey is None:
            return
        missing = [q for q in survey.questions if q.id not in self.answers]
        if missing:
            self.survey_error = f"Please answer: {missing[0].text}"
            return
        self.submitting_survey = True
        self.survey_error = None
        self.survey_result = None
        try:
            outcome = await attempt(
                self._session.client.answer_survey(SurveyAnswers(survey_id=survey.id, answers=self.answers))
            )
        finally:
            self.submitting_survey = False
        if not outcome.ok or outcome.value is None:
            self.survey_error = outcome.error
            return
        self.survey_result = outcome.value
        self._credited(outcome.value)

    # ------------------------------------------------------------------ referral

    def referral_copied(self) -> None:
        """The referral code went to the clipboard (the button copies it on the device itself)."""
        self.copied = True
        self._session.notify_customer("Referral code copied.")

    def _credited(self, result: EarnResult) -> None:
        self._session.set_balance(result.balance_after)
        self._session.balance_changed()
