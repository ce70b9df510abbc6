"""The program, the member's profile, card and referral code."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.program import program
from app.mock_backend.routes import problems, read
from app.mock_backend.services.members import update_profile

router = APIRouter(prefix="/v1", tags=["member"])


@router.get("/program", response_model=models.Program)
def get_program(response: Response) -> models.Program:
    """The program's currency, tiers, earn rules, reward ladder and rules in plain words (cacheable)."""
    response.headers["Cache-Control"] = "public, max-age=3600"
    return program()


@router.get("/me", response_model=models.Profile, responses=problems(401))
def get_me(member: CurrentMember, store: StoreDep) -> models.Profile:
    with store.lock:
        return present.profile(member)


@router.patch("/me", response_model=models.Profile, responses=problems(401))
def patch_me(body: models.ProfileUpdate, member: CurrentMember, store: StoreDep) -> models.Profile:
    """Change the name and/or birthday."""
    with store.unit_of_work(member):
        update_profile(store, member, name=body.name, birthday=body.birthday, at=store.now())
        return present.profile(member)


@router.get("/me/card", response_model=models.MemberCard, responses=problems(401))
def get_card(member: CurrentMember, store: StoreDep) -> models.MemberCard:
    """Member number and the payload of the in-store QR code."""
    return read(store, member, present.card)


@router.get("/me/referral", response_model=models.Referral, responses=problems(401))
def get_referral(member: CurrentMember, store: StoreDep) -> models.Referral:
    """The member's referral code and how many referred friends have (not yet) made a first purchase."""
    with store.lock:
        return present.referral(store, member)
