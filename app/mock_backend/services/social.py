"""Friends (added by friend code), challenges, reviews and the monthly survey."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.rules.challenges import check_join
from app.mock_backend.rules.engagement import (
    REVIEW_BONUS,
    SURVEY_BONUS,
    check_review,
    check_survey,
    survey_id_for,
)
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.state import Entry, Member, Participation
from app.mock_backend.store import Store

SURVEY_QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "visit": ("How was your last visit?", ("Great", "Good", "Okay", "Poor")),
    "speed": ("How quick was the service?", ("Very quick", "Fine", "Slow")),
    "again": ("Would you recommend us to a friend?", ("Yes", "Maybe", "No")),
}


def add_friend(store: Store, member: Member, friend_code: str, at: datetime) -> Member:
    """Become friends (both ways) with the member who owns ``friend_code``.

    Raises:
        Refusal: ``unknown_friend_code`` (404), ``cannot_friend_self`` (422), ``already_friends`` (409).
    """
    with store.lock:
        other = store.member_by_code("friend_code", friend_code)
        if other is None:
            raise Refusal("unknown_friend_code", "No member has that friend code.", "friend_code", 404)
        if other.id == member.id:
            raise Refusal("cannot_friend_self", "That is your own friend code.", "friend_code", 422)
        if other.id in member.friends:
            raise Refusal("already_friends", f"You and {other.name} are already friends.", "friend_code", 409)
        store.maintain(other, at)
        member.friends.append(other.id)
        other.friends.append(member.id)
        member.changed_at = other.changed_at = at
        return other


def join_challenge(store: Store, member: Member, challenge_id: str, at: datetime) -> None:
    """Opt in to a challenge; only what happens from now on counts.

    Raises:
        Refusal: ``not_found`` (404), ``already_joined`` or ``challenge_closed`` (409).
    """
    with store.lock:
        challenge = store.challenges.get(challenge_id)
        if challenge is None:
            raise Refusal("not_found", "There is no such challenge.", None, 404)
        part = member.challenges.get(challenge_id)
        check_join(challenge, part.joined_at if part else None, at)
        member.challenges[challenge_id] = Participation(at)
        member.changed_at = at
        store.settle(member, at)


def write_review(store: Store, member: Member, subject: str, at: datetime) -> Entry:
    """Pay the review bonus, once per local day.

    Raises:
        Refusal: ``already_reviewed_today`` (409).
    """
    with store.lock:
        check_review(member.history.reviews, at, member.time_zone)
        member.history.reviews.append(at)
        entry = store.credit(member, "review", REVIEW_BONUS, f"Thanks for reviewing: {subject}", at)
        store.add_event(member, "stars_earned", f"+{REVIEW_BONUS} Stars", "Thanks for your review.", at, REVIEW_BONUS)
        store.settle(member, at)
        return entry


def answer_survey(store: Store, member: Member, survey_id: str, answers: dict[str, str], at: datetime) -> Entry:
    """Pay the survey bonus once per monthly survey.

    Raises:
        Refusal: see ``rules.engagement.check_survey``.
    """
    with store.lock:
        questions = {qid: choices for qid, (_, choices) in SURVEY_QUESTIONS.items()}
        check_survey(survey_id, survey_id_for(at), member.surveys, answers, questions)
        member.surveys.add(survey_id)
        entry = store.credit(member, "survey", SURVEY_BONUS, "Thanks for answering the monthly survey", at)
        store.add_event(member, "stars_earned", f"+{SURVEY_BONUS} Stars", "Thanks for the survey.", at, SURVEY_BONUS)
        store.settle(member, at)
        return entry
