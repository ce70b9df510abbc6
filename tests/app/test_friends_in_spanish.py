"""The Friends tab in Spanish: refusals, plurals of Stars and friends, numbers and dates the Spanish way.

The states are driven with a Spanish translator in their context (as `Speech.speak("es")` gives the session); the
sections' contents are built with one, outside a page (components stay unrendered: their arguments are read).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import flet as ft
import pytest
from flet.components.component import Component, Renderer

from app.api.models import GiftAllowance, HeldGift, Leaderboard, LeaderboardEntry, PoolRules, StarAsk
from app.i18n import Translator
from app.state import AsksState, GiftState
from app.state.newcomer_gift import NewcomerGiftState
from app.state.pools import PoolsState
from app.views import friend_asks, leaderboard, newcomer_gift
from tests.app.fakes import FakeContext

ES = Translator("es")
AUG_19 = datetime(2027, 8, 19, 12, 0, tzinfo=UTC)


def spanish() -> FakeContext:
    return FakeContext(t=ES)


def texts(node: Any) -> Iterator[str]:
    """Every text in a tree of controls and unrendered components: what is shown and what is read out."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list | tuple):
        for item in node:
            yield from texts(item)
    elif isinstance(node, Component):
        yield from texts(list(node.args))
        yield from texts([v for k, v in node.kwargs.items() if k in {"label", "helper", "suffix", "error"}])
    elif isinstance(node, ft.Control) and dataclasses.is_dataclass(node):
        for name in ("value", "label", "content", "controls", "semantics_label", "text"):
            yield from texts(getattr(node, name, None))


def shown(build: Any, *args: Any) -> list[str]:
    with Renderer().with_context():
        return list(texts(build(*args)))


def allowance(**changes: int) -> GiftAllowance:
    rules = dict(
        balance=5000, min_per_gift=1, max_per_gift=500, daily_cap=1000, sent_today=900, remaining_today=100,
        max_now=100, message_max_chars=10,
    )
    return GiftAllowance(**{**rules, **changes})


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("0", "Envía al menos 1 Estrella."),
        ("2,5", "Las Estrellas van en números enteros: escribe una cantidad como 25."),
        ("1.500", "Un regalo puede ser de 500 Estrellas como máximo."),  # 1.500 is fifteen hundred in Spanish
        ("150", "Hoy puedes enviar 100 Estrellas más (el límite diario es 1.000)."),
    ],
)
def test_a_gift_refused_in_spanish_says_why_with_spanish_numbers(typed: str, refusal: str) -> None:
    gift = GiftState(spanish())
    gift.allowance = allowance()
    gift.set_amount(typed)
    assert gift.validate() is None
    assert gift.errors["amount"] == refusal
    assert gift.errors["friend"] == "Elige a qué amigo le envías Estrellas."


def test_one_star_left_today_is_singular_in_spanish() -> None:
    gift = GiftState(spanish())
    gift.allowance = allowance(remaining_today=1, daily_cap=1_000_000)
    gift.set_amount("2")
    gift.validate()
    assert gift.errors["amount"] == "Hoy puedes enviar 1 Estrella más (el límite diario es 1.000.000)."


@pytest.mark.parametrize(
    ("limit", "refusal"), [(1, "Invita como máximo a 1 amigo."), (3, "Invita como máximo a 3 amigos.")]
)
def test_inviting_too_many_friends_to_a_pool_is_plural_in_spanish(limit: int, refusal: str) -> None:
    pools = PoolsState(spanish())
    pools.rules = PoolRules(
        max_invites=limit, min_per_contribution=1, max_per_contribution=500, daily_cap=1000,
        stars_expire_in_pool=False,
    )
    for friend in ("f1", "f2", "f3", "f4")[: limit + 1]:
        pools.toggle_invite(friend)
    assert pools.create_errors["invites"] == refusal


def test_asks_read_in_spanish_with_the_date_the_spanish_way() -> None:
    asks = AsksState(spanish())

    def ask(stars: int, status: str) -> StarAsk:
        return StarAsk(
            id=f"a{stars}", from_id="m1", from_name="Ana", to_id="m2", to_name="Bo", stars=stars, note=None,
            status=status, created_at=AUG_19, expires_at=AUG_19,
        )

    asks.incoming = [ask(25, "open")]
    asks.outgoing = [ask(1, "open"), ask(1430, "declined")]
    said = shown(friend_asks.content, asks, ES)
    assert "Ana te pide 25 Estrellas" in said
    assert "Abierta hasta el 19 ago 2027" in said
    assert "Le pediste 1 Estrella a Bo: esperando respuesta" in said
    assert "Le pediste 1.430 Estrellas a Bo: rechazada" in said


def test_the_leaderboard_reads_in_spanish() -> None:
    state = leaderboard.LeaderboardState(spanish())
    state.board = Leaderboard(
        opted_in=True, week_starts=date(2026, 11, 30), resets_at=datetime(2026, 12, 7, tzinfo=UTC),
        entries=[
            LeaderboardEntry(rank=1, member_id="m1", name="Ana", stars=1430, is_me=True),
            LeaderboardEntry(rank=2, member_id="m2", name="Bo", stars=1, is_me=False),
        ],
    )
    said = shown(leaderboard.content, state, ES)
    assert "Estrellas ganadas desde el lunes 30 nov 2026; vuelve a empezar el lunes." in said
    assert "Puesto 1: Ana (tú), 1.430 Estrellas esta semana" in said
    assert "Puesto 2: Bo, 1 Estrella esta semana" in said


def test_a_gift_to_someone_new_reads_in_spanish_with_round_millions() -> None:
    gift = NewcomerGiftState(spanish())
    held = HeldGift(
        id="h1", contact="ana@example.com", stars=1_000_000, message=None, claim_code="STAR-1234",
        claim_path="/join?claim=STAR-1234", status="returned", created_at=AUG_19, claim_until=AUG_19,
        balance_after=0,
    )
    gift.last, gift.sent, gift.claim_days = held, [held], 1
    said = shown(newcomer_gift.content, gift, ES)
    assert "1.000.000 de Estrellas reservadas para ana@example.com." in said
    assert "Se puede reclamar hasta el 19 ago 2027." in said
    assert "1.000.000 de Estrellas para ana@example.com: volvió a ti" in said
    assert any("si no las reclama en 1 día," in text for text in said)
