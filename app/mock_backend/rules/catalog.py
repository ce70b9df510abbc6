"""The reward ladder, the reward catalog and the redemption rules."""

from __future__ import annotations

from dataclasses import dataclass

from app.api.models import LockReason, RewardInfo, TierName
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.rules.tiers import rank
from app.mock_backend.texts import Stars, Texts, pick

REWARD_LADDER: tuple[int, ...] = (25, 60, 100, 200, 300, 400)


@dataclass(frozen=True)
class RewardDef:
    """A reward in the catalog, its texts in every language, and the units available at start."""

    id: str
    name: Texts
    description: Texts
    cost: int
    icon: str
    tier_required: TierName | None = None
    initial_stock: int | None = None
    """Units available at start, None for unlimited."""

    def info(self) -> RewardInfo:
        """What the API states about the reward, in the request's language."""
        return RewardInfo(
            id=self.id,
            name=pick(self.name),
            description=pick(self.description),
            cost=self.cost,
            icon=self.icon,
            tier_required=self.tier_required,
        )


CATALOG: tuple[RewardDef, ...] = (
    RewardDef(
        "extra-shot",
        Texts(en="Extra shot", es="Shot extra"),
        Texts(
            en="Add an espresso shot or a syrup to any drink.",
            es="Añade un shot de espresso o un sirope a cualquier bebida.",
        ),
        25,
        "coffee",
    ),
    RewardDef(
        "brewed-coffee",
        Texts(en="Brewed coffee", es="Café de filtro"),
        Texts(
            en="Any size of the day's brewed coffee or hot tea.",
            es="El café de filtro del día o un té caliente, del tamaño que quieras.",
        ),
        60,
        "local_cafe",
    ),
    RewardDef(
        "bakery-treat",
        Texts(en="Bakery treat", es="Dulce de panadería"),
        Texts(
            en="A croissant, muffin or cookie of your choice.",
            es="Un cruasán, una magdalena o una galleta, a tu elección.",
        ),
        60,
        "bakery_dining",
    ),
    RewardDef(
        "handcrafted-drink",
        Texts(en="Handcrafted drink", es="Bebida de barista"),
        Texts(
            en="Any handcrafted drink, any size.",
            es="Cualquier bebida preparada por el barista, del tamaño que quieras.",
        ),
        100,
        "emoji_food_beverage",
    ),
    RewardDef(
        "breakfast-sandwich",
        Texts(en="Breakfast sandwich", es="Sándwich de desayuno"),
        Texts(en="A warm breakfast sandwich.", es="Un sándwich de desayuno calentito."),
        200,
        "breakfast_dining",
    ),
    RewardDef(
        "lunch-bowl",
        Texts(en="Lunch bowl", es="Bowl de almuerzo"),
        Texts(en="A seasonal lunch bowl.", es="Un bowl de temporada para el almuerzo."),
        200,
        "lunch_dining",
        "Gold",
    ),
    RewardDef(
        "tumbler",
        Texts(en="Tumbler", es="Vaso térmico"),
        Texts(en="A reusable 470 ml steel tumbler.", es="Un vaso térmico reutilizable de acero, de 470 ml."),
        300,
        "local_drink",
        initial_stock=12,
    ),
    RewardDef(
        "coffee-beans",
        Texts(en="Coffee beans 250g", es="Café en grano 250 g"),
        Texts(en="A bag of whole-bean coffee.", es="Una bolsa de café en grano."),
        300,
        "grain",
        initial_stock=40,
    ),
    RewardDef(
        "barista-class",
        Texts(en="Barista masterclass", es="Clase magistral de barista"),
        Texts(
            en="An hour behind the bar with our head barista.",
            es="Una hora detrás de la barra con nuestro barista jefe.",
        ),
        400,
        "school",
        "Gold",
        initial_stock=0,
    ),
    RewardDef(
        "reserve-flight",
        Texts(en="Reserve tasting flight", es="Cata de cafés Reserve"),
        Texts(en="Three Reserve coffees, side by side.", es="Tres cafés Reserve para probar uno al lado del otro."),
        400,
        "wine_bar",
        "Reserve",
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
        said = {"reward": reward.name, "tier": str(reward.tier_required)}
        raise Refusal("tier_required", "{reward} needs {tier} status.", "reward_id", 403, params=said)
    if reason == "out_of_stock":
        raise Refusal("out_of_stock", "{reward} is out of stock.", "reward_id", 409, params={"reward": reward.name})
    if balance < reward.cost:
        missing = Stars(reward.cost - balance)
        raise Refusal("insufficient_balance", "You are {missing} short.", "reward_id", 409, params={"missing": missing})
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
