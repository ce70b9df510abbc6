"""The mock backend's texts in every language it answers in (docs/i18n.md, "Texts from the API").

Three kinds of text, three ways to hold them:

* **Catalogue data** (a reward's name, a badge's criteria, a tier's benefits): the definition carries its texts in
  every language next to each other, ``Texts(en="Extra shot", es="Shot extra de espresso")``, as a real loyalty
  backend stores translations with the entity; ``pick`` chooses the request's language when answering.
* **Sentences built from values that are stored** (an activity entry's reason, an event's title and body): kept as a
  message code plus parameters, ``Said("purchase_at", {"store": "Pike Place", "amount": Money(12.5)})``, never as
  rendered English, and rendered from ``MESSAGES`` when answering. An entry made while the member read English reads
  in Spanish once they switch. Parameters are values, formatted in the reader's language (Babel, through
  ``app.i18n.Translator``): a number ``1,430`` / ``1.430``, ``Stars(n)`` "1 Star" / "3 Estrellas", ``Money``, a date.
* **Refusals** (``Problem.detail``): a refusal carries its English template and parameters
  (``Refusal("out_of_stock", "{reward} is out of stock.", ..., params={"reward": reward.name})``); the English
  template is the message's id, as in the app's gettext catalogues, and ``REFUSALS_ES`` holds its Spanish.

The language of the request being answered is a context variable, set once per request by
``middleware.ContentLanguage`` from ``Accept-Language`` (and by the ``deps.request_language`` dependency that
declares the header). In the mock backend that is safe where it would not be in the Flet app (docs/i18n.md): one
HTTP request is one task, and Starlette copies its context into the worker thread of a synchronous route.
Code outside a request (seeding, rules tests) reads English.

tests/mock_backend/test_texts.py holds these tables to the rules of the app's catalogues: every text in both
languages, the same ``{fields}`` in each.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from babel import Locale

from app.api import models as api_models
from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, negotiate
from app.i18n.translator import Translator

__all__ = [
    "MESSAGES",
    "REFUSALS_ES",
    "Money",
    "Plural",
    "Said",
    "Stars",
    "Texts",
    "detail",
    "fields_of",
    "language",
    "negotiate",
    "pick",
    "render",
    "say",
    "speaking",
    "text",
]


@dataclass(frozen=True)
class Texts:
    """One text of the catalogue in every language (a reward's name, a badge's description)."""

    en: str
    es: str

    def get(self, language: Language) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class Stars:
    """A count of Stars as a parameter: "1 Star", "1,430 Stars" / "1 Estrella", "1.430 Estrellas"."""

    n: int


@dataclass(frozen=True)
class Money:
    """An amount of money as a parameter: "$12.50" / "12,50 US$"."""

    amount: float
    currency: str = "USD"


Param = str | int | float | date | Texts | Stars | Money
"""What a stored sentence's parameters may be (each one the ``--db`` file can hold)."""


@dataclass(frozen=True)
class Plural:
    """A template whose words follow the number in its ``{n}`` field (CLDR plural categories).

    Spanish has three forms: ``one``, ``many`` (round millions: "1.000.000 de Estrellas") and ``other``; a missing
    ``many`` falls back to ``other``.
    """

    one: str
    other: str
    many: str | None = None

    def form(self, language: Language, n: int) -> str:
        category = _locale(language).plural_form(abs(n))
        if category == "one":
            return self.one
        if category == "many" and self.many is not None:
            return self.many
        return self.other

    def forms(self) -> tuple[str, ...]:
        return tuple(f for f in (self.one, self.other, self.many) if f is not None)


Template = str | Plural


@dataclass(frozen=True, eq=True)
class Said:
    """A sentence kept as a message code (a key of ``MESSAGES``) and its parameters; ``render`` writes it."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.code)


def say(message: str, /, **params: Param) -> Said:
    """A stored sentence: ``say("purchase_at", store="Pike Place", amount=Money(12.5))``."""
    if message not in MESSAGES["en"]:
        raise KeyError(f"no message {message!r} in texts.MESSAGES")
    return Said(message, params)


# ---------------------------------------------------------------- the language of the request being answered

_language: ContextVar[Language] = ContextVar("starboard_mock_language", default=DEFAULT_LANGUAGE)


def language() -> Language:
    """The language the current request is answered in (English outside a request)."""
    return _language.get()


def use_language(code: Language) -> None:
    """Answer the rest of this request in ``code`` (called once per request, by the middleware and the dependency)."""
    _language.set(code)


@contextmanager
def speaking(code: Language) -> Iterator[None]:
    """Render in ``code`` inside the block (tests; code that writes to someone in their own language)."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


# ---------------------------------------------------------------- rendering


@cache
def _translator(code: Language) -> Translator:
    return Translator(code)


@cache
def _locale(code: Language) -> Locale:
    return Locale.parse(LANGUAGES[code].babel_locale)


def pick(texts: Texts, code: Language | None = None) -> str:
    """A catalogue text in the request's language (or in ``code``)."""
    return texts.get(code or language())


def _shown(value: object, code: Language) -> object:
    t = _translator(code)
    if isinstance(value, Texts):
        return value.get(code)
    if isinstance(value, Stars):
        return t.stars(value.n)
    if isinstance(value, Money):
        return t.money(value.amount, value.currency)
    if isinstance(value, datetime | date):
        return t.date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.number(value)
    return value


def fill(template: Template, params: Mapping[str, object], code: Language) -> str:
    """``template`` in ``code`` with ``params`` written that language's way (``{n}`` picks a plural's form)."""
    if isinstance(template, Plural):
        n = params.get("n")
        template = template.form(code, n if isinstance(n, int) else 0)
    if not params:
        return template
    return template.format(**{name: _shown(value, code) for name, value in params.items()})


def render(said: Said, code: Language | None = None) -> str:
    """A stored sentence in the request's language (or in ``code``)."""
    code = code or language()
    table = MESSAGES[code]
    template = table.get(said.code) or MESSAGES["en"][said.code]
    return fill(template, said.params, code)


def text(message: str, /, **params: Param) -> str:
    """A sentence built from values that is not stored (a tier's keep message, a share text): rendered at once."""
    return render(say(message, **params))


def detail(template: str, params: Mapping[str, object] | None = None, code: Language | None = None) -> str:
    """A refusal's ``detail`` in the request's language: its English template, or the Spanish of it."""
    code = code or language()
    if code == "es":
        template = REFUSALS_ES.get(template, template)
    return fill(template, params or {}, code)


def fields_of(template: Template) -> set[str]:
    """The ``{fields}`` of a template (every form of a plural), for the tests that hold the tables to the rules."""
    forms = template.forms() if isinstance(template, Plural) else (template,)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


# ---------------------------------------------------------------- stored sentences: English and Spanish side by side

_MESSAGES: dict[str, tuple[Template, Template]] = {
    # a tier's keep message (rules/tiers.py)
    "keep_green": (
        "Green status never expires.",
        "El nivel Green no caduca nunca.",
    ),
    "keep_tier_earned": (
        "You have already earned enough to keep {tier} past {until}.",
        "Ya has ganado lo necesario para seguir en {tier} después del {until}.",
    ),
    "keep_tier_earn": (
        Plural(
            one="Earn {n} more qualifying Star by {until} to keep {tier}.",
            other="Earn {n} more qualifying Stars by {until} to keep {tier}.",
        ),
        Plural(
            one="Consigue {n} Estrella cualificada más antes del {until} para seguir en {tier}.",
            many="Consigue {n} de Estrellas cualificadas más antes del {until} para seguir en {tier}.",
            other="Consigue {n} Estrellas cualificadas más antes del {until} para seguir en {tier}.",
        ),
    ),
    "keep_tier_safe": (
        Plural(
            one="{tier} is yours until at least {until}. Your purchases until then keep it going (you have {n} "
            "qualifying Star; {tier} needs {threshold}).",
            other="{tier} is yours until at least {until}. Your purchases until then keep it going (you have {n} "
            "qualifying Stars; {tier} needs {threshold}).",
        ),
        Plural(
            one="Tienes {tier} al menos hasta el {until}. Con tus compras hasta entonces lo mantienes (tienes {n} "
            "Estrella cualificada; {tier} pide {threshold}).",
            many="Tienes {tier} al menos hasta el {until}. Con tus compras hasta entonces lo mantienes (tienes {n} de "
            "Estrellas cualificadas; {tier} pide {threshold}).",
            other="Tienes {tier} al menos hasta el {until}. Con tus compras hasta entonces lo mantienes (tienes {n} "
            "Estrellas cualificadas; {tier} pide {threshold}).",
        ),
    ),
    # share texts and thanks (present.py)
    "badge_share": (
        "I earned the {badge} badge on Starboard: {description}",
        "He conseguido la insignia {badge} en Starboard: {description}",
    ),
    "referral_share": (
        "Join me on Starboard with code {code}: we both get {stars} after your first purchase.",
        "Únete a Starboard con mi código {code}: los dos ganamos {stars} con tu primera compra.",
    ),
    "earn_thanks": (
        "Thanks! {stars} added.",
        "¡Gracias! Te hemos sumado {stars}.",
    ),
    # offers picked for one member (rules/offers.py)
    "offer_for_you": (
        "A bonus of {stars} on a visit of {spend} or more this week.",
        "{stars} extra en una visita de {spend} o más esta semana.",
    ),
    "offer_welcome_back": (
        "A bonus of {stars} on your next visit this week.",
        "{stars} extra en tu próxima visita esta semana.",
    ),
    # ---- activity reasons (stored on each entry)
    "as_written": (
        "{text}",
        "{text}",
    ),
    "purchase_at": (
        "Purchase at {store}, {amount}",
        "Compra en {store}, {amount}",
    ),
    "purchase_at_offer": (
        "Purchase at {store}, {amount} ({offer} x{multiplier})",
        "Compra en {store}, {amount} ({offer} x{multiplier})",
    ),
    "offer_bonus": (
        "Offer: {offer}",
        "Oferta: {offer}",
    ),
    "referred_welcome": (
        "Welcome bonus: referred by {name}",
        "Bonificación de bienvenida: te invitó {name}",
    ),
    "referral_paid": (
        "Referral bonus: {name} made a first purchase",
        "Bonificación por invitar: {name} hizo su primera compra",
    ),
    "redeemed": (
        "Redeemed {reward}",
        "Canje: {reward}",
    ),
    "gift_to": (
        "Gift to {name}",
        "Regalo para {name}",
    ),
    "gift_from": (
        "Gift from {name}",
        "Regalo de {name}",
    ),
    "gift_held": (
        "Gift to {contact}, held until claimed",
        "Regalo para {contact}, guardado hasta que lo reclame",
    ),
    "gift_came_back": (
        "Unclaimed gift to {contact} came back",
        "Tu regalo sin reclamar para {contact} ha vuelto",
    ),
    "welcome": (
        "Welcome to Starboard",
        "Te damos la bienvenida a Starboard",
    ),
    "review_reason": (
        "Thanks for reviewing: {subject}",
        "Gracias por tu reseña: {subject}",
    ),
    "survey_reason": (
        "Thanks for answering the monthly survey",
        "Gracias por responder a la encuesta del mes",
    ),
    "game_reason": (
        "Daily scratch card, {day}: {stars}",
        "Rasca y gana del día, {day}: {stars}",
    ),
    "share_badge_shared": (
        "Thanks for sharing a badge (shared)",
        "Gracias por compartir una insignia (compartida)",
    ),
    "share_badge_copied": (
        "Thanks for sharing a badge (copied to share)",
        "Gracias por compartir una insignia (copiada para compartir)",
    ),
    "share_link_shared": (
        "Thanks for sharing your referral link (shared)",
        "Gracias por compartir tu enlace de invitación (compartido)",
    ),
    "share_link_copied": (
        "Thanks for sharing your referral link (copied to share)",
        "Gracias por compartir tu enlace de invitación (copiado para compartir)",
    ),
    "pool_contribution": (
        "Star Pool: {pool}",
        "Bote de Estrellas: {pool}",
    ),
    "pool_unspent_back": (
        "Star Pool: {pool}, unspent Stars back",
        "Bote de Estrellas: {pool}, te devolvemos las Estrellas sin gastar",
    ),
    "pool_closed_back": (
        "Star Pool: {pool} closed, Stars back",
        "Bote de Estrellas: {pool} se ha cerrado, te devolvemos tus Estrellas",
    ),
    "stars_expired_reason": (
        "Stars earned {earned} expired",
        "Han caducado las Estrellas ganadas el {earned}",
    ),
    "birthday_reason": (
        "Happy birthday from Starboard",
        "Feliz cumpleaños de parte de Starboard",
    ),
    "challenge_reason": (
        "Challenge: {challenge}",
        "Reto: {challenge}",
    ),
    # ---- events (live updates and the inbox)
    "plus_stars": (
        "+{stars}",
        "+{stars}",
    ),
    "plus_bonus_stars": (
        "Bonus: +{stars}",
        "Extra: +{stars}",
    ),
    "welcome_bonus": (
        "Welcome bonus",
        "Bonificación de bienvenida",
    ),
    "referred_welcome_body": (
        "{stars} for joining via a friend.",
        "{stars} por unirte gracias a un amigo.",
    ),
    "referral_bonus": (
        "Referral bonus",
        "Bonificación por invitar",
    ),
    "referral_paid_body": (
        "{name} made a first purchase.",
        "{name} hizo su primera compra.",
    ),
    "reward_ready": (
        "{reward} is ready",
        "Ya tienes listo: {reward}",
    ),
    "show_code": (
        "Show code {code} at the counter.",
        "Enseña el código {code} en el mostrador.",
    ),
    "gift_received": (
        "{name} sent you {stars}",
        "{name} te ha enviado {stars}",
    ),
    "gift_sent": (
        "You sent {name} {stars}",
        "Has enviado {stars} a {name}",
    ),
    "reward_enjoyed": (
        "{reward} enjoyed",
        "Disfrutado: {reward}",
    ),
    "code_used": (
        "Code {code} was used.",
        "Se ha usado el código {code}.",
    ),
    "review_thanks": (
        "Thanks for your review.",
        "Gracias por tu reseña.",
    ),
    "survey_thanks": (
        "Thanks for the survey.",
        "Gracias por responder a la encuesta.",
    ),
    "game_body": (
        "Your daily scratch card.",
        "Tu rasca y gana del día.",
    ),
    "stars_expired": (
        "Stars expired",
        "Estrellas caducadas",
    ),
    "birthday_title": (
        "Happy birthday!",
        "¡Feliz cumpleaños!",
    ),
    "birthday_body": (
        "{stars} on us.",
        "{stars} de regalo.",
    ),
    "gift_came_back_title": (
        "Your gift came back",
        "Tu regalo ha vuelto",
    ),
    "challenge_completed": (
        "Challenge completed",
        "Reto superado",
    ),
    "challenge_completed_body": (
        "{challenge}: {stars}",
        "{challenge}: {stars}",
    ),
    "badge_earned": (
        "Badge: {badge}",
        "Insignia: {badge}",
    ),
    "tier_up": (
        "Your status moved up.",
        "Has subido de nivel.",
    ),
    "tier_down": (
        "Your status moved down.",
        "Has bajado de nivel.",
    ),
    "tier_now": (
        "You are now {tier}",
        "Ahora eres {tier}",
    ),
    "welcome_title": (
        "Welcome to Starboard!",
        "¡Te damos la bienvenida a Starboard!",
    ),
    "welcome_body": (
        "{stars} to start.",
        "{stars} para empezar.",
    ),
    "ask_received": (
        "Ask for Stars",
        "Petición de Estrellas",
    ),
    "ask_received_body": (
        "{name} asks for {stars}.",
        "{name} te pide {stars}.",
    ),
    "ask_received_note": (
        "{name} asks for {stars}: {note}",
        "{name} te pide {stars}: {note}",
    ),
    "ask_accepted": (
        "Ask accepted",
        "Petición aceptada",
    ),
    "ask_accepted_body": (
        "{name} sent the {stars}.",
        "{name} te ha enviado {stars}.",
    ),
    "ask_declined": (
        "Ask declined",
        "Petición rechazada",
    ),
    "ask_declined_body": (
        "{name} declined your ask.",
        "{name} ha rechazado tu petición.",
    ),
    "thanks_received": (
        "{name} says thank you",
        "{name} te da las gracias",
    ),
    "friend_request": (
        "Friend request",
        "Solicitud de amistad",
    ),
    "friend_request_body": (
        "{name} wants to be friends.",
        "{name} quiere ser tu amigo.",
    ),
    "new_friend": (
        "New friend",
        "Nuevo amigo",
    ),
    "new_friend_body": (
        "{name} accepted your friend request.",
        "{name} ha aceptado tu solicitud de amistad.",
    ),
    "pool_invited": (
        "{name} invited you to a Star Pool",
        "{name} te ha invitado a un bote de Estrellas",
    ),
    "pool_redeemed": (
        "{pool}: {reward} redeemed",
        "{pool}: se ha canjeado {reward}",
    ),
    "pool_redeemed_body": (
        "{name} redeemed it with the pool's Stars.",
        "{name} lo ha canjeado con las Estrellas del bote.",
    ),
    "newcomer_claimed": (
        "{name} claimed your gift",
        "{name} ha reclamado tu regalo",
    ),
    "newcomer_claimed_body": (
        "{stars} to {contact}",
        "{stars} para {contact}",
    ),
    # ---- answers built from values, not stored (present.py)
    "signup_started": (
        "We sent a 6-digit code to {email}. Enter it to finish joining.",
        "Te hemos enviado un código de 6 cifras a {email}. Escríbelo para terminar de unirte.",
    ),
    "reset_started": (
        "If {email} has a Starboard account, we sent it a 6-digit code.",
        "Si {email} tiene una cuenta de Starboard, le hemos enviado un código de 6 cifras.",
    ),
    "game_won": (
        "You won {stars}! Come back tomorrow for another card.",
        "¡Has ganado {stars}! Vuelve mañana a por otro cartón.",
    ),
    "share_thanks": (
        "Thanks for sharing! {stars} added.",
        "¡Gracias por compartir! Te hemos sumado {stars}.",
    ),
    "share_already": (
        "Thanks for sharing! This week's share bonus is already yours; the next one comes with next week.",
        "¡Gracias por compartir! El premio por compartir de esta semana ya es tuyo; el próximo llega la "
        "semana que viene.",
    ),
    "share_rule": (
        "Share a badge or your referral link: the first share of each week earns {stars}.",
        "Comparte una insignia o tu enlace de invitación: lo primero que compartes cada semana te da "
        "{stars}.",
    ),
    "streak_rule": (
        "Visit at least once a week (Monday to Sunday, your time) to keep your streak. Every {weeks} weeks "
        "kept earn a streak freeze (you can hold {freezes}); a freeze covers one missed week on its own.",
        "Ven al menos una vez por semana (de lunes a domingo, en tu hora) para mantener tu racha. Cada "
        "{weeks} semanas seguidas ganas una protección de racha (puedes tener {freezes}); cada protección cubre por sí "
        "sola una semana sin visita.",
    ),
    # ---- the inbox's own items (rules/inbox.py)
    "expiring_title": (
        "{stars} expire on {on}",
        "{stars} caducan el {on}",
    ),
    "expiring_buys": (
        "They still buy {reward} ({cost}).",
        "Todavía te dan para {reward} ({cost}).",
    ),
    "expiring_spend": (
        "Spend them before then so they don't go to waste.",
        "Úsalas antes para que no se pierdan.",
    ),
    "challenge_ends_soon": (
        "{challenge} ends soon",
        "{challenge} termina pronto",
    ),
    "challenge_ends_at": (
        "It ends {day} at {time}: {stars} if you finish it.",
        "Termina el {day} a las {time}: {stars} si lo completas.",
    ),
    "new_offer": (
        "New offer: {offer}",
        "Oferta nueva: {offer}",
    ),
}
"""Sentences built from values, by message code: (English, Spanish), next to each other (the same ``{fields}`` in
each)."""

MESSAGES: dict[Language, dict[str, Template]] = {
    "en": {code: both[0] for code, both in _MESSAGES.items()},
    "es": {code: both[1] for code, both in _MESSAGES.items()},
}
"""The same, by language."""

# ---------------------------------------------------------------- refusals: the Spanish of every English template

REFUSALS_ES: dict[str, str] = {
    # problem titles (errors.py)
    "Bad request": "Petición incorrecta",
    "Unauthorized": "No autorizado",
    "Forbidden": "No permitido",
    "Not found": "No encontrado",
    "Method not allowed": "Método no permitido",
    "Conflict": "Conflicto",
    "Payload too large": "Petición demasiado grande",
    "Unsupported media type": "Tipo de contenido no admitido",
    "Unprocessable content": "Contenido no válido",
    "Too many requests": "Demasiadas peticiones",
    "Internal server error": "Error interno del servidor",
    "Error": "Error",
    # validation (errors.py)
    "{field}: {problem}": "{field}: {problem}",
    "The request body is not valid JSON.": "El cuerpo de la petición no es JSON válido.",
    "This field is not allowed.": "Este campo no está permitido.",
    "Give this parameter once.": "Indica este parámetro una sola vez.",
    "This field is required.": "Este campo es obligatorio.",
    "Write at least {min_length} characters.": "Escribe al menos {min_length} caracteres.",
    "Write at most {max_length} characters.": "Escribe como máximo {max_length} caracteres.",
    "Enter a number of at least {ge}.": "Escribe un número mayor o igual que {ge}.",
    "Enter a number of at most {le}.": "Escribe un número menor o igual que {le}.",
    "Enter a number above {gt}.": "Escribe un número mayor que {gt}.",
    "Enter a number below {lt}.": "Escribe un número menor que {lt}.",
    "Enter a whole number.": "Escribe un número entero.",
    "Enter some text.": "Escribe un texto.",
    "Enter true or false.": "Escribe true o false.",
    "Pick one of the allowed values.": "Elige uno de los valores permitidos.",
    "Send a JSON object.": "Envía un objeto JSON.",
    "Send a list.": "Envía una lista.",
    "Invalid value.": "Valor no válido.",
    "Something went wrong on our side. Please try again.": "Algo ha fallado por nuestra parte. Inténtalo de nuevo.",
    "Request bodies are limited to {kb} KB.": "El cuerpo de una petición no puede pasar de {kb} KB.",
    # the contract's own validators (app/api/models.py)
    api_models.BROKEN_TEXT: "Este texto tiene un carácter no válido (un sustituto suelto); vuelve a escribirlo.",
    api_models.CONTROL_IN_TEXT: "Este texto tiene un carácter de control, como un tabulador o un escape; quítalo.",
    api_models.BIDI_IN_TEXT: "Este texto tiene un cambio de dirección del texto, que puede disfrazar lo que dice; "
    "quítalo.",
    f"A message is at most {api_models.MAX_MESSAGE_CHARS} characters.": "Un mensaje puede tener como máximo "
    f"{api_models.MAX_MESSAGE_CHARS} caracteres.",
    "Enter the date as YYYY-MM-DD.": "Escribe la fecha como AAAA-MM-DD.",
    # signing in and sessions
    "Sign in to continue.": "Inicia sesión para continuar.",
    "Your session has expired; refresh or sign in again.": "Tu sesión ha caducado; renuévala o vuelve a iniciar "
    "sesión.",
    "This refresh token was already used; sign in again.": "Este token de renovación ya se usó; vuelve a iniciar "
    "sesión.",
    "Your session is not valid; sign in again.": "Tu sesión no es válida; vuelve a iniciar sesión.",
    "That refresh token is not valid; sign in again.": "Ese token de renovación no es válido; vuelve a iniciar "
    "sesión.",
    "Your session has expired; sign in again.": "Tu sesión ha caducado; vuelve a iniciar sesión.",
    "Too many attempts. Try again in {seconds} s.": "Demasiados intentos. Vuelve a probar dentro de {seconds} s.",
    "Too many event streams are open for this member. Try again in {seconds} s.": "Este socio tiene demasiados "
    "flujos de eventos abiertos. Vuelve a probar dentro de {seconds} s.",
    "That email and password do not match.": "Ese email y esa contraseña no coinciden.",
    "No such member.": "Ese socio no existe.",
    # idempotency and paging
    "Idempotency-Key must be 1 to 255 printable characters.": "Idempotency-Key debe tener de 1 a 255 caracteres "
    "imprimibles.",
    "Send an Idempotency-Key header with this request.": "Envía una cabecera Idempotency-Key con esta petición.",
    "This Idempotency-Key was already used with a different request.": "Esta Idempotency-Key ya se usó con otra "
    "petición.",
    "That cursor is not valid; start from the first page.": "Ese cursor no es válido; empieza por la primera página.",
    # joining, password reset, demo
    "Enter a valid email address.": "Escribe una dirección de email válida.",
    "Enter a real birthday.": "Escribe una fecha de cumpleaños real.",
    "That code is not right. Check the email we sent and try again.": "Ese código no es correcto. Revisa el email "
    "que te enviamos y vuelve a intentarlo.",
    "That code is no longer valid. Ask for a new code.": "Ese código ya no es válido. Pide uno nuevo.",
    "That referral code does not exist.": "Ese código de invitación no existe.",
    "This server has no demo.": "Este servidor no tiene demo.",
    "This backend's clock cannot be moved.": "El reloj de este servidor no se puede mover.",
    # rewards and redemptions
    "There is no such reward.": "No existe esa recompensa.",
    "{reward} needs {tier} status.": "{reward} pide el nivel {tier}.",
    "{reward} is out of stock.": "{reward} está agotado.",
    "You are {missing} short.": "Te faltan {missing}.",
    "There is no such redemption.": "No existe ese canje.",
    "This code has already been used.": "Este código ya se ha usado.",
    "This code has expired.": "Este código ha caducado.",
    # gifts, asks, thanks
    "A gift is {min} to {max} Stars.": "Un regalo es de {min} a {max} Estrellas.",
    "A message is at most {n} characters.": "Un mensaje puede tener como máximo {n} caracteres.",
    "You cannot gift Stars to yourself.": "No puedes regalarte Estrellas a ti mismo.",
    "You can only gift Stars to friends.": "Solo puedes regalar Estrellas a tus amigos.",
    "There is no such gift.": "No existe ese regalo.",
    "Ask for {min} to {max} Stars.": "Pide de {min} a {max} Estrellas.",
    "You cannot ask yourself for Stars.": "No puedes pedirte Estrellas a ti mismo.",
    "You can only ask friends for Stars.": "Solo puedes pedir Estrellas a tus amigos.",
    "You already asked this friend; wait for their answer.": "Ya se las pediste a este amigo; espera su respuesta.",
    "There is no such ask.": "No existe esa petición.",
    "This ask was accepted: it can no longer be answered.": "Esta petición ya se aceptó: no se puede responder.",
    "This ask was declined: it can no longer be answered.": "Esta petición ya se rechazó: no se puede responder.",
    "This ask has expired: it can no longer be answered.": "Esta petición ha caducado: ya no se puede responder.",
    "Only the friend who received a gift can thank for it.": "Solo el amigo que recibió un regalo puede dar las "
    "gracias por él.",
    "You already said thank you for this gift.": "Ya diste las gracias por este regalo.",
    "Write a short message or choose a sticker.": "Escribe un mensaje corto o elige un sticker.",
    "A thank-you is at most {n} characters.": "Un agradecimiento puede tener como máximo {n} caracteres.",
    # friends
    "Too many friend codes that did not match. Try again in {wait} s.": "Demasiados códigos de amigo que no "
    "coinciden. Vuelve a probar dentro de {wait} s.",
    "That is your own friend code.": "Ese es tu propio código de amigo.",
    "You are already friends.": "Ya sois amigos.",
    "You already sent them a friend request.": "Ya le enviaste una solicitud de amistad.",
    "There is no such friend request.": "No existe esa solicitud de amistad.",
    "This friend request was already accepted.": "Esta solicitud de amistad ya se aceptó.",
    "This friend request was already declined.": "Esta solicitud de amistad ya se rechazó.",
    "This friend request was already cancelled.": "Esta solicitud de amistad ya se canceló.",
    "No member has that friend code.": "Ningún socio tiene ese código de amigo.",
    # challenges, reviews, surveys, offers, habits, inbox
    "There is no such challenge.": "No existe ese reto.",
    "You have already joined this challenge.": "Ya te has unido a este reto.",
    "This challenge has ended.": "Este reto ha terminado.",
    "You can review once a day; come back tomorrow.": "Puedes escribir una reseña al día; vuelve mañana.",
    "That survey is not open.": "Esa encuesta no está abierta.",
    "You have already answered this survey.": "Ya has respondido a esta encuesta.",
    "That question is not in this survey.": "Esa pregunta no está en esta encuesta.",
    "Pick one of the offered answers.": "Elige una de las respuestas propuestas.",
    "There is no such offer.": "No existe esa oferta.",
    "This offer has ended.": "Esta oferta ha terminado.",
    "You have already used this offer.": "Ya has usado esta oferta.",
    "Share a badge you have earned.": "Comparte una insignia que hayas conseguido.",
    "Account and security notices are always on.": "Los avisos de cuenta y seguridad están siempre activados.",
    # Star Pools and gifts to newcomers
    "There is no such pool.": "No existe ese bote.",
    "This pool is closed.": "Este bote está cerrado.",
    "Only the pool's owner can redeem its Stars.": "Solo quien creó el bote puede canjear sus Estrellas.",
    "You are in your own pool already.": "Ya estás en tu propio bote.",
    "You can only invite friends to a pool.": "Solo puedes invitar a amigos a un bote.",
    "A pool can invite {n} friends at most.": "Un bote puede invitar como máximo a {n} amigos.",
    "A contribution is {min} to {max} Stars.": "Una aportación es de {min} a {max} Estrellas.",
    "You can give {cap} Stars a day, gifts and pools together; {left} left today.": "Puedes dar {cap} Estrellas al "
    "día, sumando regalos y botes; hoy te quedan {left}.",
    "You have {balance} to give.": "Tienes {balance} para dar.",
    "Enter a phone number or an email address.": "Escribe un número de teléfono o una dirección de email.",
    "This gift has already been claimed or has gone back.": "Este regalo ya se ha reclamado o ha vuelto a quien lo "
    "envió.",
    "This gift is for someone who joins with the code.": "Este regalo es para alguien que se une con el código.",
    "That claim code is not right. Check it and try again.": "Ese código para reclamar no es correcto. Revísalo y "
    "vuelve a intentarlo.",
}
"""A refusal's English template (its id, written at the ``Refusal(...)``) -> its Spanish, with the same fields."""
