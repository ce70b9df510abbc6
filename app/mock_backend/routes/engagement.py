"""Reviews, the monthly survey and (mock only) simulated purchases."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, OptionalIdempotencyKey, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.rules.engagement import SURVEY_BONUS, survey_id_for
from app.mock_backend.services.idempotency import run_once
from app.mock_backend.services.social import SURVEY_QUESTIONS, answer_survey, write_review
from app.mock_backend.services.wallet import record_purchase

router = APIRouter(prefix="/v1", tags=["engagement"])


@router.post("/me/reviews", response_model=models.EarnResult, status_code=201, responses=problems(401, 409))
def create_review(body: models.ReviewCreate, member: CurrentMember, store: StoreDep) -> models.EarnResult:
    """Review a visit; earns the review bonus once a day."""
    with store.lock:
        entry = write_review(store, member, body.subject, store.now())
        return models.EarnResult(
            stars=entry.stars, balance_after=entry.balance_after, message=f"Thanks! {entry.stars} Stars added."
        )


@router.get("/me/survey", response_model=models.Survey, responses=problems(401))
def get_survey(member: CurrentMember, store: StoreDep) -> models.Survey:
    """This month's survey and whether the member has answered it."""
    with store.lock:
        survey_id = survey_id_for(store.now())
        return models.Survey(
            id=survey_id,
            title="Monthly check-in",
            stars=SURVEY_BONUS,
            questions=[
                models.SurveyQuestion(id=qid, text=text, choices=list(choices))
                for qid, (text, choices) in SURVEY_QUESTIONS.items()
            ],
            answered=survey_id in member.surveys,
        )


@router.post("/me/survey", response_model=models.EarnResult, status_code=201, responses=problems(401, 404, 409))
def post_survey(body: models.SurveyAnswers, member: CurrentMember, store: StoreDep) -> models.EarnResult:
    """Answer this month's survey; earns the survey bonus once per survey."""
    with store.lock:
        entry = answer_survey(store, member, body.survey_id, dict(body.answers), store.now())
        return models.EarnResult(
            stars=entry.stars, balance_after=entry.balance_after, message=f"Thanks! {entry.stars} Stars added."
        )


@router.post(
    "/demo/purchases",
    response_model=models.PurchaseResult,
    status_code=201,
    tags=["demo"],
    responses=problems(401, 409),
)
def create_purchase(
    body: models.PurchaseCreate,
    member: CurrentMember,
    store: StoreDep,
    key: OptionalIdempotencyKey,
    response: Response,
) -> models.PurchaseResult:
    """Mock only: record an in-store purchase for the signed-in member, as a till would."""

    def act() -> models.PurchaseResult:
        entry = record_purchase(store, member, body.amount, body.store, now)
        return models.PurchaseResult(
            stars=entry.stars, balance_after=entry.balance_after, entry=present.activity_entry(entry)
        )

    with store.lock:
        now = store.now()
        if key is None:
            return act()
        result, replayed = run_once(store, member.id, "purchases", key, body.model_dump_json(), now, act)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result
