"""Friend requests (a section of the Friends screen): the member's friends, their own code to share, requests
received (Accept, Decline) and sent (Cancel), and "Add a friend" by code, which sends a request.

A friend is only a friend once they accepted: until then the request waits in both members' lists.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from app.api.models import CodeText, Friend, FriendRequest, FriendRequests, Profile
from app.state.base import ScreenState, refused_text


class FriendCircleState(ScreenState):
    shows = frozenset({"friends"})

    friends: list[Friend] = []
    incoming: list[FriendRequest] = []
    outgoing: list[FriendRequest] = []
    me: Profile | None = None
    friend_code: str = ""
    adding_friend: bool = False
    add_friend_error: str | None = None
    answering: str | None = None
    """The id of the request being answered (its buttons are disabled meanwhile)."""
    answer_error: str | None = None
    _answer_busy: bool = False

    async def refresh(self) -> bool:
        return await self._load(self._fetch, self._apply)

    async def _fetch(self) -> tuple[list[Friend], FriendRequests, Profile]:
        client = self._ctx.client
        friends, requests, me = await asyncio.gather(client.friends(), client.friend_requests(), client.me())
        return friends, requests, me

    def _apply(self, loaded: tuple[list[Friend], FriendRequests, Profile]) -> None:
        self.friends, requests, self.me = loaded
        self.incoming, self.outgoing = requests.incoming, requests.outgoing

    # ------------------------------------------------------------------ add a friend

    def set_friend_code(self, text: str) -> None:
        self.friend_code = text
        self.add_friend_error = None

    async def add_friend(self) -> None:
        """Send a friend request to the owner of the code typed (or become friends when they asked first)."""
        code = self.friend_code.strip()
        if self.adding_friend:
            return
        if not code:
            self.add_friend_error = self._ctx.t._("Enter your friend's code.")
            return
        if (why := refused_text(CodeText, code)) is not None:  # hidden characters: said next to the field
            self.add_friend_error = why
            return
        sent = await self._act("adding_friend", "add_friend_error", self._ctx.client.request_friend(code))
        if sent is None:
            return
        self.friend_code = ""
        self.texts_set()
        t = self._ctx.t
        if sent.status == "accepted":
            self._ctx.notify_customer(t._("{name} is now your friend.", name=sent.from_name))
            self._ctx.invalidate("friends", but=self)
            await self.refresh()
        else:
            self.outgoing = [*self.outgoing, sent]
            self._ctx.notify_customer(t._("Friend request sent to {name}.", name=sent.to_name))

    # ------------------------------------------------------------------ answer requests

    async def accept(self, request_id: str) -> None:
        done = await self._answer(request_id, self._ctx.client.accept_friend_request)
        if done is not None:
            self._ctx.notify_customer(self._ctx.t._("{name} is now your friend.", name=done.from_name))
            self._ctx.invalidate("friends", but=self)
            await self.refresh()

    async def decline(self, request_id: str) -> None:
        done = await self._answer(request_id, self._ctx.client.decline_friend_request)
        if done is not None:
            self.incoming = [r for r in self.incoming if r.id != request_id]

    async def cancel(self, request_id: str) -> None:
        done = await self._answer(request_id, self._ctx.client.cancel_friend_request)
        if done is not None:
            self.outgoing = [r for r in self.outgoing if r.id != request_id]

    async def _answer(self, request_id: str, call: Callable[[str], Awaitable[FriendRequest]]) -> FriendRequest | None:
        if self.answering is not None:
            return None  # one answer at a time (a double tap sends one)
        self.answering = request_id
        try:
            done = await self._act("_answer_busy", "answer_error", call(request_id))
        finally:
            self.answering = None
        if done is None and self.answer_error:
            await self.refresh()  # answered elsewhere meanwhile (another device): show what is true now
        return done
