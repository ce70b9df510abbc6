"""The core screens read right in Spanish: plurals with their three forms, dates and numbers the Spanish way, and
the states' own sentences (notices, refusals) in the member's language. English stays as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.api.models import Badge, Event, Streak, StreakWeek
from app.components.stars import badges_earned
from app.i18n import Translator
from app.state import ActivityState, ChallengesState, OffersState, Session
from app.state.badges import badge_label
from app.state.challenges import time_left
from app.state.home import offer_ends
from app.state.live import notice_text
from app.views.home_habits import recent_weeks_label, streak_label
from app.views.routes import SCREENS, TABS

EN, ES = Translator("en"), Translator("es")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday


def _streak(weeks: int, best: int, freezes: int) -> Streak:
    return Streak(
        weeks=weeks,
        best=best,
        freezes=freezes,
        max_freezes=2,
        weeks_per_freeze=4,
        weeks_to_next_freeze=3,
        visited_this_week=True,
        lost=False,
        message="",
        rule="",
        week_ends_at=NOW,
        recent=[
            StreakWeek(week_of=date(2026, 12, 7), mark="frozen"),
            StreakWeek(week_of=date(2027, 1, 4), mark="open"),
        ],
    )


def _badge(progress: int, earned: bool) -> Badge:
    return Badge(
        id="regular",
        name="Habitual",
        description="",
        criteria="",
        icon="star",
        target=10,
        progress=progress,
        earned_at=NOW if earned else None,
    )


def test_challenge_time_left_counts_down_in_spanish_and_never_rounds_up() -> None:
    assert time_left(NOW + timedelta(days=3, hours=2), ES, NOW) == "Quedan 3 días"
    assert time_left(NOW + timedelta(days=1, hours=23), ES, NOW) == "Queda 1 día"
    assert time_left(NOW + timedelta(hours=5), ES, NOW) == "Quedan 5 horas"
    assert time_left(NOW + timedelta(minutes=20), ES, NOW) == "Termina pronto"
    assert time_left(NOW - timedelta(minutes=1), ES, NOW) == "Terminado"


def test_offer_end_in_spanish_names_the_day_the_spanish_way() -> None:
    assert offer_ends(NOW + timedelta(hours=1, minutes=5), ES, NOW) == "Termina en 1 hora"
    assert offer_ends(NOW + timedelta(hours=11), ES, NOW) == "Termina en 11 horas"
    assert offer_ends(NOW + timedelta(days=3), ES, NOW) == "Hasta el jue, 26 nov"
    assert offer_ends(NOW + timedelta(days=3), EN, NOW) == "Until Thu 26 Nov"


def test_badge_counts_agree_with_their_number_in_both_languages() -> None:
    assert badges_earned(1, 1, EN) == "1 of 1 badge earned"
    assert badges_earned(4, 12, EN) == "4 of 12 badges earned"
    assert badges_earned(1, 1, ES) == "1 de 1 insignia conseguida"
    assert badges_earned(4, 12, ES) == "4 de 12 insignias conseguidas"
    assert badge_label(_badge(4, earned=False), ES) == "Habitual, bloqueada, 4 de 10"
    assert badge_label(_badge(10, earned=True), ES) == "Habitual, conseguida"


def test_the_streak_reads_aloud_in_spanish_with_dates_and_plurals() -> None:
    assert streak_label(_streak(1, 5, 1), ES) == (
        "Racha de visitas de 1 semana, mejor racha: 5 semanas, 1 protector de racha guardado"
    )
    assert streak_label(_streak(3, 3, 2), EN) == "Visit streak: 3 weeks in a row, best 3 weeks, 2 streak freezes held"
    assert recent_weeks_label(_streak(1, 1, 0), ES) == (
        "Últimas semanas: semana del 7 dic 2026 salvada por un protector, semana del 4 ene 2027 aún sin visita"
    )


def test_stars_and_round_millions_take_the_spanish_forms() -> None:
    assert ES.n_("{n} Star to {reward}", "{n} Stars to {reward}", 1, reward="Café") == "Te falta 1 Estrella para Café"
    assert ES.n_("{n} Star to {reward}", "{n} Stars to {reward}", 1430, reward="Café") == (
        "Te faltan 1.430 Estrellas para Café"
    )
    assert ES.n_("{n} Star to {reward}", "{n} Stars to {reward}", 2_000_000, reward="Café") == (
        "Te faltan 2.000.000 de Estrellas para Café"
    )
    assert ES.n_("{n} more to celebrate", "{n} more to celebrate", 2) == "2 más por celebrar"


def test_every_screen_title_and_tab_has_its_spanish_name() -> None:
    assert [tab.title(EN) for tab in TABS] == ["Home", "Rewards", "Friends", "Challenges", "Badges"]
    assert [tab.title(ES) for tab in TABS] == ["Inicio", "Premios", "Amigos", "Retos", "Insignias"]
    assert all(screen.title(ES) != screen.title(EN) for screen in SCREENS)


def test_a_notice_joins_the_apis_title_and_body_in_the_members_language() -> None:
    event = Event(id=1, kind="gift_received", title="Grace te envió 25 Estrellas", body="Invito yo", created_at=NOW)
    assert notice_text(event, ES) == "Grace te envió 25 Estrellas: Invito yo"


async def test_a_state_speaks_the_language_the_member_chose(session: Session) -> None:
    session.speech.speak("es")
    challenges = session.screen(ChallengesState)
    await challenges.ensure_loaded()
    open_one = challenges.in_section("open")[0]
    await challenges.join(open_one)
    assert session.notice is not None and session.notice.text == f"Te uniste a {open_one.title}."

    offers = session.screen(OffersState)
    await offers.ensure_loaded()
    available = next(o for o in offers.offers if o.status == "available")
    await offers.activate(available)
    assert session.notice.text == f"{available.title} está activada para tu próxima visita."

    activity = session.screen(ActivityState)
    assert activity.t.stars(1430) == "1.430 Estrellas"
