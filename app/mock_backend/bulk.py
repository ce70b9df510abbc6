"""Bulk history for performance tests: thousands of ledger entries in one go."""

from __future__ import annotations

import random
from datetime import timedelta

from app.mock_backend.records import Entry
from app.mock_backend.rules.ledger import earn
from app.mock_backend.store import Store


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
        for index in range(n):
            at = now - timedelta(days=300) + step * index
            stars = rng.randint(1, 4)
            member.batches.append(earn(stars, at, qualifying=True))
            member.history.visits.append((at, stars / 2))
            member.entries.append(
                Entry(
                    store.next_id("ent"), "purchase", stars, f"Purchase at Starboard Express, ${stars / 2:.2f}", at, 0
                )
            )
        member.entries.sort(key=lambda e: e.created_at)
        member.history.visits.sort()
        running = 0
        for entry in member.entries:
            running += entry.stars
            entry.balance_after = running
        member.running_balance = running
        member.changed_at = now
        store.settle(member, now)
