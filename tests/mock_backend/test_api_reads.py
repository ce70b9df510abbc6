"""Reads: summary with ETag, activity paging, events, badges, challenges, friends, engagement bonuses."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx

from app.mock_backend import FrozenClock, Store, seed_bulk_history
from app.mock_backend.rules.joining import WELCOME_BONUS
from app.mock_backend.seed import ADA, ALAN, GRACE, LINUS
from tests.mock_backend.conftest import assert_problem, balances, sign_in
from tests.support.joining import join_over_http


async def test_summary_has_an_etag_and_answers_304_until_something_changes(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    first = await client.get("/v1/me/summary", headers=ada)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    same = await client.get("/v1/me/summary", headers={**ada, "If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["ETag"] == etag
    assert (await client.get("/v1/me/summary", headers={**ada, "If-None-Match": f'"x", W/{etag}'})).status_code == 304
    await client.post("/v1/demo/purchases", json={"amount": 4}, headers=ada)
    changed = await client.get("/v1/me/summary", headers={**ada, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


async def test_activity_pages_cover_every_entry_exactly_once_newest_first(
    client: httpx.AsyncClient, store: Store
) -> None:
    linus = await sign_in(client, LINUS)
    member = store.member_by_email(LINUS)
    assert member is not None
    seen: list[dict[str, object]] = []
    cursor: str | None = None
    while True:
        query = f"/v1/me/activity?limit=7{f'&cursor={cursor}' if cursor else ''}"
        page = (await client.get(query, headers=linus)).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [e["id"] for e in seen] == [e.id for e in reversed(member.entries)]
    assert len({e["id"] for e in seen}) == len(member.entries)
    times = [e["created_at"] for e in seen]
    assert times == sorted(times, reverse=True)
    assert all(e["reason"] for e in seen)


async def test_activity_filters_by_kind_and_pages_within_the_filter(client: httpx.AsyncClient, store: Store) -> None:
    alan = await sign_in(client, ALAN)
    member = store.member_by_email(ALAN)
    assert member is not None
    groups = {
        "earned": {"purchase", "bonus", "review", "survey", "referral", "birthday", "challenge"},
        "spent": {"redeem"},
        "gifts": {"gift_in", "gift_out"},
        "expired": {"expire"},
    }
    for kind, kinds in groups.items():
        items, cursor = [], None
        while True:
            page = (
                await client.get(
                    "/v1/me/activity",
                    params={"kind": kind, "limit": 2, **({"cursor": cursor} if cursor else {})},
                    headers=alan,
                )
            ).json()
            items += page["items"]
            if not (cursor := page["next_cursor"]):
                break
        assert [i["id"] for i in items] == [e.id for e in reversed(member.entries) if e.kind in kinds]
    expired = (await client.get("/v1/me/activity?kind=expired", headers=alan)).json()["items"]
    assert expired and all(e["stars"] < 0 for e in expired)


async def test_paging_ten_thousand_entries_is_complete(client: httpx.AsyncClient, store: Store) -> None:
    seed_bulk_history(store, ADA, 10_000)
    ada = await sign_in(client, ADA)
    count, cursor = 0, None
    while True:
        page = (
            await client.get(
                "/v1/me/activity", params={"limit": 100, **({"cursor": cursor} if cursor else {})}, headers=ada
            )
        ).json()
        count += len(page["items"])
        if not (cursor := page["next_cursor"]):
            break
    member = store.member_by_email(ADA)
    assert member is not None and count == len(member.entries) > 10_000
    assert member.running_balance == balances(store)[ADA] == member.entries[-1].balance_after
    assert (await client.get("/v1/me/summary", headers=ada)).status_code == 200


async def test_events_feed_returns_only_newer_events(client: httpx.AsyncClient, store: Store) -> None:
    ada, grace = await sign_in(client, ADA), await sign_in(client, GRACE)
    everything = (await client.get("/v1/me/events?limit=100", headers=grace)).json()
    cursor = everything["cursor"]
    while True:
        page = (await client.get(f"/v1/me/events?after={cursor}&limit=100", headers=grace)).json()
        if not page["events"]:
            break
        cursor = page["cursor"]
    grace_id = store.member_by_email(GRACE).id  # type: ignore[union-attr]
    await client.post(
        "/v1/me/gifts",
        json={"friend_id": grace_id, "stars": 15, "message": "hi"},
        headers={**ada, "Idempotency-Key": str(uuid.uuid4())},
    )
    new = (await client.get(f"/v1/me/events?after={cursor}", headers=grace)).json()
    assert [e["kind"] for e in new["events"]] == ["gift_received"]
    assert new["events"][0]["stars"] == 15 and new["cursor"] > cursor


async def test_joining_a_challenge_counts_only_later_visits_and_pays_on_completion(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    ada = await sign_in(client, ADA)
    challenges = {c["id"]: c for c in (await client.get("/v1/me/challenges", headers=ada)).json()}
    assert challenges["visit-3-this-week"]["status"] == "joined"
    assert challenges["visit-3-this-week"]["progress"] == 1  # the visit before joining does not count
    assert challenges["try-a-new-drink"]["status"] == "open"
    assert {challenges[c]["status"] for c in ("share-the-love", "review-rookie")} == {"completed"}
    joined = await client.post("/v1/me/challenges/try-a-new-drink/join", headers=ada)
    assert joined.status_code == 200 and joined.json()["progress"] == 0
    assert_problem(await client.post("/v1/me/challenges/try-a-new-drink/join", headers=ada), 409, "already_joined")
    assert_problem(await client.post("/v1/me/challenges/share-the-love/join", headers=ada), 409, "already_joined")
    before = balances(store)[ADA]
    purchase = (await client.post("/v1/demo/purchases", json={"amount": 5}, headers=ada)).json()
    challenges = {c["id"]: c for c in (await client.get("/v1/me/challenges", headers=ada)).json()}
    assert challenges["try-a-new-drink"]["status"] == "completed"
    assert balances(store)[ADA] == before + purchase["stars"] + 25
    clock.advance(timedelta(days=32))
    ada = await sign_in(client, ADA)
    assert_problem(await client.post("/v1/me/challenges/spend-50/join", headers=ada), 409, "challenge_closed")


async def test_the_review_bonus_is_paid_once_a_day(client: httpx.AsyncClient, clock: FrozenClock) -> None:
    grace = await sign_in(client, GRACE)
    review = {"rating": 5, "text": "Friendly barista, great cortado.", "subject": "Canal Street"}
    first = await client.post("/v1/me/reviews", json=review, headers=grace)
    assert first.status_code == 201 and first.json()["stars"] == 10
    assert_problem(await client.post("/v1/me/reviews", json=review, headers=grace), 409, "already_reviewed_today")
    clock.advance(timedelta(days=1))
    grace = await sign_in(client, GRACE)
    assert (await client.post("/v1/me/reviews", json=review, headers=grace)).status_code == 201
    badges = {b["id"]: b for b in (await client.get("/v1/me/badges", headers=grace)).json()}
    assert badges["first-review"]["earned_at"] is not None


async def test_the_survey_bonus_is_paid_once_per_survey(client: httpx.AsyncClient) -> None:
    alan = await sign_in(client, ALAN)
    survey = (await client.get("/v1/me/survey", headers=alan)).json()
    assert survey["answered"] is False
    answers = {q["id"]: q["choices"][0] for q in survey["questions"]}
    first = await client.post("/v1/me/survey", json={"survey_id": survey["id"], "answers": answers}, headers=alan)
    assert first.status_code == 201 and first.json()["stars"] == 15
    again = await client.post("/v1/me/survey", json={"survey_id": survey["id"], "answers": answers}, headers=alan)
    assert_problem(again, 409, "survey_already_answered")
    assert (await client.get("/v1/me/survey", headers=alan)).json()["answered"] is True
    wrong = await client.post("/v1/me/survey", json={"survey_id": "survey-1999-01", "answers": answers}, headers=alan)
    assert_problem(wrong, 404, "not_found", "survey_id")


async def test_gifts_go_to_friends_only_and_never_to_oneself(client: httpx.AsyncClient, store: Store) -> None:
    signup = await join_over_http(
        client, {"email": "ken@example.com", "password": "unix-1969", "name": "Ken Thompson"}, store
    )
    ken = {"Authorization": f"Bearer {signup.json()['access_token']}"}
    grace_id = store.member_by_email(GRACE).id  # type: ignore[union-attr]
    not_friend = await client.post(
        "/v1/me/gifts", json={"friend_id": grace_id, "stars": 1}, headers={**ken, "Idempotency-Key": "k1"}
    )
    assert_problem(not_friend, 403, "not_a_friend", "friend_id")
    me = (await client.get("/v1/me", headers=ken)).json()
    self_gift = await client.post(
        "/v1/me/gifts", json={"friend_id": me["id"], "stars": 1}, headers={**ken, "Idempotency-Key": "k2"}
    )
    assert_problem(self_gift, 422, "cannot_gift_self", "friend_id")


async def test_referral_pays_both_sides_only_after_the_first_purchase(client: httpx.AsyncClient, store: Store) -> None:
    ada = await sign_in(client, ADA)
    code = (await client.get("/v1/me/referral", headers=ada)).json()["code"]
    signup = await join_over_http(
        client,
        {
            "email": "margaret@example.com",
            "password": "apollo-11",
            "name": "Margaret Hamilton",
            "referral_code": code,
        },
        store,
    )
    margaret = {"Authorization": f"Bearer {signup.json()['access_token']}"}
    before = balances(store)[ADA]
    referral = (await client.get("/v1/me/referral", headers=ada)).json()
    assert (referral["pending"], referral["completed"]) == (1, 1)
    assert balances(store)["margaret@example.com"] == WELCOME_BONUS
    await client.post("/v1/demo/purchases", json={"amount": 3}, headers=margaret)
    assert balances(store)[ADA] == before + 50
    assert balances(store)["margaret@example.com"] == WELCOME_BONUS + 6 * 2 + 50  # Double Star Day: 3.00 -> 6 x 2
    await client.post("/v1/demo/purchases", json={"amount": 3}, headers=margaret)
    assert balances(store)[ADA] == before + 50
    referral = (await client.get("/v1/me/referral", headers=ada)).json()
    assert (referral["pending"], referral["completed"]) == (0, 2)


async def test_birthday_bonus_arrives_once_on_the_birthday(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    alan = await sign_in(client, ALAN)  # birthday 23 June; the clock says 18 June
    before = balances(store)[ALAN]
    await client.patch("/v1/me", json={"birthday": "1912-06-23"}, headers=alan)
    assert balances(store)[ALAN] == before
    clock.advance(timedelta(days=5))
    alan = await sign_in(client, ALAN)
    await client.get("/v1/me", headers=alan)
    await client.get("/v1/me", headers=alan)
    member = store.member_by_email(ALAN)
    assert member is not None
    birthday_entries = [e for e in member.entries if e.kind == "birthday" and e.created_at == clock()]
    assert len(birthday_entries) == 1
    await client.patch("/v1/me", json={"birthday": "1912-06-24"}, headers=alan)
    assert len([e for e in member.entries if e.kind == "birthday" and e.created_at.year == 2025]) == 1


async def test_due_stars_expire_lazily_and_the_warning_moves_on(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock
) -> None:
    alan = await sign_in(client, ALAN)
    summary = (await client.get("/v1/me/summary", headers=alan)).json()
    warning = summary["expiring"]
    assert warning and warning["stars"] > 0 and 0 < warning["days_left"] <= 30
    assert warning["suggested_reward"] is not None
    before, start = summary["balance"], clock()
    clock.advance(timedelta(days=31))
    alan = await sign_in(client, ALAN)
    after = (await client.get("/v1/me/summary", headers=alan)).json()
    assert after["balance"] == before - warning["stars"]
    expired = (await client.get("/v1/me/activity?kind=expired&limit=100", headers=alan)).json()["items"]
    just_expired = [e for e in expired if datetime.fromisoformat(e["created_at"]) > start]
    assert -sum(e["stars"] for e in just_expired) == warning["stars"]


async def test_rewards_show_per_member_affordability_and_locks(client: httpx.AsyncClient) -> None:
    grace = await sign_in(client, GRACE)
    rewards = {r["id"]: r for r in (await client.get("/v1/rewards", headers=grace)).json()}
    assert len(rewards) == 10
    assert {r["cost"] for r in rewards.values()} == {25, 60, 100, 200, 300, 400}
    assert rewards["lunch-bowl"]["locked_reason"] == "tier" and not rewards["lunch-bowl"]["can_redeem"]
    assert rewards["barista-class"]["stock"] == 0
    assert rewards["extra-shot"]["can_redeem"] and rewards["extra-shot"]["stars_missing"] == 0
    assert_problem(await client.get("/v1/rewards"), 401, "unauthorized")


async def test_profile_update_changes_name_and_refuses_a_future_birthday(client: httpx.AsyncClient) -> None:
    ada = await sign_in(client, ADA)
    changed = await client.patch("/v1/me", json={"name": "Augusta Ada King"}, headers=ada)
    assert changed.json()["name"] == "Augusta Ada King"
    assert_problem(
        await client.patch("/v1/me", json={"birthday": "2999-01-01"}, headers=ada), 422, "validation_error", "birthday"
    )
    card = (await client.get("/v1/me/card", headers=ada)).json()
    assert card["name"] == "Augusta Ada King" and card["member_number"] in card["qr_payload"]
