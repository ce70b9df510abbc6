"""Typed refusals: why a rule said no, with a stable code and the field it is about."""

from __future__ import annotations

from collections.abc import Mapping

from app.api.models import ProblemCode
from app.i18n.languages import Language


class Refusal(Exception):
    """A business rule refused a request.

    Attributes:
        code: Stable machine-readable code (e.g. ``gift_limit_exceeded``), one of the contract's ``ProblemCode``s.
        detail: One human sentence explaining the refusal: an English template whose ``{fields}`` come from
            ``params``; it is the message's id, answered in the request's language (``texts.detail``, whose
            ``REFUSALS_ES`` holds the Spanish of every template).
        field: The request field the refusal is about, if any.
        status: The HTTP status the API layer should use.
        retry_after: For a 429: seconds until trying again may succeed (sent as ``Retry-After``).
        headers: Headers the answer carries (``Retry-After`` of a 429).
        params: The values of the template's fields (numbers, ``texts.Stars``, ``texts.Texts``, dates ...).
        language: The language it was first answered in, once kept for an idempotent replay (None: the request's).
    """

    def __init__(
        self,
        code: ProblemCode,
        detail: str,
        field: str | None = None,
        status: int = 422,
        *,
        retry_after: int | None = None,
        headers: dict[str, str] | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.field = field
        self.status = status
        self.retry_after = retry_after
        self.headers = dict(headers or {})
        self.params: dict[str, object] = dict(params or {})
        self.language: Language | None = None
        if retry_after is not None:
            self.headers.setdefault("Retry-After", str(retry_after))

    def __repr__(self) -> str:
        return f"Refusal({self.code!r}, field={self.field!r}, status={self.status})"
