"""A 429 or 503 whose `Retry-After` is longer than the client waits: no early retry, `RateLimited` with the wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from app.api import errors
from app.api.client import LoyaltyClient, RetryPolicy, parse_retry_after
from app.api.models import TokenPair
from app.mock_backend import create_app

POLICY = RetryPolicy(max_retries=2, base_delay=0, max_delay=4.0)
TOKENS = TokenPair(access_token="a1", refresh_token="r1", expires_in=900)
ALLOWANCE = {
    "balance": 100,
    "min_per_gift": 1,
    "max_per_gift": 500,
    "daily_cap": 1000,
    "sent_today": 0,
    "remaining_today": 1000,
    "max_now": 100,
    "message_max_chars": 140,
}


def answer(status: int, retry_after: str | None, code: str = "http_error") -> httpx.Response:
    headers = {"content-type": "application/problem+json"}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    body = {"title": "Slow down", "status": status, "detail": "Too many requests.", "code": code}
    return httpx.Response(status, json=body, headers=headers)


def client_answering(*answers: httpx.Response) -> tuple[LoyaltyClient, list[str]]:
    calls: list[str] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return queue.pop(0) if queue else httpx.Response(200, json=ALLOWANCE)

    return LoyaltyClient("http://api.test", transport=httpx.MockTransport(handler), retry=POLICY, tokens=TOKENS), calls


@pytest.mark.parametrize("status", [429, 503])
async def test_a_longer_wait_than_the_client_allows_raises_rate_limited_without_retrying(status: int) -> None:
    client, calls = client_answering(answer(status, "30"))
    with pytest.raises(errors.RateLimited) as info:
        await client.gift_allowance()
    assert calls == ["/v1/me/gifts/allowance"]  # asked once: no retry before the API said it is ready
    assert info.value.retry_after == 30.0
    assert errors.user_message(info.value) == "Too many attempts. Try again in 30 s."


async def test_a_write_with_a_key_is_not_retried_early_either() -> None:
    client, calls = client_answering(answer(429, "12.2"))
    with pytest.raises(errors.RateLimited) as info:
        await client.redeem_reward("extra-shot", idempotency_key="k1")
    assert calls == ["/v1/me/redemptions"]
    assert errors.user_message(info.value) == "Too many attempts. Try again in 13 s."  # rounded up


async def test_a_wait_the_client_allows_is_retried_and_succeeds() -> None:
    client, calls = client_answering(answer(429, "0"), answer(503, "0"))
    allowance = await client.gift_allowance()
    assert allowance.max_now == 100
    assert calls == ["/v1/me/gifts/allowance"] * 3


async def test_a_429_after_the_last_retry_carries_its_wait() -> None:
    client, calls = client_answering(answer(429, "0"), answer(429, "0"), answer(429, "2"))
    with pytest.raises(errors.RateLimited) as info:
        await client.gift_allowance()
    assert len(calls) == 3
    assert info.value.retry_after == 2.0
    assert errors.user_message(info.value) == "Too many attempts. Try again in 2 s."


async def test_a_429_without_retry_after_says_try_again_in_a_moment() -> None:
    client, _ = client_answering(answer(429, None), answer(429, None), answer(429, None))
    with pytest.raises(errors.RateLimited) as info:
        await client.gift_allowance()
    assert info.value.retry_after is None
    assert errors.user_message(info.value) == "Too many attempts. Try again in a moment."


async def test_a_503_with_a_short_wait_after_the_last_retry_stays_a_server_error() -> None:
    client, _ = client_answering(answer(503, "0"), answer(503, "0"), answer(503, "1"))
    with pytest.raises(errors.ServerError):
        await client.gift_allowance()


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = parse_retry_after(format_datetime(datetime.now(UTC) + timedelta(minutes=2), usegmt=True))
    assert later is not None and 100 < later <= 120


async def test_an_in_process_client_speaks_for_its_browsers_address() -> None:
    """The embedded backend throttles failed sign-ins per address: each browser session's client brings its own,
    so one browser guessing does not lock the others out of the same app server."""
    backend = create_app()
    guesser = LoyaltyClient.in_process(backend, client_address="203.0.113.5")
    neighbour = LoyaltyClient.in_process(backend, client_address="198.51.100.9")
    for _ in range(19):
        with pytest.raises(errors.InvalidCredentials):
            await guesser.sign_in("grace@example.com", "guess")
    with pytest.raises(errors.RateLimited) as throttled:
        await guesser.sign_in("grace@example.com", "guess")
    assert throttled.value.retry_after is not None and throttled.value.retry_after > 4
    await neighbour.sign_in("grace@example.com", "starboard-demo")
    await guesser.aclose()
    await neighbour.aclose()
