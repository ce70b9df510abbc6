"""The program description served by ``GET /v1/program``, built from the rules' own constants."""

from __future__ import annotations

from app.api import models
from app.api.models import MAX_POOL_INVITES
from app.mock_backend.rules.asks import EXPIRES_AFTER as ASK_EXPIRES_AFTER
from app.mock_backend.rules.catalog import REWARD_LADDER
from app.mock_backend.rules.earn import STARS_PER_UNIT
from app.mock_backend.rules.engagement import BIRTHDAY_BONUS, REFERRAL_BONUS, REVIEW_BONUS, SURVEY_BONUS
from app.mock_backend.rules.gifts import DAILY_CAP, MAX_PER_GIFT, MIN_PER_GIFT
from app.mock_backend.rules.joining import WELCOME_BONUS
from app.mock_backend.rules.ledger import EXPIRY_MONTHS, EXPIRY_WARNING_DAYS
from app.mock_backend.rules.newcomers import CLAIM_DAYS
from app.mock_backend.rules.tiers import STATUS_WINDOW_MONTHS, TIERS

EARN_RULES: tuple[tuple[models.EarnKind, str, int | None, str, str], ...] = (
    (
        "purchase",
        "Shop with us",
        None,
        "Every purchase",
        f"{STARS_PER_UNIT} Stars per $1 spent, times your tier's earn rate.",
    ),
    (
        "double_star_day",
        "Double Star Day",
        None,
        "When announced",
        "Purchases earn twice the Stars while the offer runs.",
    ),
    ("review", "Write a review", REVIEW_BONUS, "Once a day", "Tell us how your visit went."),
    ("survey", "Monthly survey", SURVEY_BONUS, "Once per survey", "Three quick questions."),
    (
        "referral",
        "Invite a friend",
        REFERRAL_BONUS,
        "Per friend who joins",
        "You both earn Stars after their first purchase.",
    ),
    ("birthday", "Birthday treat", BIRTHDAY_BONUS, "Once a year", "Stars on your birthday (or the week after)."),
    ("challenge", "Challenges", None, "Per challenge", "Join a challenge; finish it in time to earn its Stars."),
)
"""Ways to earn: kind, title, fixed Stars (None when it varies), how often, and what to do."""


ASK_DAYS = ASK_EXPIRES_AFTER.days


def program() -> models.Program:
    return models.Program(
        currency="Stars",
        stars_per_unit=STARS_PER_UNIT,
        tiers=[
            models.TierInfo(
                name=t.name, threshold=t.threshold, earn_multiplier=t.earn_multiplier, benefits=list(t.benefits)
            )
            for t in TIERS
        ],
        earn_rules=[
            models.EarnRule(kind=kind, title=title, description=description, stars=stars, limit=limit)
            for kind, title, stars, limit, description in EARN_RULES
        ],
        reward_ladder=list(REWARD_LADDER),
        expiry_months=EXPIRY_MONTHS,
        expiry_warning_days=EXPIRY_WARNING_DAYS,
        status_window_months=STATUS_WINDOW_MONTHS,
        review_rules=models.ReviewRules(
            min_rating=models.MIN_RATING,
            max_rating=models.MAX_RATING,
            min_chars=models.MIN_REVIEW_CHARS,
            max_chars=models.MAX_REVIEW_CHARS,
        ),
        gift_rules=models.GiftRules(
            min_per_gift=MIN_PER_GIFT,
            max_per_gift=MAX_PER_GIFT,
            daily_cap=DAILY_CAP,
            message_max_chars=models.MAX_MESSAGE_CHARS,
        ),
        welcome_bonus=WELCOME_BONUS,
        tour=[
            models.TourCard(
                title="Stars",
                body=f"Every purchase earns {STARS_PER_UNIT} Stars per $1. Spend them on rewards from "
                f"{REWARD_LADDER[0]} Stars: a coffee, a treat, a lunch. Stars last {EXPIRY_MONTHS} months.",
            ),
            models.TourCard(
                title="Qualifying Stars and tiers",
                body="Stars from purchases in the last 12 months are qualifying Stars: they decide your tier. "
                f"Gold starts at {TIERS[1].threshold:,} and Reserve at {TIERS[2].threshold:,}, and each earns more "
                "Stars per $1. Bonuses and gifts can be spent but do not count toward your tier.",
            ),
            models.TourCard(
                title="Gifting",
                body=f"Treat a friend: add them with their friend code, then gift {MIN_PER_GIFT} to {MAX_PER_GIFT} "
                f"Stars at a time, up to {DAILY_CAP:,} a day, with a message.",
            ),
        ],
        rules_text=[
            f"Every purchase earns {STARS_PER_UNIT} Stars per $1 spent, times your tier's earn rate "
            "(Gold x1.2, Reserve x1.7), times any active offer such as Double Star Day (x2).",
            "Your tier depends on qualifying Stars: Stars from purchases in the last 12 months. Gifts, bonuses "
            "and challenge rewards can be spent but do not count toward status. Gold starts at 500, Reserve at "
            "2,500.",
            "Each purchase counts toward status for 12 months. Your status lasts until enough old purchases "
            "leave that window to take you below your tier; the app shows that date and what to earn before it.",
            f"Stars expire {EXPIRY_MONTHS} months after you earn them. Rewards and gifts use your oldest Stars "
            f"first, and we warn you {EXPIRY_WARNING_DAYS} days ahead.",
            f"You can gift {MIN_PER_GIFT} to {MAX_PER_GIFT} Stars at a time to friends, up to {DAILY_CAP:,} a day "
            "(your local day), never more than your balance.",
            "Sharing your friend code lets someone send you a friend request: you are friends once you accept. "
            f"You can ask a friend for Stars; an ask stays open {ASK_DAYS} days, and accepting it is a gift. "
            "You can thank a friend once for each gift.",
            "Some rewards need Gold or Reserve status, and some are limited while stock lasts.",
            f"A Star Pool saves for a reward with up to {MAX_POOL_INVITES} friends you invite. Putting Stars in "
            f"counts toward the same {DAILY_CAP:,} a day as gifts. Stars never expire while they are in a pool. "
            "Only the pool's owner redeems from it; if you leave, the Stars you gave that were not spent come back "
            f"to you as new Stars (expiring {EXPIRY_MONTHS} months later), and a pool nobody is left in gives "
            "everything back.",
            f"You can also send Stars to someone who is not a member yet, by phone number or email: they get a "
            f"claim code, and your Stars are held for them for {CLAIM_DAYS} days, then come back to you if "
            "unclaimed. When they join with the code and make a first purchase, you get the referral bonus.",
            "Your friends' leaderboard ranks this week's Stars earned (never balances) of friends who chose to "
            "show; the week starts on Monday in your time zone. You show only if you turn it on in Profile.",
        ],
    )
