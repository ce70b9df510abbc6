"""The social rules as pure functions: friend codes, guessing, requests, asks and thank-yous."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from app.mock_backend.rules import asks, friends, thanks
from app.mock_backend.rules.refusals import Refusal
from tests.support.clocks import T0


def test_a_friend_code_has_ten_random_characters_from_an_alphabet_without_look_alikes() -> None:
    code = friends.new_friend_code("Ada Lovelace", random.Random(1))
    stem, first, second = code.split("-")
    assert stem == "ADAL" and len(first) == len(second) == 5
    assert set(first + second) <= set(friends.CODE_ALPHABET)
    assert not set("01OIL") & set(friends.CODE_ALPHABET)
    # 31 symbols, 10 of them: about 50 bits, far beyond what throttled guessing can reach.
    assert len(friends.CODE_ALPHABET) ** friends.CODE_RANDOM_CHARS > 2**49


def test_codes_compare_without_case_spaces_or_dashes() -> None:
    assert friends.normalise_code(" adal-k7q2m x9hhp ") == friends.normalise_code("ADAL-K7Q2M-X9HHP")


def test_guessing_waits_once_the_window_holds_the_limit_and_frees_as_failures_age() -> None:
    failures = [T0 + timedelta(seconds=i) for i in range(friends.GUESSES_PER_MEMBER)]
    now = T0 + timedelta(minutes=1)
    assert friends.wait_seconds(failures[:-1], friends.GUESSES_PER_MEMBER, now) is None
    wait = friends.wait_seconds(failures, friends.GUESSES_PER_MEMBER, now)
    assert wait == int((friends.GUESS_WINDOW - timedelta(minutes=1)).total_seconds())
    later = T0 + friends.GUESS_WINDOW + timedelta(seconds=1)
    assert friends.wait_seconds(failures, friends.GUESSES_PER_MEMBER, later) is None
    with pytest.raises(Refusal) as refused:
        friends.check_guessing(failures, [], now)
    assert refused.value.code == "too_many_friend_code_attempts" and refused.value.status == 429
    assert refused.value.retry_after == wait


def test_the_address_limit_counts_failures_of_every_member_behind_it() -> None:
    failures = [T0] * friends.GUESSES_PER_ADDRESS
    with pytest.raises(Refusal):
        friends.check_guessing([], failures, T0 + timedelta(seconds=5))
    friends.check_guessing([], failures[1:], T0 + timedelta(seconds=5))


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({"recipient_id": "a"}, "cannot_friend_self"),
        ({"already_friends": True}, "already_friends"),
        ({"pending_out": True}, "friend_request_pending"),
    ],
)
def test_a_request_is_refused_to_oneself_to_a_friend_and_twice(case: dict[str, object], expected: str) -> None:
    args: dict[str, object] = {
        "sender_id": "a",
        "recipient_id": "b",
        "already_friends": False,
        "pending_out": False,
        "pending_in": False,
    }
    with pytest.raises(Refusal) as refused:
        friends.check_request(**(args | case))  # type: ignore[arg-type]
    assert refused.value.code == expected


def test_asking_someone_who_asked_you_makes_the_friendship() -> None:
    common = {"sender_id": "a", "recipient_id": "b", "already_friends": False}
    assert friends.check_request(**common, pending_out=False, pending_in=False) == "send"  # type: ignore[arg-type]
    assert friends.check_request(**common, pending_out=True, pending_in=True) == "befriend"  # type: ignore[arg-type]


def test_only_the_party_may_answer_a_request_and_only_while_pending() -> None:
    friends.check_answer(status="pending", is_party=True)
    with pytest.raises(Refusal) as refused:
        friends.check_answer(status="pending", is_party=False)
    assert refused.value.status == 404
    with pytest.raises(Refusal) as closed:
        friends.check_answer(status="declined", is_party=True)
    assert closed.value.code == "friend_request_closed"


def test_an_open_ask_expires_after_seven_days() -> None:
    expires = T0 + asks.EXPIRES_AFTER
    assert asks.EXPIRES_AFTER == timedelta(days=7)
    assert asks.status_at("open", expires, expires - timedelta(seconds=1)) == "open"
    assert asks.status_at("open", expires, expires) == "expired"
    assert asks.status_at("accepted", expires, expires + timedelta(days=1)) == "accepted"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({"stars": 0}, "gift_limit_exceeded"),
        ({"stars": 501}, "gift_limit_exceeded"),
        ({"friend_id": "a"}, "cannot_gift_self"),
        ({"is_friend": False}, "not_a_friend"),
        ({"open_already": True}, "ask_pending"),
    ],
)
def test_an_ask_follows_the_gift_limits_goes_to_friends_and_one_at_a_time(
    case: dict[str, object], expected: str
) -> None:
    args: dict[str, object] = {"asker_id": "a", "friend_id": "b", "is_friend": True, "stars": 25, "open_already": False}
    asks.check_ask(**args)  # type: ignore[arg-type]
    with pytest.raises(Refusal) as refused:
        asks.check_ask(**(args | case))  # type: ignore[arg-type]
    assert refused.value.code == expected


def test_only_the_friend_asked_may_answer_and_only_while_open() -> None:
    asks.check_answer(status="open", is_asked=True)
    for status in ("accepted", "declined", "expired"):
        with pytest.raises(Refusal) as closed:
            asks.check_answer(status=status, is_asked=True)  # type: ignore[arg-type]
        assert closed.value.code == "ask_closed"
    with pytest.raises(Refusal) as hidden:
        asks.check_answer(status="open", is_asked=False)
    assert hidden.value.status == 404


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({"member_id": "giver"}, "not_gift_recipient"),
        ({"already_thanked": True}, "already_thanked"),
        ({"message": None, "sticker": None}, "validation_error"),
        ({"message": "x" * 81}, "validation_error"),
    ],
)
def test_a_thank_you_comes_once_from_the_recipient_with_something_to_say(
    case: dict[str, object], expected: str
) -> None:
    args: dict[str, object] = {
        "member_id": "me",
        "recipient_id": "me",
        "already_thanked": False,
        "message": "Thanks!",
        "sticker": None,
    }
    thanks.check_thanks(**args)  # type: ignore[arg-type]
    with pytest.raises(Refusal) as refused:
        thanks.check_thanks(**(args | case))  # type: ignore[arg-type]
    assert refused.value.code == expected


def test_the_sticker_set_is_small_and_each_has_a_name() -> None:
    assert 3 <= len(thanks.STICKERS) <= 6
    assert all(emoji and name for emoji, name in thanks.STICKERS.values())
