"""The account screens' states speak the session's language: sign-in, joining, the password reset, Profile, Ways to
earn, and the sentences errors become (`user_message`), with Spanish plurals where a count is in the text."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.client import LoyaltyClient
from app.api.errors import Conflict, NetworkError, RateLimited, user_message
from app.api.models import Problem
from app.i18n import Language, Translator
from app.mock_backend.api import create_app
from app.state import EarnState, MemoryDeviceStore, ProfileState, Session
from tests.app.conftest import NO_WAIT
from tests.support.joining import code_in

ES = Translator("es")


@pytest.fixture
async def visitor() -> AsyncIterator[Session]:
    """A signed-out visitor whose browser speaks Spanish (the embedded mock, its demo outbox on)."""
    session = Session(
        LoyaltyClient.in_process(create_app(demo_tools=True), retry=NO_WAIT), MemoryDeviceStore(), demo_tools=True
    )
    await session.start()
    await session.set_language("es", save=False)
    yield session
    await session.close()


async def test_the_sign_in_form_asks_for_what_is_missing_in_spanish(visitor: Session) -> None:
    await visitor.signin.submit()
    assert visitor.signin.error == "Escribe tu correo electrónico y tu contraseña."


async def test_the_join_form_explains_each_field_in_spanish(visitor: Session) -> None:
    form = visitor.join
    form.set_field("email", "not-an-email")
    form.set_field("password", "short")
    form.set_field("birthday", "12/10/1990")
    await form.submit_details()
    assert form.field_errors == {
        "name": "Escribe tu nombre.",
        "email": "Escribe tu correo electrónico.",
        "password": "Usa al menos 8 caracteres.",
        "birthday": "Escribe la fecha como AAAA-MM-DD o déjala vacía.",
    }
    assert form.step == "details"


async def test_joining_in_spanish_asks_for_the_code_then_joins(visitor: Session) -> None:
    form = visitor.join
    for name, value in {"name": "Ana Pérez", "email": "ana@example.test", "password": "orbital-1962"}.items():
        form.set_field(name, value)
    await form.submit_details()
    assert form.step == "code" and form.emails
    await form.submit_code()
    assert form.field_errors == {"code": "Escribe el código de 6 dígitos del correo."}
    form.set_field("code", code_in(form.emails[0].body))
    await form.submit_code()
    assert visitor.auth == "signed_in" and visitor.tour_pending


async def test_the_password_reset_explains_its_fields_in_spanish(visitor: Session) -> None:
    form = visitor.password_reset
    form.start("nobody")
    await form.submit_email()
    assert form.field_errors == {"email": "Escribe tu correo electrónico."}
    form.start("ada@example.com")
    await form.submit_email()
    assert form.step == "code"
    form.set_field("new_password", "short")
    await form.submit_code()
    assert form.field_errors == {
        "code": "Escribe el código de 6 dígitos del correo.",
        "new_password": "Usa al menos 8 caracteres.",
    }
    form.set_field("code", code_in(form.emails[0].body))
    form.set_field("new_password", "analytical-engine")
    await form.submit_code()
    assert form.step == "done"
    assert visitor.notice is not None
    assert visitor.notice.text == "Tu contraseña ha cambiado. Inicia sesión con la nueva."


def test_error_sentences_follow_the_translator_with_spanish_plurals() -> None:
    throttled = RateLimited(Problem(status=429, code="rate_limited", title="Too many", detail="Slow down."), 30)
    just_one = RateLimited(Problem(status=429, code="rate_limited", title="Too many", detail="Slow down."), 0.4)
    assert user_message(throttled) == "Too many attempts. Try again in 30 s."  # English without a translator
    assert user_message(throttled, ES) == "Demasiados intentos. Inténtalo de nuevo en 30 s."
    assert user_message(just_one, ES) == "Demasiados intentos. Inténtalo de nuevo en 1 s."
    offline = "No tienes conexión o no se puede contactar con Starboard. Comprueba tu conexión e inténtalo de nuevo."
    assert user_message(NetworkError("refused"), ES) == offline
    refused = Problem(status=409, code="already_joined", title="Conflict", detail="Ya estás en este reto.")
    assert user_message(Conflict(refused), ES) == "Ya estás en este reto."  # the API's own sentence, as it is


async def test_profile_and_ways_to_earn_refuse_bad_input_in_spanish(session: Session) -> None:
    await session.set_language("es")
    profile = session.screen(ProfileState)
    await profile.ensure_loaded()
    profile.set_birthday_text("10/12/1815")
    await profile.save_birthday()
    assert profile.birthday_error == "Escribe tu cumpleaños como AAAA-MM-DD, p. ej., 1990-04-21."
    profile.set_visit_amount("doce")
    await profile.simulate_visit()
    assert profile.visit_error == "Escribe el importe gastado, p. ej., 12,50."

    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    rules = earn.program.review_rules  # type: ignore[union-attr]
    earn.set_review_text("Sin valoración.")
    await earn.post_review()
    assert earn.review_error == f"Elige una valoración de {rules.min_rating} a {rules.max_rating} estrellas."
    earn.set_rating(rules.max_rating)
    earn.set_review_text("")
    await earn.post_review()
    assert earn.review_error == ES.n_(
        "Write at least {n} character about your visit.",
        "Write at least {n} characters about your visit.",
        rules.min_chars,
    )
    assert earn.review_error.startswith("Escribe al menos ")


class RecordingClient(LoyaltyClient):
    """The client told which language to ask the API for (`set_language`, the Accept-Language header)."""

    asked_for: list[Language]

    def set_language(self, language: Language) -> None:
        self.asked_for = [*getattr(self, "asked_for", []), language]


async def test_the_chosen_language_is_kept_restored_and_sent_to_the_api() -> None:
    device = MemoryDeviceStore()
    first = Session(RecordingClient.in_process(create_app(), retry=NO_WAIT), device)
    await first.start()
    await first.set_language("es")
    assert device.language == "es"
    assert first.client.asked_for == ["es"]  # type: ignore[attr-defined]
    assert first.speech.t._("Sign out") == "Cerrar sesión"
    await first.close()

    again = Session(RecordingClient.in_process(create_app(), retry=NO_WAIT), device)
    await again.start()  # a new session on the same device (a reload): Spanish again, and the API is asked in it
    assert again.speech.language == "es" and again.language_chosen
    assert again.client.asked_for == ["es"]  # type: ignore[attr-defined]
    await again.set_language("en")
    assert device.language == "en" and again.client.asked_for == ["es", "en"]  # type: ignore[attr-defined]
    assert again.speech.t._("Sign out") == "Sign out"
    await again.close()
