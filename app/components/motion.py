"""Whether the customer asked for less motion (the browser's `prefers-reduced-motion`, the phone's setting)."""

from __future__ import annotations

import contextlib

import flet as ft


def use_reduced_motion() -> bool:
    """True when the platform asks for animations to be disabled or simplified.

    Flutter reads the setting (on the web, `prefers-reduced-motion: reduce`) and Flet's `SemanticsService` reports
    it; until the answer arrives (or when it cannot be read) animations are on, which is what most people get.
    """
    reduced, set_reduced = ft.use_state(False)

    async def read() -> None:
        with contextlib.suppress(Exception):  # an older client without the service: keep the default
            features = await ft.SemanticsService().get_accessibility_features()
            set_reduced(bool(features.disable_animations or features.reduce_motion))

    ft.use_effect(read, [])
    return reduced
