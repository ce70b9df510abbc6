"""What the backend holds: plain httpx calls to the mock loyalty API, parsed with the contract models.

The journeys assert twice: what the customer sees in the browser, and what the backend then holds. This is the
second half. It signs in as any demo member (POST /v1/auth/token) and re-signs in once on a 401 (a restarted
backend has forgotten earlier tokens).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter

from app.api import models as m
from tests.support.demo import DEMO_PASSWORD
from tests.support.joining import join_over_http

T = TypeVar("T")


class BackendApi:
    """`language` ("es"): every request asks for texts in it (`Accept-Language`), as the app does for a member who
    speaks it; a backend that does not translate yet answers in English, which the callers then expect."""

    def __init__(self, base_url: str, language: str | None = None) -> None:
        self.base_url = base_url
        self.language = language
        headers = {"Accept-Language": language} if language else None
        self.http = httpx.AsyncClient(base_url=base_url, timeout=10.0, headers=headers)
        self._tokens: dict[str, str] = {}
        self._passwords: dict[str, str] = {}
        """Members who joined during the run (`join`), and their passwords; everyone else is a demo member."""

    async def __aenter__(self) -> BackendApi:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    # ------------------------------------------------------------------ raw

    async def token(self, email: str, *, fresh: bool = False) -> str:
        if fresh or email not in self._tokens:
            password = self._passwords.get(email, DEMO_PASSWORD)
            response = await self.http.post("/v1/auth/token", json={"email": email, "password": password})
            response.raise_for_status()
            self._tokens[email] = m.TokenPair.model_validate_json(response.content).access_token
        return self._tokens[email]

    def remember(self, email: str, access_token: str) -> None:
        """Act as `email` with a token taken from a browser (a demo member has no password to sign in with)."""
        self._tokens[email] = access_token

    async def request(self, email: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        for attempt in range(2):
            headers["Authorization"] = f"Bearer {await self.token(email, fresh=attempt > 0)}"
            response = await self.http.request(method, path, headers=headers, **kwargs)
            if response.status_code != 401:
                break
        return response

    async def get(self, email: str, path: str, into: Any, **params: Any) -> Any:
        response = await self.request(email, "GET", path, params=params or None)
        response.raise_for_status()
        return TypeAdapter(into).validate_json(response.content)

    # ------------------------------------------------------------------ reads

    async def summary(self, email: str) -> m.Summary:
        return await self.get(email, "/v1/me/summary", m.Summary)

    async def balance(self, email: str) -> int:
        return (await self.summary(email)).balance

    async def me(self, email: str) -> m.Profile:
        return await self.get(email, "/v1/me", m.Profile)

    async def program(self) -> m.Program:
        response = await self.http.get("/v1/program")
        response.raise_for_status()
        return m.Program.model_validate_json(response.content)

    async def outbox(self, to: str) -> list[m.OutboxMessage]:
        """What the demo mock "emailed" or "texted" to `to`, newest first (`GET /v1/demo/outbox`)."""
        response = await self.http.get("/v1/demo/outbox", params={"to": to})
        response.raise_for_status()
        return TypeAdapter(list[m.OutboxMessage]).validate_json(response.content)

    async def rewards(self, email: str) -> list[m.Reward]:
        return await self.get(email, "/v1/rewards", list[m.Reward])

    async def redemptions(self, email: str) -> list[m.Redemption]:
        return await self.get(email, "/v1/me/redemptions", list[m.Redemption])

    async def badges(self, email: str) -> list[m.Badge]:
        return await self.get(email, "/v1/me/badges", list[m.Badge])

    async def challenges(self, email: str) -> list[m.Challenge]:
        return await self.get(email, "/v1/me/challenges", list[m.Challenge])

    async def friends(self, email: str) -> list[m.Friend]:
        return await self.get(email, "/v1/me/friends", list[m.Friend])

    async def allowance(self, email: str) -> m.GiftAllowance:
        return await self.get(email, "/v1/me/gifts/allowance", m.GiftAllowance)

    async def activity(self, email: str, limit: int = 50) -> list[m.ActivityEntry]:
        page: m.ActivityPage = await self.get(email, "/v1/me/activity", m.ActivityPage, limit=limit)
        return page.items

    async def card(self, email: str) -> m.MemberCard:
        return await self.get(email, "/v1/me/card", m.MemberCard)

    async def friend_requests(self, email: str) -> m.FriendRequests:
        return await self.get(email, "/v1/me/friend-requests", m.FriendRequests)

    async def asks(self, email: str) -> m.Asks:
        return await self.get(email, "/v1/me/asks", m.Asks)

    async def thanks(self, email: str) -> m.Thanks:
        return await self.get(email, "/v1/me/thanks", m.Thanks)

    # ------------------------------------------------------------------ writes (test setup only)

    async def join(self, name: str, password: str = DEMO_PASSWORD) -> str:
        """A new member of our own (no friends yet), joined with the code from the demo outbox, so a test depends
        on no other test's Stars; returns their email."""
        email = f"{name.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.test"
        response = await join_over_http(self.http, {"email": email, "password": password, "name": name})
        response.raise_for_status()
        self._passwords[email] = password
        return email

    async def join_challenge(self, email: str, challenge_id: str) -> None:
        response = await self.request(email, "POST", f"/v1/me/challenges/{challenge_id}/join")
        response.raise_for_status()

    async def redeem(self, email: str, reward_id: str) -> m.Redemption:
        response = await self.request(
            email,
            "POST",
            "/v1/me/redemptions",
            json={"reward_id": reward_id},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        response.raise_for_status()
        return m.Redemption.model_validate_json(response.content)

    async def gift(self, email: str, friend_id: str, stars: int, message: str | None = None) -> httpx.Response:
        """Send a gift; the raw answer (a refusal is an answer too)."""
        body = {"friend_id": friend_id, "stars": stars, "message": message}
        return await self.request(
            email, "POST", "/v1/me/gifts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
        )

    async def ask(self, email: str, friend_id: str, stars: int, note: str) -> m.StarAsk:
        body = {"friend_id": friend_id, "stars": stars, "note": note}
        response = await self.request(email, "POST", "/v1/me/asks", json=body)
        response.raise_for_status()
        return m.StarAsk.model_validate_json(response.content)

    async def hang(self, on: bool) -> None:
        """Make the API hang (every request held) or answer again (needs the backend's `--faults`)."""
        response = await self.http.post("/_faults/hang" if on else "/_faults/release")
        response.raise_for_status()

    async def purchase(self, email: str, amount: float) -> m.PurchaseResult:
        response = await self.request(
            email, "POST", "/v1/demo/purchases", json={"amount": amount}, headers={"Idempotency-Key": uuid.uuid4().hex}
        )
        response.raise_for_status()
        return m.PurchaseResult.model_validate_json(response.content)


async def eventually(check: Callable[[], Awaitable[T]], accept: Callable[[T], bool], timeout: float = 10.0) -> T:
    """Poll `check()` until `accept(result)` holds (the backend's state, caught up with what the browser did).

    Returns the accepted result; after `timeout` seconds, the last one (so the caller's assertion shows it).
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if accept(result) or asyncio.get_running_loop().time() >= deadline:
            return result
        await asyncio.sleep(0.1)
