"""The program description served by ``GET /v1/program``, built from the rules' own constants."""

from __future__ import annotations

from dataclasses import dataclass

from app.api import models
from app.api.models import MAX_POOL_INVITES
from app.mock_backend.rules.asks import EXPIRES_AFTER as ASK_EXPIRES_AFTER
from app.mock_backend.rules.catalog import REWARD_LADDER
from app.mock_backend.rules.earn import STARS_PER_UNIT
from app.mock_backend.rules.engagement import BIRTHDAY_BONUS, REFERRAL_BONUS, REVIEW_BONUS, SURVEY_BONUS
from app.mock_backend.rules.gifts import DAILY_CAP, MAX_PER_GIFT, MIN_PER_GIFT
from app.mock_backend.rules.joining import WELCOME_BONUS
from app.mock_backend.rules.ledger import EXPIRY_MONTHS, EXPIRY_WARNING_DAYS
from app.mock_backend.rules.newcomers import CLAIM_DAYS
from app.mock_backend.rules.tiers import STATUS_WINDOW_MONTHS, TIERS
from app.mock_backend.texts import Texts, fill, language, pick


@dataclass(frozen=True)
class EarnRuleDef:
    """A way to earn: its kind, fixed Stars (None when it varies), and its texts in every language."""

    kind: models.EarnKind
    stars: int | None
    title: Texts
    limit: Texts
    """How often."""
    description: Texts
    """What to do."""


# Ways to earn, one line per rule and per text: kind and fixed Stars; title; how often; what to do (English, Spanish).
_EARN: tuple[tuple[models.EarnKind, int | None], ...] = (
    ("purchase", None),
    ("double_star_day", None),
    ("review", REVIEW_BONUS),
    ("survey", SURVEY_BONUS),
    ("referral", REFERRAL_BONUS),
    ("birthday", BIRTHDAY_BONUS),
    ("challenge", None),
)
_TITLES: dict[models.EarnKind, Texts] = {
    "purchase": Texts("Shop with us", "Compra con nosotros"),
    "double_star_day": Texts("Double Star Day", "Día de Estrellas dobles"),
    "review": Texts("Write a review", "Escribe una reseña"),
    "survey": Texts("Monthly survey", "Encuesta del mes"),
    "referral": Texts("Invite a friend", "Invita a un amigo"),
    "birthday": Texts("Birthday treat", "Regalo de cumpleaños"),
    "challenge": Texts("Challenges", "Retos"),
}
_LIMITS: dict[models.EarnKind, Texts] = {
    "purchase": Texts("Every purchase", "En cada compra"),
    "double_star_day": Texts("When announced", "Cuando lo anunciamos"),
    "review": Texts("Once a day", "Una vez al día"),
    "survey": Texts("Once per survey", "Una vez por encuesta"),
    "referral": Texts("Per friend who joins", "Por cada amigo que se une"),
    "birthday": Texts("Once a year", "Una vez al año"),
    "challenge": Texts("Per challenge", "Por reto"),
}
_DOING_EN: dict[models.EarnKind, str] = {
    "purchase": "{stars_per_unit} Stars per $1 spent, times your tier's earn rate.",
    "double_star_day": "Purchases earn twice the Stars while the offer runs.",
    "review": "Tell us how your visit went.",
    "survey": "Three quick questions.",
    "referral": "You both earn Stars after their first purchase.",
    "birthday": "Stars on your birthday (or the week after).",
    "challenge": "Join a challenge; finish it in time to earn its Stars.",
}
_DOING_ES: dict[models.EarnKind, str] = {
    "purchase": "{stars_per_unit} Estrellas por cada 1 $ que gastas, multiplicadas por el ritmo de tu nivel.",
    "double_star_day": "Tus compras dan el doble de Estrellas mientras dura la oferta.",
    "review": "Cuéntanos qué tal fue tu visita.",
    "survey": "Tres preguntas rápidas.",
    "referral": "Los dos ganáis Estrellas tras su primera compra.",
    "birthday": "Estrellas el día de tu cumpleaños (o la semana siguiente).",
    "challenge": "Únete a un reto y termínalo a tiempo para ganar sus Estrellas.",
}
EARN_RULES: tuple[EarnRuleDef, ...] = tuple(
    EarnRuleDef(kind, stars, _TITLES[kind], _LIMITS[kind], Texts(_DOING_EN[kind], _DOING_ES[kind]))
    for kind, stars in _EARN
)
"""Ways to earn, in the order the app lists them."""

CURRENCY = Texts(en="Stars", es="Estrellas")

ASK_DAYS = ASK_EXPIRES_AFTER.days

_FIGURES: dict[str, int] = {
    "stars_per_unit": STARS_PER_UNIT,
    "first_step": REWARD_LADDER[0],
    "expiry_months": EXPIRY_MONTHS,
    "warning_days": EXPIRY_WARNING_DAYS,
    "gold": TIERS[1].threshold,
    "reserve": TIERS[2].threshold,
    "min_gift": MIN_PER_GIFT,
    "max_gift": MAX_PER_GIFT,
    "daily_cap": DAILY_CAP,
    "ask_days": ASK_DAYS,
    "pool_invites": MAX_POOL_INVITES,
    "claim_days": CLAIM_DAYS,
}
"""The program's figures, filled into its texts (numbers written the reader's way)."""

TOUR: tuple[tuple[Texts, Texts], ...] = (
    (
        Texts(en="Stars", es="Estrellas"),
        Texts(
            en="Every purchase earns {stars_per_unit} Stars per $1. Spend them on rewards from {first_step} Stars: "
            "a coffee, a treat, a lunch. Stars last {expiry_months} months.",
            es="Cada compra te da {stars_per_unit} Estrellas por cada 1 $. Canjéalas por recompensas desde "
            "{first_step} Estrellas: un café, un dulce, un almuerzo. Las Estrellas duran {expiry_months} meses.",
        ),
    ),
    (
        Texts(en="Qualifying Stars and tiers", es="Estrellas cualificadas y niveles"),
        Texts(
            en="Stars from purchases in the last 12 months are qualifying Stars: they decide your tier. Gold starts "
            "at {gold} and Reserve at {reserve}, and each earns more Stars per $1. Bonuses and gifts can be spent "
            "but do not count toward your tier.",
            es="Las Estrellas de tus compras de los últimos 12 meses son Estrellas cualificadas: deciden tu nivel. "
            "Gold empieza en {gold} y Reserve en {reserve}, y cada nivel te da más Estrellas por cada 1 $. Las "
            "bonificaciones y los regalos se pueden canjear, pero no cuentan para tu nivel.",
        ),
    ),
    (
        Texts(en="Gifting", es="Regalar"),
        Texts(
            en="Treat a friend: add them with their friend code, then gift {min_gift} to {max_gift} Stars at a time, "
            "up to {daily_cap} a day, with a message.",
            es="Invita a un amigo: añádelo con su código de amigo y regálale de {min_gift} a {max_gift} Estrellas "
            "cada vez, hasta {daily_cap} al día, con un mensaje.",
        ),
    ),
)
"""The first-run tour: each card's title and body."""

RULES_TEXT: tuple[Texts, ...] = (
    Texts(
        en="Every purchase earns {stars_per_unit} Stars per $1 spent, times your tier's earn rate (Gold x1.2, "
        "Reserve x1.7), times any active offer such as Double Star Day (x2).",
        es="Cada compra te da {stars_per_unit} Estrellas por cada 1 $ que gastas, multiplicadas por el ritmo de tu "
        "nivel (Gold x1,2, Reserve x1,7) y por cualquier oferta activa, como el Día de Estrellas dobles (x2).",
    ),
    Texts(
        en="Your tier depends on qualifying Stars: Stars from purchases in the last 12 months. Gifts, bonuses and "
        "challenge rewards can be spent but do not count toward status. Gold starts at {gold}, Reserve at "
        "{reserve}.",
        es="Tu nivel depende de tus Estrellas cualificadas: las de tus compras de los últimos 12 meses. Los regalos, "
        "las bonificaciones y los premios de los retos se pueden canjear, pero no cuentan para tu nivel. Gold "
        "empieza en {gold} y Reserve en {reserve}.",
    ),
    Texts(
        en="Each purchase counts toward status for 12 months. Your status lasts until enough old purchases leave "
        "that window to take you below your tier; the app shows that date and what to earn before it.",
        es="Cada compra cuenta para tu nivel durante 12 meses. Mantienes tu nivel hasta que salen de ese periodo "
        "compras antiguas suficientes para dejarte por debajo; la app te muestra esa fecha y lo que te falta "
        "ganar antes.",
    ),
    Texts(
        en="Stars expire {expiry_months} months after you earn them. Rewards and gifts use your oldest Stars "
        "first, and we warn you {warning_days} days ahead.",
        es="Las Estrellas caducan {expiry_months} meses después de ganarlas. Las recompensas y los regalos usan "
        "primero tus Estrellas más antiguas, y te avisamos con {warning_days} días de antelación.",
    ),
    Texts(
        en="You can gift {min_gift} to {max_gift} Stars at a time to friends, up to {daily_cap} a day (your local "
        "day), never more than your balance.",
        es="Puedes regalar a tus amigos de {min_gift} a {max_gift} Estrellas cada vez, hasta {daily_cap} al día "
        "(según tu hora local), y nunca más que tu saldo.",
    ),
    Texts(
        en="Sharing your friend code lets someone send you a friend request: you are friends once you accept. You "
        "can ask a friend for Stars; an ask stays open {ask_days} days, and accepting it is a gift. You can "
        "thank a friend once for each gift.",
        es="Si compartes tu código de amigo, cualquiera puede enviarte una solicitud de amistad: seréis amigos "
        "cuando la aceptes. Puedes pedirle Estrellas a un amigo; la petición sigue abierta {ask_days} días, y "
        "aceptarla es un regalo. Puedes dar las gracias una vez por cada regalo.",
    ),
    Texts(
        en="Some rewards need Gold or Reserve status, and some are limited while stock lasts.",
        es="Algunas recompensas piden el nivel Gold o Reserve, y otras son limitadas hasta agotar existencias.",
    ),
    Texts(
        en="A Star Pool saves for a reward with up to {pool_invites} friends you invite. Putting Stars in counts "
        "toward the same {daily_cap} a day as gifts. Stars never expire while they are in a pool. Only the pool's "
        "owner redeems from it; if you leave, the Stars you gave that were not spent come back to you as new "
        "Stars (expiring {expiry_months} months later), and a pool nobody is left in gives everything back.",
        es="Un bote de Estrellas ahorra para una recompensa con hasta {pool_invites} amigos que invites. Lo que "
        "pones en el bote cuenta para el mismo límite de {daily_cap} al día que los regalos. Las Estrellas no "
        "caducan mientras están en un bote. Solo quien lo creó canjea con él; si te vas, las Estrellas que diste "
        "y no se gastaron vuelven a ti como Estrellas nuevas (caducan {expiry_months} meses después), y un bote "
        "que se queda vacío de gente lo devuelve todo.",
    ),
    Texts(
        en="You can also send Stars to someone who is not a member yet, by phone number or email: they get a claim "
        "code, and your Stars are held for them for {claim_days} days, then come back to you if unclaimed. When "
        "they join with the code and make a first purchase, you get the referral bonus.",
        es="También puedes enviar Estrellas a alguien que aún no es socio, por teléfono o por email: recibe un "
        "código para reclamarlas, y guardamos tus Estrellas para esa persona durante {claim_days} días; si no las "
        "reclama, vuelven a ti. Cuando se une con el código y hace su primera compra, ganas la bonificación por "
        "invitar.",
    ),
    Texts(
        en="Your friends' leaderboard ranks this week's Stars earned (never balances) of friends who chose to "
        "show; the week starts on Monday in your time zone. You show only if you turn it on in Profile.",
        es="La clasificación de tus amigos ordena las Estrellas ganadas esta semana (nunca los saldos) por los "
        "amigos que han elegido aparecer; la semana empieza el lunes en tu zona horaria. Tú solo apareces si lo "
        "activas en Perfil.",
    ),
)
"""The program's rules in plain words; ``{fields}`` are ``_FIGURES``."""


def _said(template: Texts) -> str:
    return fill(pick(template), _FIGURES, language())


def program() -> models.Program:
    """The program, its texts in the request's language."""
    return models.Program(
        currency=pick(CURRENCY),
        stars_per_unit=STARS_PER_UNIT,
        tiers=[
            models.TierInfo(
                name=t.name,
                threshold=t.threshold,
                earn_multiplier=t.earn_multiplier,
                benefits=[pick(b) for b in t.benefits],
            )
            for t in TIERS
        ],
        earn_rules=[
            models.EarnRule(
                kind=r.kind, title=pick(r.title), description=_said(r.description), stars=r.stars, limit=pick(r.limit)
            )
            for r in EARN_RULES
        ],
        reward_ladder=list(REWARD_LADDER),
        expiry_months=EXPIRY_MONTHS,
        expiry_warning_days=EXPIRY_WARNING_DAYS,
        status_window_months=STATUS_WINDOW_MONTHS,
        review_rules=models.ReviewRules(
            min_rating=models.MIN_RATING,
            max_rating=models.MAX_RATING,
            min_chars=models.MIN_REVIEW_CHARS,
            max_chars=models.MAX_REVIEW_CHARS,
        ),
        gift_rules=models.GiftRules(
            min_per_gift=MIN_PER_GIFT,
            max_per_gift=MAX_PER_GIFT,
            daily_cap=DAILY_CAP,
            message_max_chars=models.MAX_MESSAGE_CHARS,
        ),
        welcome_bonus=WELCOME_BONUS,
        tour=[models.TourCard(title=pick(title), body=_said(body)) for title, body in TOUR],
        rules_text=[_said(rule) for rule in RULES_TEXT],
    )
