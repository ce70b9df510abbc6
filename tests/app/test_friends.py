"""The Friends screen's states over the in-process mock backend: friend requests with consent, asks for Stars (a
keyed gift when accepted), thank-yous, and the sections loading, refreshing and resetting together."""

from __future__ import annotations

import asyncio

from app.mock_backend.seed import DEMO_PASSWORD
from app.state import (
    AsksState,
    FriendCircleState,
    FriendsState,
    GiftState,
    HomeState,
    MemoryDeviceStore,
    Session,
    ThanksState,
)
from tests.app.fakes import RecordingTransport, client_over
from tests.support.joining import join_with_client


async def signed_in(transport: RecordingTransport, email: str, password: str = DEMO_PASSWORD) -> Session:
    session = Session(client_over(transport), MemoryDeviceStore())
    await session.start()
    assert await session.sign_in(email, password) is None
    await session.live.stop()
    await session.live.poll_once()  # the cursor starts after what already happened
    await session.show(session.screen(FriendsState))
    return session


async def joined(backend: object, name: str) -> Session:
    client = client_over(RecordingTransport(backend))
    email = f"{name.split()[0].lower()}@example.test"
    from app.api.models import SignupRequest

    # Joining is confirmed by the code in the demo outbox (the backend of these tests has its demo tools on).
    await join_with_client(client, SignupRequest(email=email, password="friends-pass-1", name=name))
    await client.aclose()
    return await signed_in(RecordingTransport(backend), email, "friends-pass-1")


def circle(session: Session) -> FriendCircleState:
    return session.screen(FriendsState).section(FriendCircleState)


async def test_every_section_loads_with_the_screen_and_a_sign_out_forgets_them(backend: object) -> None:
    ada = await signed_in(RecordingTransport(backend), "ada@example.com")
    friends = ada.screen(FriendsState)
    assert friends.status == "ready" and all(s.status == "ready" for s in friends.sections)
    assert {f.name for f in friends.section(GiftState).friends} >= {"Grace Hopper", "Alan Turing"}
    assert circle(ada).me is not None and friends.section(ThanksState).thanks is not None
    assert friends.is_fresh()
    friends.section(GiftState).set_amount("12")
    await ada.sign_out()
    assert friends.status == "idle" and all(s.status == "idle" for s in friends.sections)
    assert friends.section(GiftState).amount_text == "" and circle(ada).friends == []
    await ada.close()


async def test_a_code_sends_a_request_the_other_accepts_live_and_only_then_gifts_go(backend: object) -> None:
    ken = await joined(backend, "Ken Thompson")
    ada = await signed_in(RecordingTransport(backend), "ada@example.com")
    ada_code = circle(ada).me.friend_code  # type: ignore[union-attr]

    circle(ken).set_friend_code(ada_code.lower())
    await asyncio.gather(circle(ken).add_friend(), circle(ken).add_friend())  # a double tap sends one request
    assert circle(ken).add_friend_error is None and circle(ken).friend_code == ""
    assert [r.to_name for r in circle(ken).outgoing] == ["Ada Lovelace"]
    assert ken.notice is not None and ken.notice.text == "Friend request sent to Ada Lovelace."
    assert ken.screen(FriendsState).section(GiftState).friends == []

    await ada.live.poll_once()
    assert ada.notice is not None and ada.notice.text == "Friend request: Ken Thompson wants to be friends."
    await ada.refresh_shown()
    request = circle(ada).incoming[0]
    assert request.from_name == "Ken Thompson"
    await circle(ada).accept(request.id)
    assert circle(ada).incoming == [] and "Ken Thompson" in {f.name for f in circle(ada).friends}
    # The gift form of the same screen shows the new friend (a sibling section was told).
    await ada.screen(FriendsState).ensure_loaded()
    assert "Ken Thompson" in {f.name for f in ada.screen(FriendsState).section(GiftState).friends}

    await ken.live.poll_once()
    assert ken.notice.text == "New friend: Ada Lovelace accepted your friend request."
    await ken.refresh_shown()
    assert [f.name for f in ken.screen(FriendsState).section(GiftState).friends] == ["Ada Lovelace"]
    assert circle(ken).outgoing == []
    await ken.close()
    await ada.close()


async def test_a_wrong_code_own_code_empty_code_and_guessing_are_explained(backend: object) -> None:
    ken = await joined(backend, "Ken Thompson")
    own = circle(ken).me.friend_code  # type: ignore[union-attr]
    for code, reason in (
        ("NOPE-00000-00000", "No member has that friend code."),
        (own, "That is your own friend code."),
        ("", "Enter your friend's code."),
    ):
        circle(ken).set_friend_code(code)
        await circle(ken).add_friend()
        assert circle(ken).add_friend_error == reason
    for _ in range(10):
        circle(ken).set_friend_code("NOPE-00000-00000")
        await circle(ken).add_friend()
    assert circle(ken).add_friend_error is not None
    assert circle(ken).add_friend_error.startswith("Too many attempts. Try again in ")
    await ken.close()


async def test_a_request_is_cancelled_by_its_sender_and_declined_by_the_other(backend: object) -> None:
    ken = await joined(backend, "Ken Thompson")
    ada = await signed_in(RecordingTransport(backend), "ada@example.com")
    circle(ken).set_friend_code(circle(ada).me.friend_code)  # type: ignore[union-attr]
    await circle(ken).add_friend()
    await circle(ken).cancel(circle(ken).outgoing[0].id)
    assert circle(ken).outgoing == []
    await circle(ada).refresh()
    assert circle(ada).incoming == []
    circle(ken).set_friend_code(circle(ada).me.friend_code)  # type: ignore[union-attr]
    await circle(ken).add_friend()
    await circle(ada).refresh()
    await circle(ada).decline(circle(ada).incoming[0].id)
    assert circle(ada).incoming == [] and "Ken Thompson" not in {f.name for f in circle(ada).friends}
    await ken.close()
    await ada.close()


async def test_a_friend_accepts_an_ask_once_with_one_key_and_the_asker_hears_it(backend: object) -> None:
    ada_transport = RecordingTransport(backend, lose_answers_to=set())
    ada = await signed_in(ada_transport, "ada@example.com")
    grace = await signed_in(RecordingTransport(backend), "grace@example.com")
    grace_asks = grace.screen(FriendsState).section(AsksState)
    ada_id = next(f.id for f in grace_asks.friends if f.name == "Ada Lovelace")

    await grace_asks.ask()
    assert grace_asks.errors == {
        "friend": "Choose the friend to ask.",
        "amount": "Enter how many Stars to ask for, like 25.",
    }
    grace_asks.set_friend(ada_id)
    grace_asks.set_amount("20")
    grace_asks.set_note("Pastry run")
    await grace_asks.ask()
    assert grace_asks.errors == {} and grace_asks.outgoing[0].status == "open"
    assert grace.notice is not None and grace.notice.text == "You asked Ada Lovelace for 20 Stars."
    await grace_asks.ask()  # the form was cleared: nothing is asked twice
    grace_asks.set_friend(ada_id)
    grace_asks.set_amount("5")
    await grace_asks.ask()
    assert grace_asks.errors == {"friend": "You already asked this friend; wait for their answer."}

    await ada.live.poll_once()
    assert ada.notice is not None and ada.notice.text == "Ask for Stars: Grace Hopper asks for 20 Stars: Pastry run"
    await ada.refresh_shown()
    ada_asks = ada.screen(FriendsState).section(AsksState)
    ask = ada_asks.incoming[0]
    await ada.screen(HomeState).refresh()
    before = ada.member.balance
    assert before is not None
    accept_line = f"POST /v1/me/asks/{ask.id}/accept"
    ada_transport.lose_answers_to.add(accept_line)
    ada_asks.confirm(ask.id)
    await ada_asks.accept()  # the answer is lost: the confirmation stays, with the same key for the retry
    assert ada_asks.confirming == ask.id and ada_asks.answer_error is not None
    await asyncio.gather(ada_asks.accept(), ada_asks.accept())
    keys = ada_transport.keys[accept_line]
    assert len(keys) == 2 and keys[0] == keys[1]  # one intent, one key; the double tap sent once
    assert ada_asks.confirming is None and ada_asks.incoming == []
    assert ada.notice is not None and ada.notice.text == "You sent 20 Stars to Grace Hopper."
    await ada.screen(HomeState).refresh()
    assert ada.member.balance == before - 20  # one gift, though the accept reached the backend twice

    await grace.live.poll_once()
    await grace.refresh_shown()
    assert grace_asks.outgoing[0].status == "accepted"
    await ada.close()
    await grace.close()


async def test_the_recipient_sends_one_thank_you_and_the_giver_sees_it_live(backend: object) -> None:
    ada = await signed_in(RecordingTransport(backend), "ada@example.com")
    grace = await signed_in(RecordingTransport(backend), "grace@example.com")
    gift = ada.screen(FriendsState).section(GiftState)
    gift.set_friend(next(f.id for f in gift.friends if f.name == "Grace Hopper"))
    gift.set_amount("7")
    gift.review()
    await gift.send()
    assert gift.step == "sent" and gift.last_gift is not None

    await grace.live.poll_once()
    await grace.refresh_shown()
    thanks = grace.screen(FriendsState).section(ThanksState)
    assert thanks.thanks is not None and thanks.thanks.to_thank[0].gift_id == gift.last_gift.id
    thanks.compose(gift.last_gift.id)
    await thanks.send()
    assert thanks.error == "Choose a sticker or write a short message."
    thanks.set_sticker("coffee")
    thanks.set_message("You made my day")
    await thanks.send()
    assert thanks.error is None and thanks.composing is None
    assert gift.last_gift.id not in {g.gift_id for g in thanks.thanks.to_thank}

    await ada.live.poll_once()
    assert ada.notice is not None and ada.notice.text == "Grace Hopper says thank you: \u2615 You made my day"
    await ada.refresh_shown()
    received = ada.screen(FriendsState).section(ThanksState).thanks
    assert received is not None and received.received[0].message == "You made my day"
    assert received.received[0].sticker is not None and received.received[0].sticker.name == "Coffee"
    await ada.close()
    await grace.close()
