"""Home-screen reads: summary (with ETag), activity, events, badges and challenges."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services.social import join_challenge

router = APIRouter(prefix="/v1/me", tags=["home"])

FILTERS: dict[str, frozenset[str]] = {
    "earned": frozenset({"purchase", "bonus", "review", "survey", "referral", "birthday", "challenge"}),
    "spent": frozenset({"redeem"}),
    "gifts": frozenset({"gift_in", "gift_out"}),
    "expired": frozenset({"expire"}),
}


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in tags or etag in tags


@router.get(
    "/summary",
    response_model=models.Summary,
    responses={**problems(401), 304: {"description": "Not modified (If-None-Match matched the ETag)"}},
)
def get_summary(
    member: CurrentMember, store: StoreDep, if_none_match: Annotated[str | None, Header()] = None
) -> Response:
    """Everything the Home screen needs in one round trip. Send the ETag back as If-None-Match."""
    with store.lock:
        body = present.summary(store, member, store.now()).model_dump_json().encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{position}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, number = text.partition(":")
        position = int(number)
        if version != "v1" or position < 0 or len(number) > 12:
            raise ValueError(cursor)
        return position
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Refusal("validation_error", "That cursor is not valid; start from the first page.", "cursor") from exc


@router.get("/activity", response_model=models.ActivityPage, responses=problems(401))
def get_activity(
    member: CurrentMember,
    store: StoreDep,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    kind: models.ActivityFilter | None = None,
) -> models.ActivityPage:
    """The ledger, newest first, cursor-paged; every entry says why the balance changed."""
    with store.lock:
        entries = member.entries
        start = len(entries) if cursor is None else min(decode_cursor(cursor), len(entries))
        wanted = FILTERS[kind] if kind else None
        picked: list[int] = []
        for index in range(start - 1, -1, -1):
            if wanted is None or entries[index].kind in wanted:
                picked.append(index)
                if len(picked) > limit:
                    break
        more = len(picked) > limit
        page = picked[:limit]
        return models.ActivityPage(
            items=[present.activity_entry(entries[i]) for i in page],
            next_cursor=encode_cursor(page[-1]) if more else None,
        )


@router.get("/events", response_model=models.EventsPage, responses=problems(401))
def get_events(
    member: CurrentMember,
    store: StoreDep,
    after: Annotated[int, Query(ge=0, le=2**53)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> models.EventsPage:
    """Events newer than ``after``, oldest first; pass the returned ``cursor`` as ``after`` next time."""
    with store.lock:
        newer = [e for e in member.events if e.id > after][:limit]
        return models.EventsPage(events=[present.event(e) for e in newer], cursor=newer[-1].id if newer else after)


@router.get("/badges", response_model=list[models.Badge], responses=problems(401))
def get_badges(member: CurrentMember, store: StoreDep) -> list[models.Badge]:
    """Every badge with its criteria and the member's progress."""
    with store.lock:
        return present.badges(store, member, store.now())


@router.get("/challenges", response_model=list[models.Challenge], responses=problems(401))
def get_challenges(member: CurrentMember, store: StoreDep) -> list[models.Challenge]:
    """All challenges with status and progress (counted only after joining)."""
    with store.lock:
        return present.challenges(store, member, store.now())


@router.post("/challenges/{challenge_id}/join", response_model=models.Challenge, responses=problems(401, 404, 409))
def join(challenge_id: str, member: CurrentMember, store: StoreDep) -> models.Challenge:
    """Opt in to a challenge."""
    with store.lock:
        now = store.now()
        join_challenge(store, member, challenge_id, now)
        return next(c for c in present.challenges(store, member, now) if c.id == challenge_id)
