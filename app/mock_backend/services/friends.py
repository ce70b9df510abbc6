"""Friends, with consent: adding a member by friend code sends a request that they accept or decline.

Accepting makes the friendship (both ways, one friendship); its sender may cancel a pending request. Codes that
match no member are counted per member and per client address (see ``rules.friends``): guessing is throttled.
"""

from __future__ import annotations

from datetime import datetime

from app.mock_backend.records import FriendRequestRecord, Member
from app.mock_backend.rules.friends import check_answer, check_guessing, check_request, normalise_code, recent
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.store import Store
from app.mock_backend.texts import say


def member_by_friend_code(store: Store, code: str) -> Member | None:
    wanted = normalise_code(code)
    return next((m for m in store.members.values() if normalise_code(m.friend_code) == wanted), None)


def _pending(store: Store, from_id: str, to_id: str) -> FriendRequestRecord | None:
    return next(
        (
            r
            for r in store.friend_requests.values()
            if r.status == "pending" and r.from_id == from_id and r.to_id == to_id
        ),
        None,
    )


def request_friend(store: Store, member: Member, friend_code: str, address: str, at: datetime) -> FriendRequestRecord:
    """Ask the owner of ``friend_code`` to be friends (or accept their own pending request to the member).

    Args:
        store: The store.
        member: The member adding a friend.
        friend_code: The code they typed.
        address: The client's network address (guessing is throttled per address too).
        at: Now.

    Returns:
        The request: ``pending``, or ``accepted`` when the other member had already asked the member.

    Raises:
        Refusal: ``too_many_friend_code_attempts`` (429), ``unknown_friend_code`` (404), and those of
            ``rules.friends.check_request``.
    """
    with store.lock:
        member_key, address_key = f"member:{member.id}", f"address:{address}"
        for key in (member_key, address_key):
            store.code_guesses[key] = recent(store.code_guesses.get(key, []), at)
        check_guessing(store.code_guesses[member_key], store.code_guesses[address_key], at)
        other = member_by_friend_code(store, friend_code)
        if other is None:
            store.code_guesses[member_key].append(at)
            store.code_guesses[address_key].append(at)
            raise Refusal("unknown_friend_code", "No member has that friend code.", "friend_code", 404)
        theirs = _pending(store, other.id, member.id)
        outcome = check_request(
            sender_id=member.id,
            recipient_id=other.id,
            already_friends=other.id in member.friends,
            pending_out=_pending(store, member.id, other.id) is not None,
            pending_in=theirs is not None,
        )
        if outcome == "befriend" and theirs is not None:
            _befriend(store, theirs, at)
            return theirs
        record = FriendRequestRecord(store.next_id("frq"), member.id, other.id, at)
        store.friend_requests[record.id] = record
        body = say("friend_request_body", name=member.name)
        store.add_event(other, "friend_request_received", say("friend_request"), body, at)
        other.changed_at = at
        store.touch(other)
        return record


def _befriend(store: Store, request: FriendRequestRecord, at: datetime) -> None:
    sender, recipient = store.members[request.from_id], store.members[request.to_id]
    request.status, request.answered_at = "accepted", at
    if recipient.id not in sender.friends:
        sender.friends.append(recipient.id)
    if sender.id not in recipient.friends:
        recipient.friends.append(sender.id)
    sender.changed_at = recipient.changed_at = at
    store.touch(sender)
    store.touch(recipient)
    body = say("new_friend_body", name=recipient.name)
    store.add_event(sender, "friend_request_accepted", say("new_friend"), body, at)


def answer_request(store: Store, member: Member, request_id: str, answer: str, at: datetime) -> FriendRequestRecord:
    """Accept or decline a request sent to the member, or cancel one the member sent.

    Args:
        answer: ``accept`` or ``decline`` (the recipient), ``cancel`` (the sender).

    Raises:
        Refusal: ``not_found`` (404) or ``friend_request_closed`` (409), see ``rules.friends.check_answer``.
    """
    with store.lock:
        request = store.friend_requests.get(request_id)
        if request is None:
            raise Refusal("not_found", "There is no such friend request.", None, 404)
        answerer = request.from_id if answer == "cancel" else request.to_id
        check_answer(status=request.status, is_party=answerer == member.id)
        if answer == "accept":
            _befriend(store, request, at)
        else:
            request.status, request.answered_at = ("cancelled" if answer == "cancel" else "declined"), at
            for party in (store.members[request.from_id], store.members[request.to_id]):
                party.changed_at = at
                store.touch(party)
        return request


def pending_requests(store: Store, member: Member) -> tuple[list[FriendRequestRecord], list[FriendRequestRecord]]:
    """The member's pending requests: (incoming, outgoing), oldest first."""
    with store.lock:
        pending = [r for r in store.friend_requests.values() if r.status == "pending"]
        return [r for r in pending if r.to_id == member.id], [r for r in pending if r.from_id == member.id]
