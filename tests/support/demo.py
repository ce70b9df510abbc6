"""The demo members' credentials, as the mock backend seeds them (one definition: `app.mock_backend.seed`)."""

from app.mock_backend.seed import ADA, ALAN, DEMO_EMAILS, DEMO_PASSWORD, GRACE, LINUS

__all__ = ["ADA", "ALAN", "DEMO_EMAILS", "DEMO_PASSWORD", "GRACE", "LINUS"]
