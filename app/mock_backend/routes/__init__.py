"""HTTP routes, one module per resource."""

from __future__ import annotations

from typing import Any

from app.api.models import Problem


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json errors for ``statuses``.

    Every route can also answer 413 (the body size limit is a middleware in front of all of them) and 422
    (validation), so both are always documented.
    """
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": "Problem details"}
        for status in sorted({*statuses, 413, 422})
    }
