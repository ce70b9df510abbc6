"""RFC 9457 problem responses for every failure: refusals, validation, HTTP errors and crashes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.models import Problem, ProblemCode
from app.mock_backend.rules.refusals import Refusal

log = logging.getLogger("starboard.mock")
PROBLEM_JSON = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
}
_CODES: dict[int, ProblemCode] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    500: "internal_error",
}


def problem_response(
    status: int, code: ProblemCode, detail: str, field: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = Problem(title=_TITLES.get(status, "Error"), status=status, detail=detail, code=code, field=field)
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer", **(headers or {})}
    return JSONResponse(body.model_dump(mode="json"), status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        # A bare "body" means the body as a whole (not JSON, not an object); headers keep their real name.
        where, parts = parts[0], parts[1:]
        if where == "header" and parts:
            parts = ["-".join(w.capitalize() for w in parts[0].replace("_", "-").split("-"))]
        if not parts:
            return where
    return ".".join(parts)


def _human(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "extra_forbidden":
        return "This field is not allowed."
    if kind == "missing":
        return "This field is required."
    return str(error.get("msg", "Invalid value.")).removeprefix("Value error, ")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error a problem+json with a stable ``code``."""

    @app.exception_handler(Refusal)
    async def on_refusal(_: Request, exc: Refusal) -> JSONResponse:
        retry_after = getattr(exc, "retry_after", None)  # a throttled request says how long to wait
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        return problem_response(exc.status, exc.code, exc.detail, exc.field, headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors()) or [{"loc": ("body",), "msg": "Invalid request."}]
        first = errors[0]
        # For unparseable JSON the location holds a character offset, not a field.
        field = "body" if first.get("type") == "json_invalid" else _field_of(first.get("loc", ("body",)))
        return problem_response(422, "validation_error", f"{field}: {_human(first)}", field)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI answers a bare 400 for a body that is not UTF-8. It is invalid JSON like any other, so it
            # gets the same documented answer as "{": 422 validation_error on the field "body".
            return problem_response(422, "validation_error", "body: The request body is not valid JSON.", "body")
        status = exc.status_code
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(status, "Error")
        return problem_response(status, _CODES.get(status, "http_error"), detail, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return problem_response(500, "internal_error", "Something went wrong on our side. Please try again.")
