"""The next reward to aim for: only steps with a reward the member can actually get."""

from __future__ import annotations

from app.mock_backend.rules.catalog import CATALOG, REWARD_LADDER, lock_reason, next_step


def _available(tier: str, out_of_stock: frozenset[str] = frozenset()) -> list:
    return [r for r in CATALOG if lock_reason(r, tier, 0 if r.id in out_of_stock else None) is None]


def test_the_next_step_is_the_cheapest_reachable_step_above_the_balance() -> None:
    available = _available("Green")
    step = next_step(0, available)
    assert step is not None
    cost, reward = step
    assert cost == min(r.cost for r in available) and reward is not None and reward.cost == cost


def test_a_step_with_only_locked_rewards_is_never_promised() -> None:
    green = _available("Green")
    top = REWARD_LADDER[-1]
    assert not any(r.cost == top for r in green), "the demo catalog's top-step rewards need a higher tier"
    step = next_step(10_000, green)
    assert step is not None
    cost, reward = step
    assert cost < top and reward is not None and reward in green
    # With nothing available at all, there is nothing to aim for.
    assert next_step(10_000, []) is None


def test_every_promised_step_names_a_reward_the_member_can_get() -> None:
    for tier in ("Green", "Gold", "Reserve"):
        available = _available(tier)
        for balance in (0, 24, 25, 59, 60, 99, 100, 250, 399, 400, 520, 10_000):
            step = next_step(balance, available)
            assert step is not None
            cost, reward = step
            assert reward is not None and reward in available and reward.cost == cost
