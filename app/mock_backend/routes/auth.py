"""Sign-in, token refresh and sign-out (joining and password reset: `routes/joining.py`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import BearerToken, StoreDep
from app.mock_backend.routes import problems, throttled
from app.mock_backend.services import members, signin
from app.mock_backend.services.signin import SignInThrottle

router = APIRouter(prefix="/v1", tags=["auth"])


def sign_in_throttle(request: Request) -> SignInThrottle:
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    return throttle


def client_address(request: Request) -> str:
    """The address the request came from (the throttle counts failed sign-ins per address)."""
    return request.client.host if request.client else "unknown"


@router.post(
    "/auth/token",
    response_model=models.TokenPair,
    responses=throttled(problems(401, 429), "Too many failed attempts (`too_many_attempts`)"),
)
def sign_in(
    body: models.TokenRequest,
    store: StoreDep,
    throttle: Annotated[SignInThrottle, Depends(sign_in_throttle)],
    address: Annotated[str, Depends(client_address)],
) -> models.TokenPair:
    """Exchange email and password for an access token and a refresh token.

    Failed sign-ins are throttled per account, per account and address, and per address: a full window answers
    429 `too_many_attempts` with `Retry-After` (seconds) until its oldest failure is a minute old.
    """
    return present.token_pair(signin.sign_in(store, throttle, body.email, body.password, address, store.now()))


@router.post("/auth/refresh", response_model=models.TokenPair, responses=problems(401))
def refresh(body: models.RefreshRequest, store: StoreDep) -> models.TokenPair:
    """Rotate a refresh token. Reusing a spent one is refused and signs that session out everywhere."""
    with store.unit_of_work():
        return present.token_pair(members.refresh(store, body.refresh_token, store.now()))


@router.post("/auth/logout", status_code=204, response_class=Response, responses=problems(401))
def sign_out(store: StoreDep, token: BearerToken) -> Response:
    """Revoke the access token and every token from the same sign-in."""
    with store.unit_of_work():
        members.sign_out(store, token)
    return Response(status_code=204)
