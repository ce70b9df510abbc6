"""Every rule the app states comes from the API: the program and the answers that carry a rule say it, and the
limits they state are the ones the contract's request models enforce."""

from __future__ import annotations

import httpx
import pytest

from app.api import models
from app.mock_backend import Store
from app.mock_backend.rules import ledger, tiers
from app.mock_backend.seed import ADA, GRACE
from tests.mock_backend.conftest import assert_problem, member_id, sign_in


def schema_of(model: type[models.Request], field: str) -> dict[str, object]:
    prop: dict[str, object] = model.model_json_schema()["properties"][field]
    variants = prop.get("anyOf")
    if isinstance(variants, list):  # `X | None`: the constraints sit on the string variant
        return next(v for v in variants if v.get("type") == "string")
    return prop


async def test_the_program_states_the_review_limits_the_review_model_enforces(client: httpx.AsyncClient) -> None:
    program = models.Program.model_validate((await client.get("/v1/program")).json())
    rules = program.review_rules
    text = schema_of(models.ReviewCreate, "text")
    rating = models.ReviewCreate.model_json_schema()["properties"]["rating"]
    assert (text["minLength"], text["maxLength"]) == (rules.min_chars, rules.max_chars)
    assert (rating["minimum"], rating["maximum"]) == (rules.min_rating, rules.max_rating)


async def test_the_gift_message_limit_is_declared_on_the_gift_and_stated_by_the_program_and_the_allowance(
    client: httpx.AsyncClient,
) -> None:
    ada = await sign_in(client, ADA)
    program = models.Program.model_validate((await client.get("/v1/program")).json())
    allowance = models.GiftAllowance.model_validate((await client.get("/v1/me/gifts/allowance", headers=ada)).json())
    # Counted in characters as a reader sees them (a family emoji is one), so not JSON Schema's code-point maxLength.
    limit = schema_of(models.GiftCreate, "message")["x-max-characters"]
    assert limit == program.gift_rules.message_max_chars == allowance.message_max_chars


async def test_a_gift_message_counts_characters_as_a_reader_sees_them(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 code points, one character
    body = {"friend_id": member_id(store, GRACE), "stars": 1, "message": family * models.MAX_MESSAGE_CHARS}
    response = await client.post("/v1/me/gifts", json=body, headers={**ada, "Idempotency-Key": "families"})
    assert response.status_code == 201, response.text
    over = {**body, "message": family * (models.MAX_MESSAGE_CHARS + 1)}
    response = await client.post("/v1/me/gifts", json=over, headers={**ada, "Idempotency-Key": "one-too-many"})
    assert_problem(response, 422, "validation_error", "message")


async def test_a_gift_message_over_the_declared_limit_is_a_422_on_message(
    client: httpx.AsyncClient, store: Store
) -> None:
    ada = await sign_in(client, ADA)
    body = {"friend_id": member_id(store, GRACE), "stars": 5, "message": "m" * (models.MAX_MESSAGE_CHARS + 1)}
    response = await client.post("/v1/me/gifts", json=body, headers={**ada, "Idempotency-Key": "too-long"})
    assert_problem(response, 422, "validation_error", "message")
    spaced = {**body, "message": "  " + "m" * models.MAX_MESSAGE_CHARS + "  "}  # the limit counts after trimming
    response = await client.post("/v1/me/gifts", json=spaced, headers={**ada, "Idempotency-Key": "trimmed"})
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "m" * models.MAX_MESSAGE_CHARS


async def test_the_answers_that_carry_a_rule_state_it(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    program = models.Program.model_validate((await client.get("/v1/program")).json())
    summary = models.Summary.model_validate((await client.get("/v1/me/summary", headers=ada)).json())
    page = models.ActivityPage.model_validate((await client.get("/v1/me/activity", headers=ada)).json())
    profile = models.Profile.model_validate((await client.get("/v1/me", headers=ada)).json())
    assert summary.tier.window_months == program.status_window_months
    assert page.expiry_months == program.expiry_months
    birthday = next(r for r in program.earn_rules if r.kind == "birthday")
    assert "birthday" in profile.birthday_rule and birthday.limit and birthday.limit.lower() in profile.birthday_rule


async def test_the_stated_windows_follow_the_rules_not_a_copy(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = await sign_in(client, ADA)
    monkeypatch.setattr(ledger, "EXPIRY_MONTHS", 18)
    monkeypatch.setattr(tiers, "STATUS_WINDOW_MONTHS", 9)
    summary = models.Summary.model_validate((await client.get("/v1/me/summary", headers=ada)).json())
    page = models.ActivityPage.model_validate((await client.get("/v1/me/activity", headers=ada)).json())
    assert (summary.tier.window_months, page.expiry_months) == (9, 18)
