"""The client asks for the member's language and the API answers in it (issue 16); every test runs in-process and
over HTTP (see conftest)."""

from __future__ import annotations

import pytest

from app.api import errors
from app.api.client import new_idempotency_key
from tests.contract.conftest import NewMember


async def test_set_language_brings_spanish_names_rules_and_refusals(new_member: NewMember) -> None:
    client = await new_member(spend=20)
    english = {r.id: r.name for r in await client.rewards()}
    assert english["extra-shot"] == "Extra shot" and (await client.program()).currency == "Stars"

    client.set_language("es")
    spanish = {r.id: r for r in await client.rewards()}
    assert spanish["extra-shot"].name == "Shot extra"
    assert spanish["bakery-treat"].description == "Un cruasán, una magdalena o una galleta, a tu elección."
    program = await client.program()  # the English program was cached: a new language fetches it again
    assert program.currency == "Estrellas" and program.earn_rules[0].title == "Compra con nosotros"
    assert "Estrellas" in program.rules_text[0] and program.tiers[0].benefits[1] == "Regalo de cumpleaños"
    with pytest.raises(errors.ApiStatusError) as refused:
        await client.redeem_reward("reserve-flight", idempotency_key=new_idempotency_key())
    problem = refused.value.problem
    assert problem is not None and problem.code == "tier_required" and problem.field == "reward_id"
    assert problem.detail == "Cata de cafés Reserve pide el nivel Reserve."


async def test_a_new_language_is_not_answered_from_the_etag_cache(new_member: NewMember) -> None:
    client = await new_member(spend=40)
    first = await client.summary()
    assert first.tier.keep_message == "Green status never expires."
    client.set_language("es")
    again = await client.summary()  # an If-None-Match from the English body would have reused it (304)
    assert again.tier.keep_message == "El nivel Green no caduca nunca."
    assert client.language == "es"
