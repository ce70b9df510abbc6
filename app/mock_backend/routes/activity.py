"""The activity list: the ledger, newest first, cursor-paged and filterable."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Query

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.rules.refusals import Refusal

router = APIRouter(prefix="/v1/me", tags=["activity"])

FILTERS: dict[models.ActivityFilter, frozenset[models.EntryKind]] = {
    "earned": frozenset(
        {"purchase", "bonus", "review", "survey", "referral", "birthday", "challenge", "game", "share"}
    ),
    "spent": frozenset({"redeem"}),
    "gifts": frozenset({"gift_in", "gift_out", "gift_held", "gift_returned", "pool_contribution", "pool_return"}),
    "expired": frozenset({"expire"}),
}


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
        return present.activity_page([entries[i] for i in page], encode_cursor(page[-1]) if more else None)
