"""Settings: safe defaults (loopback, embedded mock) and the switches a developer or a test sets."""

from __future__ import annotations

from pathlib import Path

from app.config import load_settings


def test_defaults_serve_on_loopback_against_the_embedded_mock_with_demo_tools() -> None:
    settings = load_settings({})
    assert (settings.host, settings.port) == ("127.0.0.1", 8550)
    assert settings.uses_mock_backend and settings.demo_tools


def test_lan_opens_every_interface() -> None:
    assert load_settings({"STARBOARD_LAN": "1"}).host == "0.0.0.0"


def test_a_real_api_hides_the_demo_tools_unless_asked_for() -> None:
    real = load_settings({"STARBOARD_API_URL": "https://loyalty.example"})
    assert not real.uses_mock_backend and not real.demo_tools
    mock_over_http = load_settings({"STARBOARD_API_URL": "http://127.0.0.1:8000", "STARBOARD_DEMO_TOOLS": "1"})
    assert mock_over_http.demo_tools


def test_screens_and_their_state_get_settings_from_the_session_never_from_the_environment() -> None:
    """`app/config.py` reads the environment; `app/ui.py` hands what the screens need to the `Session`."""
    app = Path(__file__).resolve().parents[2] / "app"
    readers = [
        f"{path.relative_to(app)}: {needle}"
        for folder in ("views", "state", "components")
        for path in sorted((app / folder).rglob("*.py"))
        for needle in ("load_settings", "os.environ", "getenv", "app.config")
        if needle in path.read_text(encoding="utf-8")
    ]
    assert readers == []
