"""Habits: the daily game's play and share to earn (the streak is read-only: it is derived from visits)."""

from __future__ import annotations

from datetime import datetime

from app.api.models import ShareHow, ShareWhat
from app.mock_backend.records import Member
from app.mock_backend.rules.badges import BADGES
from app.mock_backend.rules.daily_game import Play, game_day, prize_for, todays_play
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.sharing import SHARE_BONUS, share_bonus_due
from app.mock_backend.store import Store
from app.mock_backend.texts import Stars, say


def play_daily_game(store: Store, member: Member, at: datetime) -> tuple[Play, bool]:
    """Play today's game once: the prize is drawn, credited to the ledger with its reason, and kept for the day.

    Returns:
        Today's play and whether this call made it (False: it had been played already; the same play is answered).
    """
    with store.lock:
        already = todays_play(member.game_plays, at, member.time_zone)
        if already is not None:
            return already, False
        stars = prize_for(store.rng.random())
        day = game_day(at, member.time_zone)
        entry = store.credit(member, "game", stars, say("game_reason", day=day, stars=Stars(stars)), at)
        play = Play(day=day, stars=stars, played_at=at, entry_id=entry.id)
        member.game_plays[day] = play
        member.history.games_played.append(at)
        store.add_event(member, "stars_earned", say("plus_stars", stars=Stars(stars)), say("game_body"), at, stars)
        store.settle(member, at)
        return play, True


def record_share(
    store: Store, member: Member, what: ShareWhat, badge_id: str | None, how: ShareHow, at: datetime
) -> int:
    """Note a share of a badge or of the referral link; the first share of the member's week earns the bonus.

    Returns:
        The Stars this share earned (0 when this week's bonus was already paid).

    Raises:
        Refusal: ``validation_error`` (field ``badge_id``) for a badge share without an earned badge.
    """
    with store.lock:
        if what == "badge":
            known = {b.id for b in BADGES}
            if badge_id is None or badge_id not in known or badge_id not in member.earned_badges:
                raise Refusal("validation_error", "Share a badge you have earned.", "badge_id")
        if not share_bonus_due(member.shares_credited, at, member.time_zone):
            return 0
        member.shares_credited.append(at)
        subject = "badge" if what == "badge" else "link"
        via = "shared" if how == "share_sheet" else "copied"
        store.credit(member, "share", SHARE_BONUS, say(f"share_{subject}_{via}"), at)
        store.settle(member, at)
        return SHARE_BONUS
