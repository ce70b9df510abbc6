"""The Flet workarounds keep Flet's behaviour, minus the cost (docs/performance.md)."""

from __future__ import annotations

import logging

import pytest
from flet.messaging.protocol import Message, MessageAction

from app.flet_fixes import lazy_message_repr


def test_a_sent_message_is_not_turned_into_text_unless_transport_debug_logging_is_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lazy_message_repr()
    message = Message(MessageAction.PATCH_CONTROL, {"patch": ["x" * 1000]})
    assert "xxxx" not in f"{message}"
    with caplog.at_level(logging.DEBUG, logger="flet_transport"):
        assert "x" * 1000 in f"{message}"
