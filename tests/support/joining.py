"""Joining as a customer does: ask to join, read the code the API "emailed" (the demo outbox), confirm it."""

from __future__ import annotations

import re
from typing import Any

import httpx

from app.api.client import LoyaltyClient
from app.api.models import SignupRequest, TokenPair
from app.mock_backend.store import Store

CODE_RE = re.compile(r"\bcode is (\d{6})\b")
"""The code's own sentence ("Your code is 123456."), not any six digits: a name in the email may hold some."""


def code_in(text: str) -> str:
    """The 6-digit code in an email's text."""
    match = CODE_RE.search(text)
    assert match, f"no code in {text!r}"
    return match.group(1)


def emailed_code(store: Store, email: str) -> str:
    """The newest code emailed to `email`, read from the store's outbox (in-process tests)."""
    bodies = [m.body for m in reversed(store.joining.outbox) if m.to == email.strip().lower()]
    assert bodies, f"nothing was emailed to {email}"
    return code_in(bodies[0])


async def join_over_http(http: httpx.AsyncClient, body: dict[str, Any], store: Store | None = None) -> httpx.Response:
    """`POST /v1/members`, then the code (from `store`'s outbox, or `GET /v1/demo/outbox`), then
    `POST /v1/members/verify`. Returns the answer of the verification (201 with the token pair)."""
    started = await http.post("/v1/members", json=body)
    assert started.status_code == 202, started.text
    if store is not None:
        code = emailed_code(store, body["email"])
    else:
        outbox = await http.get("/v1/demo/outbox", params={"to": body["email"]})
        assert outbox.status_code == 200, outbox.text
        code = code_in(outbox.json()[0]["body"])
    return await http.post("/v1/members/verify", json={"email": body["email"], "code": code})


async def join_with_client(client: LoyaltyClient, body: SignupRequest) -> TokenPair:
    """The client's own calls: sign up, read the demo outbox, verify (the client is then signed in)."""
    await client.sign_up(body)
    messages = await client.demo_outbox(body.email)
    return await client.verify_sign_up(body.email, code_in(messages[0].body))
