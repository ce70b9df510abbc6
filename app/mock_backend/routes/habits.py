"""Habits: the weekly streak, the daily game, share to earn, and (mock only, when enabled) moving the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Request

from app.api import models
from app.mock_backend import present
from app.mock_backend.clock import MovableClock
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, problems
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.habits import play_daily_game, record_share

router = APIRouter(prefix="/v1", tags=["habits"])


@router.get("/me/streak", response_model=models.Streak, responses=problems(401))
def get_streak(member: CurrentMember, store: StoreDep) -> models.Streak:
    """The weekly visit streak in the member's own week, with freezes and the best streak."""
    with store.lock:
        return present.streak(member, store.now())


@router.get("/me/game", response_model=models.DailyGame, responses=problems(401))
def get_game(member: CurrentMember, store: StoreDep) -> models.DailyGame:
    """Today's game: whether it can be played, today's play once played, and the published odds."""
    with store.lock:
        return present.daily_game(member, store.now())


@router.post("/me/game/plays", response_model=models.GamePlay, responses=problems(400, 401, 409))
def play_game(once: OnceWrite) -> models.GamePlay:
    """Play today's game. One play a day: playing again that day (any key) answers with the same play."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.GamePlay:
        play, _ = play_daily_game(store, member, now)
        return present.game_play(member, play)

    return once.write("game_plays", models.GamePlayCreate(), act)


@router.post("/me/shares", response_model=models.ShareResult, responses=problems(400, 401, 409))
def share(body: models.ShareCreate, once: OnceWrite) -> models.ShareResult:
    """Note a share of an earned badge or the referral link; the first share of the member's week earns Stars."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.ShareResult:
        stars = record_share(store, member, body.what, body.badge_id, body.how, now)
        return present.share_result(store, member, stars, now)

    return once.write("shares", body, act)


@router.post("/demo/clock", response_model=models.DemoClock, tags=["demo"], responses=problems(401, 404))
def move_clock(
    body: models.DemoClockMove, request: Request, member: CurrentMember, store: StoreDep
) -> models.DemoClock:
    """Mock only, and only when served with `--movable-clock`: move the backend's time forward by whole days."""
    clock = request.app.state.movable_clock
    if not isinstance(clock, MovableClock):
        raise Refusal("not_found", "This backend's clock cannot be moved.", None, 404)
    with store.unit_of_work(member):
        return models.DemoClock(now=clock.advance(timedelta(days=body.days)))
