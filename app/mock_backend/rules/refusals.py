"""Typed refusals: why a rule said no, with a stable code and the field it is about."""

from __future__ import annotations

from app.api.models import ProblemCode


class Refusal(Exception):
    """A business rule refused a request.

    Attributes:
        code: Stable machine-readable code (e.g. ``gift_limit_exceeded``), one of the contract's ``ProblemCode``s.
        detail: One human sentence explaining the refusal.
        field: The request field the refusal is about, if any.
        status: The HTTP status the API layer should use.
        retry_after: For a 429: seconds until trying again may succeed (sent as ``Retry-After``).
    """

    def __init__(
        self,
        code: ProblemCode,
        detail: str,
        field: str | None = None,
        status: int = 422,
        *,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.field = field
        self.status = status
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"Refusal({self.code!r}, field={self.field!r}, status={self.status})"
