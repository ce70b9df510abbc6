"""FastAPI dependencies: the store, the signed-in member, the Idempotency-Key and Accept-Language headers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.i18n.languages import Language
from app.mock_backend import texts
from app.mock_backend.records import Member
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.members import authenticate
from app.mock_backend.store import Store

_bearer = HTTPBearer(auto_error=False, description="An access token from POST /v1/auth/token")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def bearer_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise Refusal("unauthorized", "Sign in to continue.", None, 401)
    return credentials.credentials


BearerToken = Annotated[str, Depends(bearer_token)]


def current_member(store: StoreDep, token: BearerToken) -> Member:
    """The signed-in member, maintained (expiry, birthday bonus, tier) and, with ``--db``, committed."""
    with store.unit_of_work():
        return authenticate(store, token, store.now())


CurrentMember = Annotated[Member, Depends(current_member)]


def _check_key(key: str | None, required: bool) -> str | None:
    if key is None:
        if required:
            raise Refusal(
                "idempotency_key_required",
                "Send an Idempotency-Key header with this request.",
                "Idempotency-Key",
                400,
            )
        return None
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise Refusal("validation_error", "Idempotency-Key must be 1 to 255 printable characters.", "Idempotency-Key")
    return key


def required_key(
    idempotency_key: Annotated[str, Header(description="Unique per operation; its outcome is replayed")],
) -> str:
    # Declared required, so the OpenAPI document says so; a missing one is answered 400 `idempotency_key_required`
    # by the validation handler (errors.py), as before.
    key = _check_key(idempotency_key, True)
    assert key is not None
    return key


def optional_key(
    idempotency_key: Annotated[str | None, Header(description="Optional; replays the first outcome")] = None,
) -> str | None:
    return _check_key(idempotency_key, False)


IdempotencyKey = Annotated[str, Depends(required_key)]
OptionalIdempotencyKey = Annotated[str | None, Depends(optional_key)]


async def request_language(
    accept_language: Annotated[
        str | None,
        Header(
            description="The member's language: `en` or `es` (any Accept-Language value is read; an unsupported, "
            "missing or malformed one answers in English). Texts written for members (reward names, rules, activity "
            "reasons, events, a problem's `title` and `detail`) come in it; `Content-Language` says which, and "
            "responses carry `Vary: Accept-Language`."
        ),
    ] = None,
) -> Language:
    """The language a request is answered in, declared on every route (the app's dependency) so the OpenAPI
    document states the header. ``middleware.ContentLanguage`` has already set it for the whole request (error
    handlers included); this is the same choice, made here too so a route can take it as ``RequestLanguage``."""
    chosen = texts.negotiate(accept_language)
    texts.use_language(chosen)
    return chosen


RequestLanguage = Annotated[Language, Depends(request_language)]


async def one_value_per_query_parameter(request: Request) -> None:
    """Refuse a query parameter given twice (`?limit=5&limit=500`) with 422 on it: every parameter of this API is
    one value, and picking one of two (FastAPI takes the last) would let a request mean something else to a proxy
    or a log than to the API. Declared on the app, so it holds for every route."""
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name in seen:
            error = {"type": "repeated_parameter", "loc": ("query", name), "msg": "Give this parameter once."}
            raise RequestValidationError([{**error, "input": request.query_params.getlist(name)}])
        seen.add(name)
