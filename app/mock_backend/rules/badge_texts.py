"""The badges' texts in Spanish, by badge id (their English is in ``badges.BADGES``, next to what earns them).

Kept in a table of their own rather than inside ``BadgeDef`` so the badge rules stay as they are; ``texts_of``
joins both into ``Texts``, and tests/mock_backend/test_texts.py holds every badge to having its Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.mock_backend.rules.badges import FAMILY_NAMES_ES, BadgeDef
from app.mock_backend.texts import Texts


@dataclass(frozen=True)
class BadgeTexts:
    name: Texts
    description: Texts
    criteria: Texts
    family_name: Texts



BADGES_ES: dict[str, tuple[str, str, str]] = {
    # id: (name, description, criteria)
    "first-visit": ("Primer sorbo", "Tu primera visita.", "Haz 1 compra"),
    "ten-visits": ("Habitual", "Diez visitas y sumando.", "Haz 10 compras"),
    "fifty-visits": ("Incondicional", "Cincuenta visitas.", "Haz 50 compras"),
    "four-week-streak": ("En racha", "Cuatro semanas seguidas de visita.", "Mantén una racha de 4 semanas"),
    "twelve-week-streak": ("Constante", "Doce semanas seguidas.", "Mantén una racha de 12 semanas"),
    "half-year-streak": ("Imparable", "Medio año de semanas seguidas.", "Mantén una racha de 26 semanas"),
    "first-gift": ("Generoso", "Compartiste Estrellas con un amigo.", "Regala Estrellas una vez"),
    "five-gifts": ("Gran corazón", "Cinco regalos a amigos.", "Regala Estrellas 5 veces"),
    "twenty-gifts": ("Mecenas", "Veinte regalos a amigos.", "Regala Estrellas 20 veces"),
    "first-challenge": ("A por ello", "Tu primer reto superado.", "Completa 1 reto"),
    "three-challenges": ("Retador", "Tres retos superados.", "Completa 3 retos"),
    "ten-challenges": ("Campeón", "Diez retos superados.", "Completa 10 retos"),
    "first-review": ("Crítico", "Nos contaste qué tal lo hicimos.", "Escribe 1 reseña"),
    "five-reviews": ("Voz propia", "Cinco reseñas escritas.", "Escribe 5 reseñas"),
    "fifteen-reviews": ("Entendido", "Quince reseñas escritas.", "Escribe 15 reseñas"),
    "rising-star": ("Estrella en ascenso", "A mitad de camino de Gold.", "Gana 250 Estrellas cualificadas en 12 meses"),
    "gold-tier": ("Socio Gold", "Has llegado a Gold.", "Gana 500 Estrellas cualificadas en 12 meses"),
    "reserve-tier": ("Socio Reserve", "Has llegado a Reserve.", "Gana 2.500 Estrellas cualificadas en 12 meses"),
    "first-reward": ("Date un capricho", "Tu primera recompensa.", "Canjea 1 recompensa"),
    "five-rewards": ("Buen gusto", "Cinco recompensas disfrutadas.", "Canjea 5 recompensas"),
    "twenty-rewards": ("Sibarita", "Veinte recompensas disfrutadas.", "Canjea 20 recompensas"),
    "connector": ("Conector", "Un amigo se unió gracias a ti.", "Invita a 1 amigo que haga una compra"),
    "host": ("Anfitrión", "Tres amigos se unieron gracias a ti.", "Invita a 3 amigos que hagan una compra"),
    "ambassador": ("Embajador", "Diez amigos se unieron gracias a ti.", "Invita a 10 amigos que hagan una compra"),
    "first-play": ("Golpe de suerte", "Tu primer rasca y gana.", "Juega al juego diario una vez"),
    "seven-plays": ("Jugador", "Siete rasca y gana.", "Juega al juego diario 7 días"),
    "thirty-plays": ("Gran jugador", "Treinta rasca y gana.", "Juega al juego diario 30 días"),
}


def texts_of(badge: BadgeDef) -> BadgeTexts:
    """A badge's texts in every language."""
    name, description, criteria = BADGES_ES[badge.id]
    return BadgeTexts(
        name=Texts(en=badge.name, es=name),
        description=Texts(en=badge.description, es=description),
        criteria=Texts(en=badge.criteria, es=criteria),
        family_name=Texts(en=badge.family_name, es=FAMILY_NAMES_ES[badge.family]),
    )
