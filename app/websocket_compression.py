"""The app's WebSockets compress every message on its own, so that a quiet connection holds no compressor.

Browsers offer `permessage-deflate` (RFC 7692) and uvicorn accepts it: Flet's patches are msgpack with the same keys
over and over, and shrink to about a quarter (a walk through every tab: 78.5 KB sent, 18.9 KB compressed each message
on its own, 15.2 KB with the context kept from one message to the next; measured 2026-12-03). Phones on a weak signal
need that. But with the context kept, uvicorn's connection holds a zlib compressor and decompressor for as long as it
is open: about 50 KB a customer in the app process (200 simulated customers that negotiated compression: 0.67 / 1.21
MB a session on Home / after every tab, against 0.60 / 1.16 without; docs/capacity.md), most of it while the customer
reads a screen and nothing is sent.

`QuietDeflateProtocol` is uvicorn's `websockets-sansio` protocol with the same compression settings (4 KB window,
`memLevel` 5) plus `server_no_context_takeover` and `client_no_context_takeover`: `websockets` then makes a
compressor for each message and drops it once the message is sent (`PerMessageDeflate.encode`), and the same for the
browser's messages. Costs measured on the same walk: 26 us a frame either way. A client that offers no compression
gets none, as before.
"""

from __future__ import annotations

import logging
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.server import ServerProtocol

WINDOW_BITS = 12  # uvicorn's own settings for this protocol
MEM_LEVEL = 5


def per_message_deflate() -> ServerPerMessageDeflateFactory:
    return ServerPerMessageDeflateFactory(
        server_max_window_bits=WINDOW_BITS,
        client_max_window_bits=WINDOW_BITS,
        server_no_context_takeover=True,
        client_no_context_takeover=True,
        compress_settings={"memLevel": MEM_LEVEL},
    )


class QuietDeflateProtocol(WebSocketsSansIOProtocol):
    """uvicorn's `websockets-sansio` protocol, compressing each message with a compressor of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.config.ws_per_message_deflate:
            # uvicorn builds its `ServerProtocol` in `__init__`, with no setting for the extension's parameters: the
            # same one again, with ours (nothing has been received on it yet).
            self.conn = ServerProtocol(
                extensions=[per_message_deflate()],
                max_size=self.config.ws_max_size,
                logger=logging.getLogger("uvicorn.error"),
            )
