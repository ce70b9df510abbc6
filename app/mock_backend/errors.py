"""RFC 9457 problem responses for every failure: refusals, validation, HTTP errors and crashes."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.api.models import BIDI_CONTROLS, Problem, ProblemCode
from app.i18n.languages import Language
from app.mock_backend import texts
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
    status: int,
    code: ProblemCode,
    detail: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    *,
    params: Mapping[str, object] | None = None,
    language: Language | None = None,
) -> JSONResponse:
    """A problem+json answer; ``title`` and ``detail`` (an English template filled from ``params``) are written in
    ``language``, by default the request's (``texts.detail``); ``code`` and ``field`` never change with it."""
    said = language or texts.language()
    title = texts.detail(_TITLES.get(status, "Error"), code=said)
    body = Problem(title=title, status=status, detail=texts.detail(detail, params, said), code=code, field=field)
    if language is not None:
        headers = {**(headers or {}), "Content-Language": language}
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
    """What is wrong with a field, in the request's language.

    Pydantic's own messages are English sentences with the limits in them; the kinds a member can meet have a
    template in ``_KNOWN`` (and its Spanish in ``texts.REFUSALS_ES``), as do the contract's own validators' messages.
    Any other kind keeps Pydantic's words in English and reads "Valor no válido." in Spanish: never English in a
    Spanish answer.
    """
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    known = _KNOWN.get(kind)
    if known is not None and all(isinstance(ctx.get(name), int | float) for name in known[1]):
        return texts.detail(known[0], {name: ctx[name] for name in known[1]})
    message = str(error.get("msg", "Invalid value.")).removeprefix("Value error, ")
    if message in texts.REFUSALS_ES or texts.language() == "en":
        return texts.detail(message) if message in texts.REFUSALS_ES else message
    return texts.detail("Invalid value.")


_KNOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "json_invalid": ("The request body is not valid JSON.", ()),
    "extra_forbidden": ("This field is not allowed.", ()),
    "missing": ("This field is required.", ()),
    "string_too_short": ("Write at least {min_length} characters.", ("min_length",)),
    "string_too_long": ("Write at most {max_length} characters.", ("max_length",)),
    "greater_than_equal": ("Enter a number of at least {ge}.", ("ge",)),
    "less_than_equal": ("Enter a number of at most {le}.", ("le",)),
    "greater_than": ("Enter a number above {gt}.", ("gt",)),
    "less_than": ("Enter a number below {lt}.", ("lt",)),
    "int_parsing": ("Enter a whole number.", ()),
    "int_type": ("Enter a whole number.", ()),
    "int_from_float": ("Enter a whole number.", ()),
    "string_type": ("Enter some text.", ()),
    "bool_type": ("Enter true or false.", ()),
    "bool_parsing": ("Enter true or false.", ()),
    "literal_error": ("Pick one of the allowed values.", ()),
    "enum": ("Pick one of the allowed values.", ()),
    "model_attributes_type": ("Send a JSON object.", ()),
    "dict_type": ("Send a JSON object.", ()),
    "list_type": ("Send a list.", ()),
    "repeated_parameter": ("Give this parameter once.", ()),  # deps.one_value_per_query_parameter
}


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """Every method the request's path answers to, for a 405's `Allow` header.

    Starlette's own `Allow` lists only the methods of the first route whose path matched, so `PATCH /v1/me`
    beside `GET /v1/me` went unmentioned.
    """
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]
    return ", ".join(allowed)


def _is_missing_key(error: dict[str, Any]) -> bool:
    return error.get("type") == "missing" and tuple(error.get("loc", ()))[:2] == ("header", "idempotency-key")


def _printable(text: str) -> str:
    """Text safe to put in a problem (and so in JSON and on a terminal): no lone surrogate, no control character.

    A field name comes from the request itself (an unknown key of a JSON object), so it may hold anything.
    """
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cs", "Cc") or c in BIDI_CONTROLS else c for c in text
    )


def install_error_handlers(app: FastAPI) -> None:
    """Make every error a problem+json with a stable ``code``."""

    @app.exception_handler(Refusal)
    async def on_refusal(_: Request, exc: Refusal) -> JSONResponse:
        # A refusal replayed for an Idempotency-Key reads as it was first answered (`exc.language`).
        return problem_response(
            exc.status, exc.code, exc.detail, exc.field, headers=exc.headers, params=exc.params, language=exc.language
        )

    @app.exception_handler(RequestValidationError)
    async def on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors()) or [{"loc": ("body",), "msg": "Invalid request."}]
        if any(_is_missing_key(e) for e in errors):
            # Declared required (so the OpenAPI document says so), and answered as it always was: 400.
            return problem_response(
                400, "idempotency_key_required", "Send an Idempotency-Key header with this request.", "Idempotency-Key"
            )
        first = errors[0]
        # For unparseable JSON the location holds a character offset, not a field.
        field = "body" if first.get("type") == "json_invalid" else _printable(_field_of(first.get("loc", ("body",))))
        return problem_response(
            422, "validation_error", "{field}: {problem}", field, params={"field": field, "problem": _human(first)}
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI answers a bare 400 for a body that is not UTF-8. It is invalid JSON like any other, so it
            # gets the same documented answer as "{": 422 validation_error on the field "body".
            problem = texts.detail("The request body is not valid JSON.")
            params = {"field": "body", "problem": problem}
            return problem_response(422, "validation_error", "{field}: {problem}", "body", params=params)
        status = exc.status_code
        # Starlette's own details are its status phrases ("Not Found"): said as this API's titles are.
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else None
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else _TITLES.get(status, "Error")
        headers = dict(exc.headers or {})
        if status == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(status, _CODES.get(status, "http_error"), detail, headers=headers)

    @app.exception_handler(Exception)
    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return problem_response(500, "internal_error", "Something went wrong on our side. Please try again.")
