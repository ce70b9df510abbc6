"""The Home summary: everything the Home screen needs in one round trip, revalidated with an ETag."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, Response

from app.api import models
from app.mock_backend import present
from app.mock_backend.deps import CurrentMember, StoreDep
from app.mock_backend.routes import problems
from app.mock_backend.services import inbox

router = APIRouter(prefix="/v1/me", tags=["summary"])


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
        at = store.now()
        unread = inbox.unread(store, member, at)
        summary = present.summary(store, member, at).model_copy(update={"inbox_unread": unread})
        body = summary.model_dump_json().encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
