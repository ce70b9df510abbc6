"""Friends: the member's friends list, and friend requests by friend code (the other member accepts or declines)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import created, problems
from app.mock_backend.services.friends import answer_request, pending_requests, request_friend

router = APIRouter(prefix="/v1/me", tags=["friends"])


@router.get("/friends", response_model=list[models.Friend], responses=problems(401))
def list_friends(member: CurrentMember, store: StoreDep) -> list[models.Friend]:
    with store.unit_of_work(member):
        return [present.friend(store.members[i]) for i in member.friends]


@router.get("/friend-requests", response_model=models.FriendRequests, responses=problems(401))
def list_friend_requests(member: CurrentMember, store: StoreDep) -> models.FriendRequests:
    """Pending friend requests: incoming (to accept or decline) and outgoing (to cancel)."""
    with store.unit_of_work(member):
        incoming, outgoing = pending_requests(store, member)
        return present.friend_requests(store, incoming, outgoing)


@router.post("/friend-requests", **created(models.FriendRequest, 401, 404, 409, 429))
def create_friend_request(
    body: models.FriendRequestCreate, request: Request, member: CurrentMember, store: StoreDep
) -> models.FriendRequest:
    """Ask the owner of a friend code to be friends. If they already asked the member, the answer is `accepted`.

    Codes that match no member are throttled per member and per client address (429 with `Retry-After`).
    """
    address = request.client.host if request.client else "unknown"
    with store.unit_of_work(member):
        return present.friend_request(store, request_friend(store, member, body.friend_code, address, store.now()))


def _answer(answer: str, summary: str) -> None:
    @router.post(
        f"/friend-requests/{{request_id}}/{answer}",
        response_model=models.FriendRequest,
        responses=problems(401, 404, 409),
        summary=summary,
        name=f"{answer}_friend_request",
    )
    def route(request_id: str, member: CurrentMember, store: StoreDep) -> models.FriendRequest:
        with store.unit_of_work(member):
            return present.friend_request(store, answer_request(store, member, request_id, answer, store.now()))


_answer("accept", "Accept a friend request sent to the member (both become friends)")
_answer("decline", "Decline a friend request sent to the member")
_answer("cancel", "Cancel a friend request the member sent")
