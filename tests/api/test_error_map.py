"""The contract's `ProblemCode`s and the client's `ErrorMap` cannot drift apart."""

from __future__ import annotations

from typing import get_args

import pytest

from app.api import errors
from app.api.models import Problem, ProblemCode

CODES = set(get_args(ProblemCode))


def test_every_problem_code_is_mapped_or_left_to_its_status_on_purpose() -> None:
    mapped, by_status = set(errors.ErrorMap.BY_CODE), set(errors.ErrorMap.STATUS_DECIDES)
    assert mapped.isdisjoint(by_status), mapped & by_status
    assert mapped | by_status == CODES, {"unplaced": CODES - mapped - by_status, "unknown": mapped | by_status - CODES}


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_becomes_a_typed_error(code: str) -> None:
    status = 500 if code in ("internal_error", "server_error", "bad_response") else 422
    problem = Problem(title="No", status=status, detail="Why not, in words.", code=code)  # type: ignore[arg-type]
    error = errors.error_from_problem(problem)
    assert isinstance(error, errors.ApiStatusError) and error.code == code
    if code in errors.ErrorMap.BY_CODE:
        assert type(error) is errors.ErrorMap.BY_CODE[code]  # type: ignore[index]


def test_a_problem_code_outside_the_contract_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError):
        Problem(title="No", status=418, detail="No.", code="teapot")  # type: ignore[arg-type]
