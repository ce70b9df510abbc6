"""No secret in any log or URL: a whole journey (sign in, summary, gift, redeem, refresh, sign out) through the
app's own session store, with every logger at DEBUG, in process and over real HTTP with uvicorn's access log.

The secrets are collected from the traffic itself (every token the API handed out, the password typed), then
looked for in every log record (message, arguments, exception text and extra attributes) and every request URL.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import pytest

from app.api.client import LoyaltyClient, RetryPolicy
from app.api.in_process import InProcessTransport
from app.mock_backend import DEMO_PASSWORD, FrozenClock, Store, create_app
from app.mock_backend.seed import ADA
from app.state import GiftState, HomeState, MemoryDeviceStore, RewardsState, Session
from tests.reliability.conftest import ServedBackend
from tests.reliability.figures import Figures

SECTION = "Secrets"
NO_WAIT = RetryPolicy(max_retries=1, base_delay=0)
TOKEN_PATHS = {"/v1/auth/token", "/v1/auth/refresh", "/v1/members/verify", "/v1/demo/members"}
WRONG_PASSWORD = "not-the-password-Zq8"


@dataclass
class Recorder(httpx.AsyncBaseTransport):
    """Passes every request through, keeping its full URL and every token the API hands out."""

    inner: httpx.AsyncBaseTransport
    urls: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            self.tokens.add(auth.removeprefix("Bearer "))
        response = await self.inner.handle_async_request(request)
        if request.url.path in TOKEN_PATHS and response.status_code < 300:
            body = json.loads(await response.aread())
            self.tokens |= {body["access_token"], body["refresh_token"]}
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


async def journey(client: LoyaltyClient, clock: FrozenClock | None = None) -> None:
    """What a customer does in one sitting, through the app's own state layer."""
    session = Session(client, MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(ADA, WRONG_PASSWORD) is not None  # a typo first
    assert await session.sign_in(ADA, DEMO_PASSWORD) is None
    await session.live.stop()
    home, gift, rewards = session.screen(HomeState), session.screen(GiftState), session.screen(RewardsState)
    await home.refresh()
    assert home.summary is not None
    await gift.ensure_loaded()
    gift.set_friend(next(f.id for f in gift.friends if f.name.startswith("Grace")))
    gift.set_amount("5")
    gift.set_message("A coffee on me")
    gift.review()
    await gift.send()
    assert gift.step == "sent", gift.errors or gift.send_error
    await rewards.ensure_loaded()
    cheapest = min((r for r in rewards.rewards if r.can_redeem), key=lambda r: r.cost)
    rewards.ask_to_redeem(cheapest)
    await rewards.confirm_redeem()
    assert rewards.redeem_error is None
    await client.refresh()  # an explicit rotation...
    if clock is not None:
        clock.advance(timedelta(minutes=16))  # ...and an automatic one, after the access token expired
    home.invalidate()
    await home.refresh()
    assert home.error is None
    await session.sign_out()
    assert session.auth == "signed_out"
    await session.close()


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(repr({k: v for k, v in record.__dict__.items() if k not in ("msg", "args")}))
    return "\n".join(parts)


def check_no_secret(where: str, text: str, secrets: set[str]) -> None:
    leaked = [s[:6] + "..." for s in secrets if s in text]
    assert not leaked, f"{len(leaked)} secret(s) found in {where}: {leaked}"


def check_urls(urls: list[str], secrets: set[str]) -> None:
    for url in urls:
        parsed = httpx.URL(url)
        assert not parsed.query or b"token" not in parsed.query.lower(), url
        check_no_secret(f"the URL {url}", url, secrets)


async def test_an_in_process_journey_logs_no_token_or_password_at_debug(
    store: Store, clock: FrozenClock, caplog: pytest.LogCaptureFixture, figures: Figures
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: every library and every starboard logger
    recorder = Recorder(InProcessTransport(create_app(store)))
    client = LoyaltyClient("http://starboard.local", transport=recorder, retry=NO_WAIT)
    await journey(client, clock)
    secrets = recorder.tokens | {DEMO_PASSWORD, WRONG_PASSWORD}
    assert len(recorder.tokens) >= 6, "sign-in, explicit refresh and automatic refresh each hand out a pair"
    logged = everything_logged(caplog)
    assert "HTTP Request: POST http://starboard.local/v1/auth/token" in logged, "the capture saw no request logs"
    check_no_secret("the DEBUG logs", logged, secrets)
    check_urls(recorder.urls, secrets)
    assert any(u.endswith("/v1/auth/logout") for u in recorder.urls)
    figures.record(SECTION, "in process: log records inspected at DEBUG", len(caplog.records), "all loggers")
    figures.record(SECTION, "in process: request URLs checked", len(recorder.urls), "no token in path or query")
    figures.add(SECTION, "secrets looked for (tokens handed out + passwords)", len(secrets))


async def test_a_journey_over_http_leaves_no_secret_in_client_logs_or_the_uvicorn_access_log(
    served_backend: ServedBackend, caplog: pytest.LogCaptureFixture, figures: Figures
) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(httpx.AsyncHTTPTransport())
    client = LoyaltyClient(served_backend.url, transport=recorder, retry=NO_WAIT)
    await journey(client)
    secrets = recorder.tokens | {DEMO_PASSWORD, WRONG_PASSWORD}
    logged = everything_logged(caplog)
    assert "send_request_headers" in logged, "httpcore's DEBUG records were not captured"
    check_no_secret("the client's DEBUG logs", logged, secrets)
    check_urls(recorder.urls, secrets)
    deadline = time.monotonic() + 5
    while '"POST /v1/auth/logout HTTP/1.1" 204' not in served_backend.log_text():
        assert time.monotonic() < deadline, "the access log never showed the sign-out"
        await asyncio.sleep(0.05)
    server_log = served_backend.log_text()
    for line in ('"POST /v1/auth/token HTTP/1.1" 401', '"POST /v1/auth/refresh HTTP/1.1" 200', "GET /v1/me/summary"):
        assert line in server_log, f"the access log lacks {line}"
    check_no_secret("the uvicorn log", server_log, secrets)
    figures.record(SECTION, "over HTTP: client log records inspected at DEBUG", len(caplog.records), "httpx, httpcore")
    figures.record(
        SECTION, "over HTTP: uvicorn log lines inspected", len(server_log.splitlines()), "access log of the whole run"
    )
    figures.record(SECTION, "over HTTP: request URLs checked", len(recorder.urls))
    figures.add(SECTION, "secrets looked for (tokens handed out + passwords)", len(secrets))
