"""Friends and gifts."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, IdempotencyKey, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.idempotency import run_once
from app.mock_backend.services.social import add_friend
from app.mock_backend.services.wallet import gift

router = APIRouter(prefix="/v1/me", tags=["friends"])


def _friend(member_id: str, name: str, code: str) -> models.Friend:
    return models.Friend(id=member_id, name=name, friend_code=code)


@router.get("/friends", response_model=list[models.Friend], responses=problems(401))
def list_friends(member: CurrentMember, store: StoreDep) -> list[models.Friend]:
    with store.lock:
        return [_friend(f.id, f.name, f.friend_code) for f in (store.members[i] for i in member.friends)]


@router.post("/friends", response_model=models.Friend, status_code=201, responses=problems(401, 404, 409))
def create_friend(body: models.FriendCreate, member: CurrentMember, store: StoreDep) -> models.Friend:
    """Add a friend by their friend code (friendship is mutual)."""
    with store.lock:
        other = add_friend(store, member, body.friend_code, store.now())
        return _friend(other.id, other.name, other.friend_code)


@router.get("/gifts/allowance", response_model=models.GiftAllowance, responses=problems(401))
def get_allowance(member: CurrentMember, store: StoreDep) -> models.GiftAllowance:
    """What the member may gift right now (the daily cap counts the member's local day)."""
    with store.lock:
        return present.gift_allowance(store, member, store.now())


@router.post("/gifts", response_model=models.Gift, status_code=201, responses=problems(400, 401, 403, 409))
def create_gift(
    body: models.GiftCreate, member: CurrentMember, store: StoreDep, key: IdempotencyKey, response: Response
) -> models.Gift:
    """Gift Stars to a friend: 1 to 500 per gift, 1,000 a day, never more than the balance."""
    with store.lock:
        now = store.now()
        result, replayed = run_once(
            store,
            member.id,
            "gifts",
            key,
            body.model_dump_json(),
            now,
            lambda: present.gift(store, gift(store, member, body.friend_id, body.stars, body.message, now)),
        )
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result


@router.get("/gifts/{gift_id}", response_model=models.Gift, responses=problems(401, 404))
def get_gift(gift_id: str, member: CurrentMember, store: StoreDep) -> models.Gift:
    """A gift the member sent or received."""
    with store.lock:
        record = store.gifts.get(gift_id)
        if record is None or member.id not in (record.from_id, record.to_id):
            raise Refusal("not_found", "There is no such gift.", None, 404)
        return present.gift(store, record)
