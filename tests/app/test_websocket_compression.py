"""The app's WebSockets compress each message on its own (app/websocket_compression.py): a browser that offers
`permessage-deflate` gets it without context takeover either way, so a quiet connection holds no zlib state."""

from __future__ import annotations

import zlib

from websockets.extensions.permessage_deflate import PerMessageDeflate, ServerPerMessageDeflateFactory
from websockets.frames import Frame, Opcode

from app.websocket_compression import MEM_LEVEL, WINDOW_BITS, per_message_deflate
from benchmarks.crowd import crowd_backend, single_process
from benchmarks.crowd_customer import Customer, make_members
from tests.support.servers import running

CHROMIUM_OFFER = [("client_max_window_bits", None)]  # what Chromium sends: `permessage-deflate; client_max_window_bits`
PATCH = b"\x00" + b"".join(b"\x85\xa2_c\xa4Text\xa5value\xa9Badge %03d" % i for i in range(200))


async def test_the_app_agrees_to_compress_each_message_on_its_own() -> None:
    with running(crowd_backend()) as (api,), single_process(api.url) as (url, _):
        (member,) = await make_members(api.url, 1)
        customer = Customer(member, url)
        assert await customer.arrive()  # the app works over the compressed socket: Home came
        try:
            agreed = customer.wire.ws.response.headers["Sec-WebSocket-Extensions"]  # type: ignore[union-attr]
            assert agreed.startswith("permessage-deflate")
            assert "server_no_context_takeover" in agreed and "client_no_context_takeover" in agreed
        finally:
            await customer.leave()


def test_a_compressor_lives_only_while_its_message_is_sent() -> None:
    ours = _negotiated(per_message_deflate())
    sent = ours.encode(Frame(Opcode.BINARY, PATCH))
    assert len(sent.data) < len(PATCH) / 4
    assert not hasattr(ours, "encoder") and not hasattr(ours, "decoder")
    assert zlib.decompressobj(-WINDOW_BITS).decompress(bytes(sent.data) + b"\x00\x00\xff\xff") == PATCH

    # uvicorn's own settings (the same window and memLevel, context kept) hold one for the connection's life.
    theirs = _negotiated(
        ServerPerMessageDeflateFactory(
            server_max_window_bits=WINDOW_BITS,
            client_max_window_bits=WINDOW_BITS,
            compress_settings={"memLevel": MEM_LEVEL},
        )
    )
    theirs.encode(Frame(Opcode.BINARY, PATCH))
    assert hasattr(theirs, "encoder") and hasattr(theirs, "decoder")


def _negotiated(factory: ServerPerMessageDeflateFactory) -> PerMessageDeflate:
    _, extension = factory.process_request_params(CHROMIUM_OFFER, [])
    assert isinstance(extension, PerMessageDeflate)
    return extension
