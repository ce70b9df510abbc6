"""Sign-in, token refresh and sign-out (joining and password reset: `routes/joining.py`)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import BearerToken, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services import members

router = APIRouter(prefix="/v1", tags=["auth"])


@router.post("/auth/token", response_model=models.TokenPair, responses=problems(401))
def sign_in(body: models.TokenRequest, store: StoreDep) -> models.TokenPair:
    """Exchange email and password for an access token and a refresh token."""
    with store.unit_of_work():
        return present.token_pair(members.sign_in(store, body.email, body.password, store.now()))


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
