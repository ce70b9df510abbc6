"""Schemathesis against the mock backend's own OpenAPI document, in process, with a valid bearer token.

Every operation is fuzzed with data that fits the schema and data that does not: no answer may be a 5xx,
every answer must be documented (status, content type, body schema, headers), and invalid data must be refused.
The coverage phase also leaves out each required header (a missing Idempotency-Key must be refused) and sends
methods the document does not list for a path (405 with an `Allow` header).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config._checks import NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, NegativeDataRejectionConfig
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from app.api.models import EVENTS_MAX_WAIT, EVENTS_STREAM_MAX
from app.mock_backend import FrozenClock, build_demo_store, create_app
from app.mock_backend.seed import ADA
from tests.reliability.figures import Figures
from tests.support.clocks import T0

SECTION = "Hostile input"
EXAMPLES_PER_OPERATION = 40

STORE = build_demo_store(clock=FrozenClock(T0))
APP = create_app(STORE)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
# Unknown query parameters are ignored, as HTTP APIs customarily do (cache busters); not a refusal to test for.
schema.config.generation.update(allow_extra_parameters=False)
# A body over the API's 16 KB limit is refused with 413 before it is read (documented on every route): a refusal of
# invalid data like the others (a fuzzed list of 200 long strings can pass 16 KB).
schema.config.checks.negative_data_rejection = NegativeDataRejectionConfig(
    expected_statuses=[*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"]
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    response_headers_conformance,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
]


def fresh_token() -> str:
    """A new access token for Ada for every case, so a fuzzed sign-out cannot starve the cases after it."""
    ada = STORE.member_by_email(ADA)
    assert ada is not None
    return STORE.tokens.issue(ada.id, STORE.now()).access_token


def shorten(case: schemathesis.Case, name: str, valid_up_to: float, default: float | None) -> None:
    """A valid number of seconds in the query (as a number, or as the string the coverage phase sends) becomes 0.2;
    with `default`, a missing one too (the API would use `default`)."""
    query = case.query if isinstance(case.query, dict) else {}
    value = query.get(name, default)
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return
    if 0 < seconds <= valid_up_to:
        case.query = {**query, name: min(seconds, 0.2)}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_fuzzed_requests_get_documented_answers_and_never_a_5xx(case: schemathesis.Case, figures: Figures) -> None:
    headers = {"Authorization": f"Bearer {fresh_token()}"}
    if case.path == "/v1/me/events":
        # A valid long-poll would be held for its whole wait with nothing happening: keep it short (out-of-range
        # and malformed waits are still sent as generated, and must get a 422).
        shorten(case, "wait", EVENTS_MAX_WAIT, default=None)
    if case.path == "/v1/me/events/stream":  # a valid stream lasts its whole duration (ten minutes by default)
        shorten(case, "duration", EVENTS_STREAM_MAX, default=EVENTS_STREAM_MAX)
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    figures.add(SECTION, "schemathesis cases sent", 1, f"up to {EXAMPLES_PER_OPERATION} per operation, in process")
    if response.status_code >= 400:
        figures.add(SECTION, "schemathesis cases refused with a 4xx problem", 1)
