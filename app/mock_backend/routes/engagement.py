"""Reviews, the monthly survey and (mock only) simulated purchases."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceIfKeyed, created, problems
from app.mock_backend.services.engagement import answer_survey, write_review
from app.mock_backend.services.wallet import record_purchase

router = APIRouter(prefix="/v1", tags=["engagement"])


@router.post("/me/reviews", **created(models.EarnResult, 401, 409))
def create_review(body: models.ReviewCreate, member: CurrentMember, store: StoreDep) -> models.EarnResult:
    """Review a visit; earns the review bonus once a day."""
    with store.unit_of_work(member):
        return present.earn_result(write_review(store, member, body.subject, store.now()))


@router.get("/me/survey", response_model=models.Survey, responses=problems(401))
def get_survey(member: CurrentMember, store: StoreDep) -> models.Survey:
    """This month's survey and whether the member has answered it."""
    with store.lock:
        return present.survey(member, store.now())


@router.post("/me/survey", **created(models.EarnResult, 401, 404, 409))
def post_survey(body: models.SurveyAnswers, member: CurrentMember, store: StoreDep) -> models.EarnResult:
    """Answer this month's survey; earns the survey bonus once per survey."""
    with store.unit_of_work(member):
        return present.earn_result(answer_survey(store, member, body.survey_id, dict(body.answers), store.now()))


@router.post("/demo/purchases", **created(models.PurchaseResult, 401, 409), tags=["demo"])
def create_purchase(body: models.PurchaseCreate, once: OnceIfKeyed) -> models.PurchaseResult:
    """Mock only: record an in-store purchase for the signed-in member, as a till would."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.PurchaseResult:
        entries, events = len(member.entries), len(member.events)
        entry = record_purchase(store, member, body.amount, body.store, now)
        caused, told = member.entries[entries:], member.events[events:]
        return present.purchase_result(entry, caused, told, store.balance(member, now))

    return once.write("purchases", body, act)
