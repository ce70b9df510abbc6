"""Faults in the client's transport: the client retries only what is safe (GET) or keyed (redeem, gift), a write
whose answer was lost is applied exactly once, and an unkeyed write is never retried.

Unlike `tests/api/test_client_faults.py` (a scripted `MockTransport`), the server here is the real mock backend
behind `FaultyTransport`, so every "exactly once" is read from the backend's own ledger.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx
import pytest

from app.api import errors
from app.api import models as m
from app.api.client import LoyaltyClient, RetryPolicy, new_idempotency_key
from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, create_app
from app.mock_backend.seed import ADA, DEMO_EMAILS, GRACE, LINUS
from tests.reliability.faults import APPLIED_BY_SERVER, FAULTS, Fault, FaultyTransport, at_random, first_n
from tests.reliability.figures import Figures

SECTION = "Faults injected in the client's transport"
RETRY = RetryPolicy(max_retries=3, base_delay=0)


async def connect(store: Store, email: str = ADA) -> tuple[LoyaltyClient, FaultyTransport]:
    """A signed-in client whose transport breaks requests only once a test hands it a fault chooser."""
    transport = FaultyTransport(httpx.ASGITransport(app=create_app(store)))
    client = LoyaltyClient("http://starboard.local", transport=transport, retry=RETRY, timeout=5.0)
    await client.sign_in(email, DEMO_PASSWORD)
    transport.attempts.clear()
    return client, transport


INJECTED: Counter[str] = Counter()


def tally(figures: Figures, transport: FaultyTransport, *, keyed_once: int = 0, unkeyed_once: int = 0) -> None:
    INJECTED.update(transport.injected)
    figures.record(
        SECTION,
        "faults injected",
        sum(INJECTED.values()),
        ", ".join(f"{fault} {INJECTED[fault]}" for fault in FAULTS if INJECTED[fault]),
    )
    figures.add(SECTION, "requests through the faulty transport", len(transport.attempts))
    if keyed_once:
        figures.add(SECTION, "keyed writes proven applied exactly once", keyed_once, "read back from the ledger")
    if unkeyed_once:
        figures.add(SECTION, "unkeyed writes proven sent once, never retried", unkeyed_once)


def balance(store: Store, email: str) -> int:
    found = store.member_by_email(email)
    assert found is not None
    return store.balance(found, store.now())


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_read_is_retried_through_the_fault_and_returns_the_true_answer(
    store: Store, figures: Figures, fault: Fault
) -> None:
    client, transport = await connect(store)
    truth = await client.gift_allowance()
    transport.attempts.clear()
    transport.choose = first_n(fault, RETRY.max_retries)  # every attempt but the last one fails
    assert await client.gift_allowance() == truth
    attempts = transport.attempts_at("GET", "/v1/me/gifts/allowance")
    assert len(attempts) == (1 if fault == "latency" else 1 + RETRY.max_retries)
    assert all(a.idempotency_key is None for a in attempts)
    tally(figures, transport)


Write = Callable[[LoyaltyClient, str], Awaitable[object]]


async def redeem_extra_shot(client: LoyaltyClient, key: str) -> object:
    return await client.redeem_reward("extra-shot", idempotency_key=key)


def gift_to(store: Store, email: str) -> Write:
    async def send(client: LoyaltyClient, key: str) -> object:
        found = store.member_by_email(email)
        assert found is not None
        return await client.gift_stars(found.id, 25, "Lost in the post? <b>Never</b>.", idempotency_key=key)

    return send


def effects(store: Store) -> tuple[int, int, int, int]:
    """(redemptions, gifts, Ada's balance, Grace's balance)."""
    return len(store.redemptions), len(store.gifts), balance(store, ADA), balance(store, GRACE)


@pytest.mark.parametrize("operation", ["redeem", "gift"])
@pytest.mark.parametrize("fault", FAULTS)
async def test_a_keyed_write_is_retried_with_its_key_and_applied_exactly_once(
    store: Store, figures: Figures, fault: Fault, operation: str
) -> None:
    client, transport = await connect(store)
    write = redeem_extra_shot if operation == "redeem" else gift_to(store, GRACE)
    path = "/v1/me/redemptions" if operation == "redeem" else "/v1/me/gifts"
    before = effects(store)
    transport.choose = first_n(fault, 2, path=path)
    key = new_idempotency_key()
    result = await write(client, key)
    attempts = transport.attempts_at("POST", path)
    assert [a.idempotency_key for a in attempts] == [key] * len(attempts)
    assert len(attempts) == (1 if fault == "latency" else 3)
    after = effects(store)
    if operation == "redeem":
        assert isinstance(result, m.Redemption) and store.redemptions[result.id].reward_id == "extra-shot"
        assert after == (before[0] + 1, before[1], before[2] - 25, before[3])
    else:
        assert isinstance(result, m.Gift) and result.message == "Lost in the post? <b>Never</b>."
        assert after == (before[0], before[1] + 1, before[2] - 25, before[3] + 25)
    tally(figures, transport, keyed_once=1)


@pytest.mark.parametrize("fault", sorted(APPLIED_BY_SERVER - {"latency"}))
async def test_when_every_attempt_loses_its_answer_the_apps_retry_with_the_same_key_still_applies_once(
    store: Store, figures: Figures, fault: Fault
) -> None:
    client, transport = await connect(store)
    before = effects(store)
    transport.choose = first_n(fault, 1 + RETRY.max_retries, path="/v1/me/gifts")
    key = new_idempotency_key()
    send = gift_to(store, GRACE)
    with pytest.raises(errors.LoyaltyError) as info:
        await send(client, key)
    assert "try again" in errors.user_message(info.value)
    # The server applied the first attempt and replayed it to the other three; nothing was doubled.
    assert effects(store) == (before[0], before[1] + 1, before[2] - 25, before[3] + 25)
    gift = await send(client, key)  # the customer taps "Send gift" again: the same intent, the same key
    assert isinstance(gift, m.Gift) and gift.id in store.gifts
    assert effects(store) == (before[0], before[1] + 1, before[2] - 25, before[3] + 25)
    tally(figures, transport, keyed_once=1)


def review_count(store: Store) -> int:
    found = store.member_by_email(ADA)
    assert found is not None
    return sum(1 for e in found.entries if e.kind == "review")


UNKEYED: dict[str, tuple[str, str, Callable[[LoyaltyClient], Awaitable[object]], Callable[[Store], object]]] = {
    "review": (
        "POST",
        "/v1/me/reviews",
        lambda c: c.write_review(m.ReviewCreate(rating=5, text="Quick and friendly service.")),
        review_count,
    ),
    "join challenge": (
        "POST",
        "/v1/me/challenges/try-a-new-drink/join",
        lambda c: c.join_challenge("try-a-new-drink"),
        lambda s: len(s.member_by_email(ADA).challenges),  # type: ignore[union-attr]
    ),
    "profile": (
        "PATCH",
        "/v1/me",
        lambda c: c.update_profile(m.ProfileUpdate(name="Ada King")),
        lambda s: s.member_by_email(ADA).name,  # type: ignore[union-attr]
    ),
    "purchase without a key": (
        "POST",
        "/v1/demo/purchases",
        lambda c: c.simulate_purchase(4.2),
        lambda s: len(s.member_by_email(ADA).entries),  # type: ignore[union-attr]
    ),
}


@pytest.mark.parametrize("operation", sorted(UNKEYED))
@pytest.mark.parametrize("fault", [f for f in FAULTS if f != "latency"])
async def test_an_unkeyed_write_is_sent_once_and_never_retried(
    store: Store, figures: Figures, fault: Fault, operation: str
) -> None:
    method, path, call, observe = UNKEYED[operation]
    client, transport = await connect(store)
    before = observe(store)
    transport.choose = first_n(fault, 1, path=path)
    with pytest.raises(errors.LoyaltyError) as info:
        await call(client)
    assert isinstance(info.value, errors.NetworkError | errors.ServerError)
    attempts = transport.attempts_at(method, path)
    assert len(attempts) == 1, "an unkeyed write was retried"
    applied = observe(store) != before
    assert applied == (fault in APPLIED_BY_SERVER), "the write was applied a number of times other than expected"
    tally(figures, transport, unkeyed_once=1)


async def test_a_storm_of_random_faults_never_double_applies_and_conserves_stars(
    store: Store, figures: Figures
) -> None:
    rng = random.Random(20250618)
    clients = {email: await connect(store, email) for email in DEMO_EMAILS}
    ids = {email: store.member_by_email(email).id for email in DEMO_EMAILS}  # type: ignore[union-attr]
    for _, transport in clients.values():
        transport.choose = at_random(rng, rate=0.35)
    start = {email: balance(store, email) for email in DEMO_EMAILS}
    gifts_before, redemptions_before = set(store.gifts), set(store.redemptions)
    answered: dict[str, str] = {}  # key -> id of the gift or redemption the client was told about
    intents, gave_up = 240, 0
    for _ in range(intents):
        email = rng.choice(DEMO_EMAILS)
        client, _ = clients[email]
        key, roll = new_idempotency_key(), rng.random()
        to, stars = rng.choice([e for e in DEMO_EMAILS if e != email]), rng.randint(1, 40)
        reward = rng.choice(["extra-shot", "brewed-coffee", "bakery-treat"])
        for _tap in range(4):  # the app's "try again" sends the same intent with the same key
            try:
                if roll < 0.45:
                    answered[key] = (await client.gift_stars(ids[to], stars, None, idempotency_key=key)).id
                elif roll < 0.8:
                    answered[key] = (await client.redeem_reward(reward, idempotency_key=key)).id
                else:
                    await client.summary()
                break
            except (errors.NetworkError, errors.ServerError):
                continue
            except (errors.InsufficientBalance, errors.GiftLimitExceeded):
                break
        else:
            gave_up += 1
    new_records = (set(store.gifts) - gifts_before) | (set(store.redemptions) - redemptions_before)
    applied_keys = {slot[2] for slot, record in store.idempotency.items() if getattr(record, "result", None)}
    # One key, one effect: the backend made exactly one record per key it applied, and every answer the
    # client got names one of them, each a different one.
    assert len(new_records) == len(applied_keys)
    assert set(answered) <= applied_keys
    assert set(answered.values()) <= new_records and len(set(answered.values())) == len(answered)
    # Conservation: gifts only moved Stars between the four; redemptions spent them.
    spent = sum(store.redemptions[r].stars for r in set(store.redemptions) - redemptions_before)
    end = {email: balance(store, email) for email in DEMO_EMAILS}
    assert sum(end.values()) == sum(start.values()) - spent
    assert all(v >= 0 for v in end.values())
    for _, transport in clients.values():
        tally(figures, transport)
    figures.record(
        SECTION,
        "random storm: intents with 35% of requests faulted",
        intents,
        f"{len(new_records)} applied once each, {gave_up} given up after 4 taps, Stars conserved",
    )


async def test_a_refresh_whose_answer_was_lost_ends_the_session_cleanly(
    store: Store, clock: FrozenClock, figures: Figures
) -> None:
    """Known limit: refresh is an unkeyed POST and refresh tokens are single-use, so a lost answer signs out."""
    client, transport = await connect(store, LINUS)
    ended: list[bool] = []
    client.on_session_expired = lambda: ended.append(True)
    before = effects(store)
    transport.choose = first_n("lost_after_apply", 1, path="/v1/auth/refresh")
    with pytest.raises(errors.NetworkError):
        await client.refresh()
    assert len(transport.attempts_at("POST", "/v1/auth/refresh")) == 1
    assert client.signed_in  # offline is not signed out...
    clock.advance(timedelta(minutes=16))
    with pytest.raises(errors.SessionExpired):
        await client.summary()  # ...but the spent refresh token is now refused as a reuse, and the family revoked
    assert ended == [True] and not client.signed_in
    assert effects(store) == before
    again, _ = await connect(store, LINUS)  # signing in again works
    assert (await again.me()).email == LINUS
    tally(figures, transport)
