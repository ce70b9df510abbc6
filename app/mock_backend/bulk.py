"""Bulk history for performance tests: thousands of ledger entries in one go."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from app.mock_backend.records import Entry
from app.mock_backend.rules.ledger import earn
from app.mock_backend.store import Store
from app.mock_backend.texts import Money, say


def seed_bulk_history(store: Store, email: str, n: int, seed: int = 11) -> None:
    """Give a member ``n`` extra small purchase entries spread over the last 300 days (for performance tests).

    Entries are merged into the member's history in time order and ``balance_after`` is recomputed, so
    the ledger stays consistent (balance = sum of entries).
    """
    rng = random.Random(seed)
    with store.lock:
        member = store.member_by_email(email)
        if member is None:
            raise KeyError(email)
        now = store.now()
        step = timedelta(days=300) / max(n, 1)
        added: list[tuple[datetime, str, int]] = []
        for index in range(n):
            at = now - timedelta(days=300) + step * index
            stars = rng.randint(1, 4)
            member.batches.append(earn(stars, at, qualifying=True))
            member.history.visits.append((at, stars / 2))
            added.append((at, store.next_id("ent"), stars))
        member.history.visits.sort()
        rows: list[Entry | tuple[datetime, str, int]] = [*member.entries, *added]
        rows.sort(key=lambda row: row[0] if isinstance(row, tuple) else row.created_at)
        running = 0
        entries: list[Entry] = []
        for row in rows:
            if isinstance(row, tuple):
                at, entry_id, stars = row
                running += stars
                reason = say("purchase_at", store="Starboard Express", amount=Money(stars / 2))
                entries.append(
                    Entry(
                        id=entry_id, kind="purchase", stars=stars, reason=reason, created_at=at, balance_after=running
                    )
                )
            else:
                running += row.stars
                same = row.balance_after == running
                entries.append(row if same else replace(row, balance_after=running))
        member.entries = entries
        member.running_balance = running
        member.changed_at = now
        store.settle(member, now)
