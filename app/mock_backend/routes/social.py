"""The friends' leaderboard, gifts to someone not yet a member (held, claimed with a code) and the demo outbox."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from app.api import models
from app.mock_backend import present_social
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import OnceWrite, created, problems
from app.mock_backend.services import leaderboard, newcomers

router = APIRouter(prefix="/v1", tags=["social"])


@router.get("/me/leaderboard", response_model=models.Leaderboard, responses=problems(401))
def get_leaderboard(member: CurrentMember, store: StoreDep) -> models.Leaderboard:
    """This week's Stars earned by friends who opted in (never balances); the week starts Monday, member's time."""
    with store.lock:
        week, ranked = leaderboard.standings(store, member, store.now())
        return present_social.leaderboard(member, week, ranked)


@router.put("/me/leaderboard/settings", response_model=models.Leaderboard, responses=problems(401))
def put_leaderboard_settings(
    body: models.LeaderboardSettings, member: CurrentMember, store: StoreDep
) -> models.Leaderboard:
    """Show or hide this member on friends' leaderboards (takes effect at once)."""
    with store.unit_of_work(member):
        now = store.now()
        leaderboard.set_opt_in(store, member, body.opted_in, now)
        week, ranked = leaderboard.standings(store, member, now)
        return present_social.leaderboard(member, week, ranked)


@router.get("/me/newcomer-gifts", response_model=models.HeldGifts, responses=problems(401))
def list_newcomer_gifts(member: CurrentMember, store: StoreDep) -> models.HeldGifts:
    """Gifts this member sent to people not yet members: held, claimed or returned."""
    with store.lock:
        return present_social.held_gifts(store, member)


@router.post("/me/newcomer-gifts", **created(models.HeldGift, 400, 401, 409))
def send_newcomer_gift(body: models.NewcomerGiftCreate, once: OnceWrite) -> models.HeldGift:
    """Send Stars to a phone number or email: held until claimed with the code, back after 14 days otherwise."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.HeldGift:
        return present_social.held_gift(store, newcomers.send(store, member, body.contact, body.stars, body.message,
                                                             now))

    return once.write("newcomer-gifts", body, act)


@router.post("/me/newcomer-gifts/claims", **created(models.ClaimResult, 400, 401, 403, 404, 409))
def claim_gift(body: models.ClaimCreate, once: OnceWrite) -> models.ClaimResult:
    """A member who joined after the gift was sent claims it with its code."""
    store, member = once.store, once.member

    def act(now: datetime) -> models.ClaimResult:
        record, balance_after = newcomers.claim(store, member, body.claim_code, now)
        return present_social.claim_result(store, record, balance_after)

    return once.write("newcomer-gifts/claims", body, act)
