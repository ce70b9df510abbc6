"""The program description served by ``GET /v1/program``, built from the rules' own constants."""

from __future__ import annotations

from app.api import models
from app.mock_backend.rules.catalog import REWARD_LADDER
from app.mock_backend.rules.earn import STARS_PER_UNIT
from app.mock_backend.rules.engagement import BIRTHDAY_BONUS, REFERRAL_BONUS, REVIEW_BONUS, SURVEY_BONUS
from app.mock_backend.rules.gifts import DAILY_CAP, MAX_PER_GIFT, MIN_PER_GIFT
from app.mock_backend.rules.ledger import EXPIRY_MONTHS, EXPIRY_WARNING_DAYS
from app.mock_backend.rules.tiers import STATUS_WINDOW_MONTHS, TIERS


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
            models.EarnRule(
                kind="purchase",
                title="Shop with us",
                description=f"{STARS_PER_UNIT} Stars per $1 spent, times your tier's earn rate.",
                limit="Every purchase",
            ),
            models.EarnRule(
                kind="double_star_day",
                title="Double Star Day",
                description="Purchases earn twice the Stars while the offer runs.",
                limit="When announced",
            ),
            models.EarnRule(
                kind="review",
                title="Write a review",
                description="Tell us how your visit went.",
                stars=REVIEW_BONUS,
                limit="Once a day",
            ),
            models.EarnRule(
                kind="survey",
                title="Monthly survey",
                description="Three quick questions.",
                stars=SURVEY_BONUS,
                limit="Once per survey",
            ),
            models.EarnRule(
                kind="referral",
                title="Invite a friend",
                description="You both earn Stars after their first purchase.",
                stars=REFERRAL_BONUS,
                limit="Per friend who joins",
            ),
            models.EarnRule(
                kind="birthday",
                title="Birthday treat",
                description="Stars on your birthday (or the week after).",
                stars=BIRTHDAY_BONUS,
                limit="Once a year",
            ),
            models.EarnRule(
                kind="challenge",
                title="Challenges",
                description="Join a challenge; finish it in time to earn its Stars.",
                limit="Per challenge",
            ),
        ],
        reward_ladder=list(REWARD_LADDER),
        expiry_months=EXPIRY_MONTHS,
        expiry_warning_days=EXPIRY_WARNING_DAYS,
        status_window_months=STATUS_WINDOW_MONTHS,
        gift_rules=models.GiftRules(
            min_per_gift=MIN_PER_GIFT,
            max_per_gift=MAX_PER_GIFT,
            daily_cap=DAILY_CAP,
            message_max_chars=models.MAX_MESSAGE_CHARS,
        ),
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
            "Some rewards need Gold or Reserve status, and some are limited while stock lasts.",
        ],
    )
