"""HTTP routes, one module per resource, and what they share: documented problems and idempotent writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Response

from app.api.models import Problem, Request
from app.mock_backend.deps import CurrentMember, IdempotencyKey, OptionalIdempotencyKey, StoreDep
from app.mock_backend.records import Member
from app.mock_backend.services.idempotency import first_language, run_once
from app.mock_backend.store import REQUEST_KEY, Store

T = TypeVar("T")


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json errors for ``statuses``.

    Every route can also answer 413 (the body size limit is a middleware in front of all of them) and 422
    (validation), so both are always documented.
    """
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}, "description": "Problem details"}
        for status in sorted({*statuses, 413, 422})
    }


def throttled(responses: dict[int | str, dict[str, Any]], why: str) -> dict[int | str, dict[str, Any]]:
    """`responses` (from `problems(..., 429)`) with their 429 documented as a throttle: `why`, then the
    `Retry-After` header it carries."""
    responses[429] = {
        **responses[429],
        "description": f"{why}: wait `Retry-After` seconds",
        "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 1}}},
    }
    return responses


def created(model: type, *statuses: int) -> dict[str, Any]:
    """The route keywords of a ``POST`` that creates something: it answers 201 with ``model``, and the problems
    ``statuses`` (see ``problems``).

    Use as ``@router.post("/things", **created(models.Thing, 401, 409))``.
    """
    return {"response_model": model, "status_code": 201, "responses": problems(*statuses)}


def read(store: Store, member: Member, build: Callable[[Store, Member, datetime], T]) -> T:
    """A read of the member's own data: `build(store, member, now)` (a `present` function) under the store's lock."""
    with store.lock:
        return build(store, member, store.now())


@dataclass(frozen=True)
class Once:
    """What an idempotent write route needs: the member, the store, the Idempotency-Key (when the route takes one)
    and the response (a replay's headers). Routes take it as one parameter (`OnceWrite`) and call `write`."""

    member: Member
    store: Store
    key: str | None
    response: Response

    def write(self, endpoint: str, body: Request, act: Callable[[datetime], T]) -> T:
        """`write_once` for this request."""
        return write_once(self.store, self.member, endpoint, self.key, body, self.response, act)


def _once(member: CurrentMember, store: StoreDep, key: IdempotencyKey, response: Response) -> Once:
    return Once(member, store, key, response)


def _once_if_keyed(member: CurrentMember, store: StoreDep, key: OptionalIdempotencyKey, response: Response) -> Once:
    return Once(member, store, key, response)


OnceWrite = Annotated[Once, Depends(_once)]
"""An idempotent write with a required Idempotency-Key."""
OnceIfKeyed = Annotated[Once, Depends(_once_if_keyed)]
"""An idempotent write whose Idempotency-Key is optional (without one, every request applies)."""


def write_once(
    store: Store,
    member: Member,
    endpoint: str,
    key: str | None,
    body: Request,
    response: Response,
    act: Callable[[datetime], T],
) -> T:
    """Apply a write once per Idempotency-Key (when one is sent) and replay its first outcome afterwards.

    ``act(now)`` runs under the store lock as one unit of work: with ``--db`` its effect and the idempotency record
    are committed to disk before the answer leaves. A replayed answer carries ``Idempotent-Replayed: true`` and
    the ``Content-Language`` of the first answer, whose body it is.
    """
    with store.unit_of_work(member):
        now = store.now()
        if key is None:
            return act(now)
        keyed = REQUEST_KEY.set((member.id, key))  # the event recording this request carries its key
        try:
            result, replayed = run_once(store, member.id, endpoint, key, body.model_dump_json(), now, lambda: act(now))
        finally:
            REQUEST_KEY.reset(keyed)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
        response.headers["Content-Language"] = first_language(store, member.id, endpoint, key)
    return result
