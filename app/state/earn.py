"""Ways to earn: the program's earn rules, writing a review, the monthly survey and the referral code.

Each way to earn is credited by the API, once: a second review the same day or a second answer to the same survey
is refused by the API, and its sentence is shown next to the form it belongs to.
"""

from __future__ import annotations

import asyncio

from app.api.models import EarnResult, Profile, Program, Referral, ReviewCreate, ReviewText, Survey, SurveyAnswers
from app.state.base import ScreenState, refused_text
from app.state.sharing import SharesToEarn

EarnData = tuple[Program, Survey, Referral, Profile]


class EarnState(ScreenState, SharesToEarn):
    shows = frozenset({"stars", "profile"})

    program: Program | None = None
    survey: Survey | None = None
    referral: Referral | None = None
    profile: Profile | None = None
    rating: int = 0
    review_text: str = ""
    posting_review: bool = False
    review_error: str | None = None
    review_text_error: str | None = None
    """Why the review's text is refused, shown on the text field itself."""
    review_result: EarnResult | None = None
    answers: dict[str, str] = {}
    submitting_survey: bool = False
    survey_error: str | None = None
    survey_result: EarnResult | None = None
    copied: bool = False

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> EarnData:
        client = self._ctx.client
        program, survey, referral, profile = await asyncio.gather(
            client.program(), client.survey(), client.referral(), client.me()
        )
        return program, survey, referral, profile

    def _apply(self, loaded: EarnData) -> None:
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
        self.review_text_error = None

    async def post_review(self) -> None:
        if self.posting_review:
            return
        rules = self.program.review_rules if self.program else None
        if rules and not rules.min_rating <= self.rating <= rules.max_rating:
            self.review_error = self.t.n_(
                "Choose a rating from {low} to {n} star.",
                "Choose a rating from {low} to {n} stars.",
                rules.max_rating,
                low=rules.min_rating,
            )
            return
        if rules and len(self.review_text.strip()) < rules.min_chars:
            self.review_error = self.t.n_(
                "Write at least {n} character about your visit.",
                "Write at least {n} characters about your visit.",
                rules.min_chars,
            )
            return
        if (why := refused_text(ReviewText, self.review_text)) is not None:
            self.review_text_error = why
            return
        self.review_result = None
        self.review_error = None
        outcome = await self._run("posting_review", self._post_review(self.rating, self.review_text))
        if outcome is None:
            return
        result = outcome.value
        if not outcome.ok or result is None:
            if outcome.field == "text":  # the text itself was refused: say why on the field
                self.review_text_error = outcome.error
            else:
                self.review_error = outcome.error
            return
        self.review_result = result
        self.rating, self.review_text = 0, ""
        self.texts_set()
        self._credited(result)

    async def _post_review(self, rating: int, text: str) -> EarnResult:
        # The request is built inside the attempt: a text the contract refuses becomes a sentence, not a crash.
        return await self._ctx.client.write_review(ReviewCreate(rating=rating, text=text))

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
            # Translators: {question} is the survey's question, as the API wrote it.
            self.survey_error = self.t._("Please answer: {question}", question=missing[0].text)
            return
        self.survey_result = None
        answers = SurveyAnswers(survey_id=survey.id, answers=self.answers)
        result = await self._act("submitting_survey", "survey_error", self._ctx.client.answer_survey(answers))
        if result is None:
            return
        self.survey_result = result
        self._credited(result)

    # ------------------------------------------------------------------ referral

    def referral_copied(self) -> None:
        """The referral code went to the clipboard (the button copies it on the device itself)."""
        self.copied = True
        self._ctx.notify_customer(self.t._("Referral code copied."))

    def _credited(self, result: EarnResult) -> None:
        self._ctx.set_balance(result.balance_after)
        self._ctx.invalidate("stars")
