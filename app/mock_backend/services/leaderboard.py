"""The friends' leaderboard: opting in and out, and this week's Stars earned by the friends who opted in."""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import Member
from app.mock_backend.rules.leaderboard import Week, earned_between, rank_with_ties, this_week
from app.mock_backend.store import Store


def set_opt_in(store: Store, member: Member, opted_in: bool, at: datetime) -> None:
    with store.lock:
        member.on_leaderboard = opted_in
        member.changed_at = at
        store.touch(member)


def standings(store: Store, member: Member, at: datetime) -> tuple[Week, list[tuple[int, str, str, int]]]:
    """This week (in the member's time zone) and the ranked friends who opted in, the member too when opted in."""
    with store.lock:
        week = this_week(at, member.time_zone)
        people = [store.members[f] for f in member.friends if f in store.members]
        if member.on_leaderboard:
            people.append(member)
        scores = [
            (p.id, p.name, earned_between(((e.kind, e.stars, e.created_at) for e in p.entries), week.starts_at,
                                          week.resets_at))
            for p in people
            if p.on_leaderboard
        ]
        return week, rank_with_ties(scores)
