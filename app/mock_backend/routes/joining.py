"""Joining (confirmed by an emailed code), password reset, demo members of one's own and the demo outbox.

`POST /v1/members` answers 202 with the same body for a new email and for one that already has an account: the
mailbox's owner gets the code (or a note that they already have an account), so the API never tells a stranger
whether an email is taken. Sign-ups, password resets and demo members are throttled per client address (429 with
`Retry-After`); codes sent to one email are throttled too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import StoreDep
from app.mock_backend.routes import created, problems
from app.mock_backend.services import joining

router = APIRouter(prefix="/v1", tags=["auth"])
demo_router = APIRouter(prefix="/v1", tags=["demo"])
"""Demo mode only (the embedded mock, or `python -m app.mock_backend --demo-tools`): never in a real deployment."""


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/members", response_model=models.SignupStarted, status_code=202, responses=problems(429))
def sign_up(body: models.SignupRequest, request: Request, store: StoreDep) -> models.SignupStarted:
    """Start joining: a 6-digit code goes to the email (confirm it with `POST /v1/members/verify`).

    The answer is the same whether or not the email already has an account (its owner is emailed a note instead).
    """
    expires_in = joining.start_sign_up(
        store,
        email=body.email,
        password=body.password,
        name=body.name,
        referral_code=body.referral_code,
        birthday=body.birthday,
        address=client_address(request),
        at=store.now(),
    )
    return present.signup_started(body.email, expires_in)


@router.post("/members/verify", **created(models.TokenPair))
def verify_sign_up(body: models.SignupVerify, store: StoreDep) -> models.TokenPair:
    """Finish joining with the emailed code: the member is created (with the welcome bonus) and signed in."""
    return present.token_pair(joining.verify_sign_up(store, body.email, body.code, store.now()))


@router.post(
    "/auth/password-reset", response_model=models.PasswordResetStarted, status_code=202, responses=problems(429)
)
def request_password_reset(
    body: models.PasswordResetRequest, request: Request, store: StoreDep
) -> models.PasswordResetStarted:
    """Email a reset code if the email has an account; the answer is the same either way."""
    expires_in = joining.request_password_reset(store, body.email, client_address(request), store.now())
    return present.reset_started(body.email, expires_in)


@router.post("/auth/password-reset/confirm", status_code=204, response_class=Response, responses=problems())
def confirm_password_reset(body: models.PasswordResetConfirm, store: StoreDep) -> Response:
    """Choose a new password with the emailed code. Every session of the member is signed out."""
    joining.confirm_password_reset(store, body.email, body.code, body.new_password, store.now())
    return Response(status_code=204)


@router.post("/demo/members", **created(models.TokenPair, 429), tags=["demo"])
def create_demo_member(request: Request, store: StoreDep) -> models.TokenPair:
    """For "Try the demo": a fresh member of one's own with a copy of the demo story, signed in."""
    return present.token_pair(joining.create_demo_member(store, client_address(request), store.now()))


@demo_router.get("/demo/outbox", response_model=list[models.OutboxMessage], responses=problems())
def get_outbox(
    store: StoreDep, to: Annotated[str, Query(min_length=3, max_length=254, description="An email address")]
) -> list[models.OutboxMessage]:
    """Demo mode only: the emails "sent" to an address (codes to join or to reset a password), newest first."""
    return [present.outbox_message(m) for m in joining.outbox(store, to)]
