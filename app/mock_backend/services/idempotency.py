"""Idempotency keys, Stripe style.

The first outcome for (member, endpoint, key) is stored, whether a result or a refusal, and replayed for
the same key with the same body. The same key with a different body is refused. The check and the effect
run under the store lock, so two concurrent requests with one key apply once. Records live 48 hours.
A replay is the first answer as it was, in the language of the first request (one intent, one answer).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar, cast

from app.i18n.languages import DEFAULT_LANGUAGE, Language
from app.mock_backend import texts
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store

T = TypeVar("T")
KEEP_FOR = timedelta(hours=48)


@dataclass
class IdempotencyRecord:
    """The first outcome under one key (kept in the --db file too: see ``persistence``)."""

    fingerprint: str
    created_at: datetime
    result: object | None
    refusal: Refusal | None
    language: Language = DEFAULT_LANGUAGE
    """The language the first answer was written in (a replay says so in its ``Content-Language``)."""


def fingerprint(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def run_once(
    store: Store, member_id: str, endpoint: str, key: str, body: str, at: datetime, action: Callable[[], T]
) -> tuple[T, bool]:
    """Run ``action`` once per key, replaying its outcome afterwards.

    Args:
        store: The store (its ``idempotency`` dict holds the records).
        member_id: Keys are scoped per member...
        endpoint: ...and per endpoint.
        key: The client's ``Idempotency-Key``.
        body: The canonical request body; a different body under the same key is refused.
        at: Now (for expiry of old records).
        action: The effect to apply.

    Returns:
        The result and whether it was replayed.

    Raises:
        Refusal: ``idempotency_key_reused`` (409) for a different body, or the stored refusal on replay.
    """
    with store.lock:
        for old_key in [
            k for k, r in store.idempotency.items() if at - cast(IdempotencyRecord, r).created_at > KEEP_FOR
        ]:
            del store.idempotency[old_key]
        slot = (member_id, endpoint, key)
        print_ = fingerprint(body)
        existing = cast(IdempotencyRecord | None, store.idempotency.get(slot))
        if existing is not None:
            if existing.fingerprint != print_:
                raise Refusal(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request.",
                    "Idempotency-Key",
                    409,
                )
            if existing.refusal is not None:
                raise existing.refusal
            return cast(T, existing.result), True
        try:
            result = action()
        except Refusal as refusal:
            refusal.language = texts.language()
            store.idempotency[slot] = IdempotencyRecord(print_, at, None, refusal, texts.language())
            raise
        store.idempotency[slot] = IdempotencyRecord(print_, at, result, None, texts.language())
        return result, False


def first_language(store: Store, member_id: str, endpoint: str, key: str) -> Language:
    """The language the first answer under a key was written in."""
    with store.lock:
        record = cast(IdempotencyRecord | None, store.idempotency.get((member_id, endpoint, key)))
        return record.language if record is not None else texts.language()
