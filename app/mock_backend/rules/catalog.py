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


# The catalog, one line per reward and per text: id, cost, icon, tier required, units at start; then its name and
# its description in every language.
_REWARDS: tuple[tuple[str, int, str, TierName | None, int | None], ...] = (
    ("extra-shot", 25, "coffee", None, None),
    ("brewed-coffee", 60, "local_cafe", None, None),
    ("bakery-treat", 60, "bakery_dining", None, None),
    ("handcrafted-drink", 100, "emoji_food_beverage", None, None),
    ("breakfast-sandwich", 200, "breakfast_dining", None, None),
    ("lunch-bowl", 200, "lunch_dining", "Gold", None),
    ("tumbler", 300, "local_drink", None, 12),
    ("coffee-beans", 300, "grain", None, 40),
    ("barista-class", 400, "school", "Gold", 0),
    ("reserve-flight", 400, "wine_bar", "Reserve", None),
)
_NAMES: dict[str, Texts] = {
    "extra-shot": Texts("Extra shot", "Shot extra"),
    "brewed-coffee": Texts("Brewed coffee", "Café de filtro"),
    "bakery-treat": Texts("Bakery treat", "Dulce de panadería"),
    "handcrafted-drink": Texts("Handcrafted drink", "Bebida de barista"),
    "breakfast-sandwich": Texts("Breakfast sandwich", "Sándwich de desayuno"),
    "lunch-bowl": Texts("Lunch bowl", "Bowl de almuerzo"),
    "tumbler": Texts("Tumbler", "Vaso térmico"),
    "coffee-beans": Texts("Coffee beans 250g", "Café en grano 250 g"),
    "barista-class": Texts("Barista masterclass", "Clase magistral de barista"),
    "reserve-flight": Texts("Reserve tasting flight", "Cata de cafés Reserve"),
}
_ABOUT_EN: dict[str, str] = {
    "extra-shot": "Add an espresso shot or a syrup to any drink.",
    "brewed-coffee": "Any size of the day's brewed coffee or hot tea.",
    "bakery-treat": "A croissant, muffin or cookie of your choice.",
    "handcrafted-drink": "Any handcrafted drink, any size.",
    "breakfast-sandwich": "A warm breakfast sandwich.",
    "lunch-bowl": "A seasonal lunch bowl.",
    "tumbler": "A reusable 470 ml steel tumbler.",
    "coffee-beans": "A bag of whole-bean coffee.",
    "barista-class": "An hour behind the bar with our head barista.",
    "reserve-flight": "Three Reserve coffees, side by side.",
}
_ABOUT_ES: dict[str, str] = {
    "extra-shot": "Añade un shot de espresso o un sirope a cualquier bebida.",
    "brewed-coffee": "El café de filtro del día o un té caliente, del tamaño que quieras.",
    "bakery-treat": "Un cruasán, una magdalena o una galleta, a tu elección.",
    "handcrafted-drink": "Cualquier bebida preparada por el barista, del tamaño que quieras.",
    "breakfast-sandwich": "Un sándwich de desayuno calentito.",
    "lunch-bowl": "Un bowl de temporada para el almuerzo.",
    "tumbler": "Un vaso térmico reutilizable de acero, de 470 ml.",
    "coffee-beans": "Una bolsa de café en grano.",
    "barista-class": "Una hora detrás de la barra con nuestro barista jefe.",
    "reserve-flight": "Tres cafés Reserve para probar uno al lado del otro.",
}
CATALOG: tuple[RewardDef, ...] = tuple(
    RewardDef(reward_id, _NAMES[reward_id], Texts(_ABOUT_EN[reward_id], _ABOUT_ES[reward_id]), cost, icon, tier, stock)
    for reward_id, cost, icon, tier, stock in _REWARDS
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
