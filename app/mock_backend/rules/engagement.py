"""Bonuses for engagement: referral, birthday, reviews and the monthly survey."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.timeutil import local_date
from app.mock_backend.texts import Texts

REFERRAL_BONUS = 50
BIRTHDAY_BONUS = 25
REVIEW_BONUS = 10
SURVEY_BONUS = 15
BIRTHDAY_WINDOW_DAYS = 7
BIRTHDAY_RULE = "We add Stars on your birthday (or the week after), once a year."
"""The birthday rule in words: ``birthday_bonus_due`` pays once a calendar year, within ``BIRTHDAY_WINDOW_DAYS``."""
SURVEY_TITLE = Texts(en="Monthly check-in", es="Encuesta del mes")
SURVEY_QUESTIONS: dict[str, tuple[Texts, tuple[Texts, ...]]] = {
    "visit": (
        Texts(en="How was your last visit?", es="¿Qué tal fue tu última visita?"),
        (
            Texts(en="Great", es="Genial"),
            Texts(en="Good", es="Bien"),
            Texts(en="Okay", es="Normal"),
            Texts(en="Poor", es="Mal"),
        ),
    ),
    "speed": (
        Texts(en="How quick was the service?", es="¿Te atendimos rápido?"),
        (Texts(en="Very quick", es="Muy rápido"), Texts(en="Fine", es="Bien"), Texts(en="Slow", es="Lento")),
    ),
    "again": (
        Texts(en="Would you recommend us to a friend?", es="¿Nos recomendarías a un amigo?"),
        (Texts(en="Yes", es="Sí"), Texts(en="Maybe", es="Quizá"), Texts(en="No", es="No")),
    ),
}
"""The monthly survey: question id to (question, allowed answers); an answer may come in any language."""


def referral_bonus_due(referred_by: str | None, purchases_before: int, already_rewarded: bool) -> bool:
    """Both sides earn the referral bonus at the referred member's first purchase, and only then.

    Args:
        referred_by: Who referred the member making a purchase, if anyone.
        purchases_before: How many purchases the member had made before this one.
        already_rewarded: Whether the bonus was already paid for this member.
    """
    return referred_by is not None and purchases_before == 0 and not already_rewarded


def birthday_this_year(birthday: date, year: int) -> date:
    """The birthday in ``year``; 29 February falls on 28 February in other years."""
    try:
        return birthday.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def birthday_bonus_due(birthday: date | None, today: date, years_paid: set[int]) -> bool:
    """The birthday bonus is paid once a year, on the birthday or within the week after it.

    The week of grace means a member who opens the app a few days late still gets it; ``years_paid``
    makes sure it is paid once per calendar year however many times the birthday is edited.

    Args:
        birthday: The member's birthday, if known.
        today: Today in the member's time zone.
        years_paid: Calendar years in which the bonus was already paid.
    """
    if birthday is None or today.year in years_paid:
        return False
    day = birthday_this_year(birthday, today.year)
    return day <= today < day + timedelta(days=BIRTHDAY_WINDOW_DAYS)


def check_review(reviews: list[datetime], now: datetime, time_zone: str) -> None:
    """One paid review per local day.

    Raises:
        Refusal: ``already_reviewed_today`` (409).
    """
    today = local_date(now, time_zone)
    if any(local_date(at, time_zone) == today for at in reviews):
        raise Refusal("already_reviewed_today", "You can review once a day; come back tomorrow.", None, 409)


def survey_id_for(now: datetime) -> str:
    """The monthly survey's id, e.g. ``survey-2025-06``."""
    return f"survey-{now:%Y-%m}"


def check_survey(
    survey_id: str,
    current_id: str,
    answered: set[str],
    answers: dict[str, str],
    questions: dict[str, tuple[str, ...]],
) -> None:
    """Validate survey answers: the current survey, once, every question answered with one of its choices.

    Args:
        survey_id: The survey the member answered.
        current_id: This month's survey.
        answered: Surveys the member already answered.
        answers: Question id to chosen answer.
        questions: Question id to allowed choices.

    Raises:
        Refusal: ``not_found`` (404), ``survey_already_answered`` (409) or ``validation_error`` (422).
    """
    if survey_id != current_id:
        raise Refusal("not_found", "That survey is not open.", "survey_id", 404)
    if survey_id in answered:
        raise Refusal("survey_already_answered", "You have already answered this survey.", None, 409)
    for question_id in answers:
        if question_id not in questions:
            raise Refusal("validation_error", "That question is not in this survey.", f"answers.{question_id}")
    for question_id, choices in questions.items():
        if answers.get(question_id) not in choices:
            raise Refusal("validation_error", "Pick one of the offered answers.", f"answers.{question_id}")
