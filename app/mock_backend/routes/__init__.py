"""HTTP routes, one module per resource."""

from __future__ import annotations

from typing import Any

from app.api.models import Problem


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json errors for ``statuses``."""
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": "Problem details"}
        for status in (*statuses, 422)
    }
