"""Engagement that earns Stars: reviews (once a day) and the monthly survey (once per survey)."""

from __future__ import annotations

from datetime import datetime

from app.api.models import EntryKind
from app.i18n.languages import SUPPORTED
from app.mock_backend.records import Entry, Member
from app.mock_backend.rules.engagement import (
    REVIEW_BONUS,
    SURVEY_BONUS,
    SURVEY_QUESTIONS,
    check_review,
    check_survey,
    survey_id_for,
)
from app.mock_backend.store import Store
from app.mock_backend.texts import Said, Stars, say


def write_review(store: Store, member: Member, subject: str, at: datetime) -> Entry:
    """Pay the review bonus, once per local day.

    Raises:
        Refusal: ``already_reviewed_today`` (409).
    """
    with store.lock:
        check_review(member.history.reviews, at, member.time_zone)
        member.history.reviews.append(at)
        reason = say("review_reason", subject=subject)
        return _bonus(store, member, "review", REVIEW_BONUS, reason, say("review_thanks"), at)


def answer_survey(store: Store, member: Member, survey_id: str, answers: dict[str, str], at: datetime) -> Entry:
    """Pay the survey bonus once per monthly survey.

    Raises:
        Refusal: see ``rules.engagement.check_survey``.
    """
    with store.lock:
        # The member answers with a choice as the survey showed it, in whichever language they read it.
        questions = {qid: tuple(c.get(lang) for c in choices for lang in SUPPORTED) for qid, (_, choices) in
                     SURVEY_QUESTIONS.items()}
        check_survey(survey_id, survey_id_for(at), member.surveys, answers, questions)
        member.surveys.add(survey_id)
        return _bonus(store, member, "survey", SURVEY_BONUS, say("survey_reason"), say("survey_thanks"), at)


def _bonus(
    store: Store, member: Member, kind: EntryKind, stars: int, reason: Said, thanks: Said, at: datetime
) -> Entry:
    """Credit an engagement bonus, tell the member (an event saying ``thanks``) and settle."""
    entry = store.credit(member, kind, stars, reason, at)
    store.add_event(member, "stars_earned", say("plus_stars", stars=Stars(stars)), thanks, at, stars)
    store.settle(member, at)
    return entry
