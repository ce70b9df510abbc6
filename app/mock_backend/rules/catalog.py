"""The reward ladder, the reward catalog and the redemption rules."""

from __future__ import annotations

from app.api.models import LockReason, RewardInfo, TierName
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.tiers import rank

REWARD_LADDER: tuple[int, ...] = (25, 60, 100, 200, 300, 400)


class RewardDef(RewardInfo):
    """A reward in the catalog: what the API states about it, and the units available at start."""

    tier_required: TierName | None = None
    initial_stock: int | None = None
    """Units available at start, None for unlimited."""


def _reward(
    reward_id: str,
    name: str,
    description: str,
    cost: int,
    icon: str,
    tier: TierName | None = None,
    initial_stock: int | None = None,
) -> RewardDef:
    return RewardDef(
        id=reward_id,
        name=name,
        description=description,
        cost=cost,
        icon=icon,
        tier_required=tier,
        initial_stock=initial_stock,
    )


CATALOG: tuple[RewardDef, ...] = (
    _reward("extra-shot", "Extra shot", "Add an espresso shot or a syrup to any drink.", 25, "coffee"),
    _reward("brewed-coffee", "Brewed coffee", "Any size of the day's brewed coffee or hot tea.", 60, "local_cafe"),
    _reward("bakery-treat", "Bakery treat", "A croissant, muffin or cookie of your choice.", 60, "bakery_dining"),
    _reward("handcrafted-drink", "Handcrafted drink", "Any handcrafted drink, any size.", 100, "emoji_food_beverage"),
    _reward("breakfast-sandwich", "Breakfast sandwich", "A warm breakfast sandwich.", 200, "breakfast_dining"),
    _reward("lunch-bowl", "Lunch bowl", "A seasonal lunch bowl.", 200, "lunch_dining", tier="Gold"),
    _reward("tumbler", "Tumbler", "A reusable 470 ml steel tumbler.", 300, "local_drink", initial_stock=12),
    _reward("coffee-beans", "Coffee beans 250g", "A bag of whole-bean coffee.", 300, "grain", initial_stock=40),
    _reward(
        "barista-class",
        "Barista masterclass",
        "An hour behind the bar with our head barista.",
        400,
        "school",
        "Gold",
        initial_stock=0,
    ),
    _reward(
        "reserve-flight", "Reserve tasting flight", "Three Reserve coffees, side by side.", 400, "wine_bar", "Reserve"
    ),
)


def reward_by_id(reward_id: str) -> RewardDef | None:
    """The catalog entry with this id, if any."""
    return next((r for r in CATALOG if r.id == reward_id), None)


def lock_reason(reward: RewardDef, tier: str, stock: int | None) -> LockReason | None:
    """Why the member cannot redeem this reward whatever their balance, or None."""
    if reward.tier_required is not None and rank(tier) < rank(reward.tier_required):
        return "tier"
    if stock is not None and stock <= 0:
        return "out_of_stock"
    return None


def check_redeem(reward: RewardDef | None, tier: str, stock: int | None, balance: int) -> RewardDef:
    """Check that the member may redeem ``reward`` now.

    Args:
        reward: The catalog entry, or None for an unknown id.
        tier: The member's tier.
        stock: Units left, None for unlimited.
        balance: Spendable Stars.

    Returns:
        The reward, when it may be redeemed.

    Raises:
        Refusal: ``unknown_reward`` (404), ``tier_required`` (403), ``out_of_stock`` (409) or
            ``insufficient_balance`` (409), all with field ``reward_id``.
    """
    if reward is None:
        raise Refusal("unknown_reward", "There is no such reward.", "reward_id", 404)
    reason = lock_reason(reward, tier, stock)
    if reason == "tier":
        raise Refusal("tier_required", f"{reward.name} needs {reward.tier_required} status.", "reward_id", 403)
    if reason == "out_of_stock":
        raise Refusal("out_of_stock", f"{reward.name} is out of stock.", "reward_id", 409)
    if balance < reward.cost:
        missing = reward.cost - balance
        raise Refusal("insufficient_balance", f"You need {missing:,} more Stars.", "reward_id", 409)
    return reward


def next_step(balance: int, available: list[RewardDef]) -> tuple[int, RewardDef | None] | None:
    """The next ladder step to aim for and a reward at that cost the member could pick.

    Only steps with a reward the member can actually get count: a step whose rewards are all tier-locked or out of
    stock is never promised ("You can redeem a 400-Star reward now" when none is redeemable).

    Args:
        balance: Spendable Stars.
        available: Rewards not locked for the member.

    Returns:
        The cheapest such step above the balance, or the dearest one once every step is affordable; None when no
        reward is available at all.
    """
    steps = [cost for cost in REWARD_LADDER if any(r.cost == cost for r in available)]
    if not steps:
        return None
    cost = next((c for c in steps if c > balance), steps[-1])
    return cost, next(r for r in available if r.cost == cost)


def suggest_for_expiring(expiring: int, balance: int, available: list[RewardDef]) -> RewardDef | None:
    """A reward to spend soon-to-expire Stars on: the cheapest one covering them, else the dearest affordable."""
    affordable = sorted((r for r in available if r.cost <= balance), key=lambda r: r.cost)
    if not affordable:
        return None
    covering = [r for r in affordable if r.cost >= expiring]
    return covering[0] if covering else affordable[-1]
