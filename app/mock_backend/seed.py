"""The deterministic demo data: four friends with a year of history relative to the store's clock.

History is *replayed* through the real services at past times (purchases, gifts, redemptions, reviews,
challenge joins, daily maintenance for expiry and birthdays), so every balance, tier, badge and event is
exactly what the live rules would have produced. Randomness comes from one seeded ``random.Random``.

* Ada Lovelace: Gold, weekly regular; earned badges, two completed challenges, one joined and running.
* Grace Hopper: Green with 455 qualifying Stars, 45 short of Gold; referred by Ada.
* Alan Turing: Green; one old batch already expired and Stars expiring within 30 days.
* Linus Torvalds: Reserve, heavy user; has redeemed a limited-stock tumbler.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from app.mock_backend.bulk import seed_bulk_history
from app.mock_backend.clock import Clock, utc_now
from app.mock_backend.passwords import ScryptCost, hash_password
from app.mock_backend.records import Member, OfferRecord, Participation
from app.mock_backend.rules.challenges import ChallengeDef, ChallengeKind, this_month
from app.mock_backend.rules.engagement import SURVEY_QUESTIONS, survey_id_for
from app.mock_backend.rules.offers import OFFER_TEXTS
from app.mock_backend.rules.refusals import Refusal
from app.mock_backend.services import engagement, wallet
from app.mock_backend.services.joining import keep_demo_template
from app.mock_backend.services.members import create_member
from app.mock_backend.store import Store
from app.mock_backend.texts import Texts

DEMO_PASSWORD = "starboard-demo"
ADA, GRACE, ALAN, LINUS = "ada@example.com", "grace@example.com", "alan@example.com", "linus@example.com"
DEMO_EMAILS = (ADA, GRACE, ALAN, LINUS)
STORES = (
    "Starboard Pike Place",
    "Starboard Canal Street",
    "Starboard Old Town",
    "Starboard Station Square",
    "Starboard Riverside",
)
GRACE_QUALIFYING = 455
DEMO_MEMBERS: tuple[tuple[str, str, str, date, int | None], ...] = (
    (ADA, "Ada Lovelace", "Europe/London", date(1815, 12, 10), None),
    (ALAN, "Alan Turing", "Europe/London", date(1912, 6, 23), None),
    (LINUS, "Linus Torvalds", "America/Los_Angeles", date(1969, 12, 28), None),
    (GRACE, "Grace Hopper", "America/New_York", date(1906, 12, 9), 340),
)
"""Email, name, time zone, birthday and when they joined (days ago; None: with the history, 420 days ago)."""
__all__ = ["DEMO_EMAILS", "DEMO_PASSWORD", "build_demo_store", "seed_bulk_history"]

Action = Callable[[datetime], object]


def _days_ago(now: datetime, days: float, rng: random.Random | None = None) -> datetime:
    jitter = timedelta(minutes=rng.randint(0, 8 * 60)) if rng else timedelta()
    return now - timedelta(days=days) + jitter


def build_demo_store(clock: Clock | None = None, seed: int = 7, password_cost: ScryptCost | None = None) -> Store:
    """A store holding the four demo members and their history up to ``clock()``.

    Args:
        clock: The store's clock (real UTC time when None); history is laid out relative to its "now".
        seed: Seed of the random history (same seed and same "now" give the same data).
        password_cost: What passwords are hashed with (``passwords.default_cost()`` when None).
    """
    store = Store(clock=clock or utc_now, seed=seed, password_cost=password_cost)
    now = store.now()
    rng = random.Random(seed)
    hashes = [hash_password(DEMO_PASSWORD, store.password_cost) for _ in DEMO_MEMBERS]  # slow: before the lock
    with store.lock:
        start = now - timedelta(days=420)
        ada, alan, linus, grace = (
            create_member(
                store,
                email=email,
                name=name,
                password_hash=password_hash,
                joined_at=start if joined_days_ago is None else now - timedelta(days=joined_days_ago),
                time_zone=time_zone,
                birthday=birthday,
                code_rng=store.rng,
            )
            for (email, name, time_zone, birthday, joined_days_ago), password_hash in zip(
                DEMO_MEMBERS, hashes, strict=True
            )
        )
        grace.referred_by = ada.id
        everyone = [ada, grace, alan, linus]
        for member in everyone:
            for other in everyone:
                if other is not member:
                    member.friends.append(other.id)
        _add_offers_and_challenges(store, now)
        actions = _plan(store, now, rng, ada, grace, alan, linus)
        for day in range(420, -1, -1):
            tick = now - timedelta(days=day)
            actions.append((tick, None, lambda at: None))
        actions.sort(key=lambda item: item[0])
        for at, actor, action in actions:
            for member in everyone if actor is None else [actor]:
                store.maintain(member, at)
            try:
                action(at)
            except Refusal:
                pass  # a planned redemption the member could not afford is simply skipped
        for member in everyone:
            store.maintain(member, now)
        keep_demo_template(store, ada)  # "Try the demo" gives each visitor a copy of Ada's story
    return store


CHALLENGE_TEXTS: dict[str, tuple[Texts, Texts]] = {
    "visit-3-this-week": (
        Texts("Visit 3 times this week", "Ven 3 veces esta semana"),
        Texts("Three visits before the week is out.", "Tres visitas antes de que acabe la semana."),
    ),
    "try-a-new-drink": (
        Texts("Try a new drink", "Prueba una bebida nueva"),
        Texts("Order something you have never had before.", "Pide algo que no hayas probado nunca."),
    ),
    "four-week-streak": (
        Texts("Four-week streak", "Racha de cuatro semanas"),
        Texts("Visit at least once a week, four weeks running.", "Ven una vez por semana, cuatro semanas seguidas."),
    ),
    "spend-50": (
        Texts("Spend $50 this month", "Gasta 50 $ este mes"),
        Texts("Spend $50 in total before the month ends.", "Gasta 50 $ en total antes de que acabe el mes."),
    ),
    "review-rookie": (
        Texts("Review rookie", "Primera reseña"),
        Texts("Write your first review.", "Escribe tu primera reseña."),
    ),
    "share-the-love": (
        Texts("Share the love", "Comparte el cariño"),
        Texts("Gift Stars to two friends.", "Regala Estrellas a dos amigos."),
    ),
}
"""The seeded challenges' titles and descriptions in every language (kept with each challenge in the store)."""


def _add_offers_and_challenges(store: Store, now: datetime) -> None:
    today = datetime.combine(now.astimezone(UTC).date(), time(), UTC)
    day = timedelta(days=1)
    # The program's offers: id, multiplier, bonus Stars, minimum spend, first day (from today), days it runs.
    for offer_id, multiplier, bonus, min_spend, first, days in (
        ("double-star-day", 2.0, 0, 0.0, 0, 1),
        ("afternoon-boost", 1.5, 0, 0.0, 7, 1),
        ("breakfast-bonus", 1.0, 20, 8.0, 0, 3),
    ):
        title, description = OFFER_TEXTS[offer_id]  # kept in English; answered in the reader's language
        store.offers.append(
            OfferRecord(
                id=offer_id,
                title=title.en,
                description=description.en,
                multiplier=multiplier,
                bonus_stars=bonus,
                min_spend=min_spend,
                starts_at=today + first * day,
                ends_at=today + (first + days) * day,
            )
        )
    d = timedelta(days=1)
    # id, what counts, target, Stars on completion, window
    challenges: tuple[tuple[str, ChallengeKind, int, int, tuple[datetime, datetime]], ...] = (
        ("visit-3-this-week", "visits", 3, 50, (now - 2 * d, now + 5 * d)),
        ("try-a-new-drink", "visits", 1, 25, (now - 3 * d, now + 4 * d)),
        ("four-week-streak", "streak", 4, 100, (now - 10 * d, now + 25 * d)),
        ("spend-50", "spend", 50, 60, this_month(now)),
        ("review-rookie", "reviews", 1, 20, (now - 60 * d, now - 45 * d)),
        ("share-the-love", "gifts", 2, 40, (now - 40 * d, now - 10 * d)),
    )
    for challenge_id, kind, target, stars, (starts_at, ends_at) in challenges:
        title, about = CHALLENGE_TEXTS[challenge_id]
        challenge = ChallengeDef(challenge_id, title, about, kind, target, stars, starts_at, ends_at)
        store.challenges[challenge.id] = challenge


def _plan(
    store: Store, now: datetime, rng: random.Random, ada: Member, grace: Member, alan: Member, linus: Member
) -> list[tuple[datetime, Member | None, Action]]:
    plan: list[tuple[datetime, Member | None, Action]] = []

    def buy(member: Member, when: datetime, amount: float) -> None:
        place = rng.choice(STORES)
        plan.append((when, member, lambda at: wallet.record_purchase(store, member, amount, place, at)))

    def redeem(member: Member, when: datetime, reward_id: str, used: bool = True) -> None:
        """A redemption whose code was scanned at the counter a few minutes later (or, `used=False`, never)."""

        def act(at: datetime) -> None:
            record = wallet.redeem(store, member, reward_id, at)
            if used:
                record.used_at = at + timedelta(minutes=12)

        plan.append((when, member, act))

    def give(member: Member, when: datetime, to: Member, stars: int, message: str) -> None:
        plan.append((when, member, lambda at: wallet.gift(store, member, to.id, stars, message, at)))

    def join(member: Member, when: datetime, challenge_id: str) -> None:
        def act(at: datetime) -> None:
            member.challenges[challenge_id] = Participation(at)

        plan.append((when, member, act))

    # Ada: weekly regular, Gold.
    day = 400.0
    while day > 3:
        buy(ada, _days_ago(now, day, rng), round(rng.uniform(6, 16) * 20) / 20)
        day -= rng.choice((5, 6, 7, 7))
    buy(ada, now - timedelta(days=1.8), 8.40)  # before joining "Visit 3 times": does not count
    buy(ada, now - timedelta(days=1), 11.20)
    for days_ago, reward in (
        (330, "brewed-coffee"),
        (300, "coffee-beans"),
        (250, "handcrafted-drink"),
        (200, "breakfast-sandwich"),
        (170, "breakfast-sandwich"),
        (90, "handcrafted-drink"),
        (60, "handcrafted-drink"),
        (30, "lunch-bowl"),
        (12, "extra-shot"),
        (5, "breakfast-sandwich"),
    ):
        # The lunch bowl was never collected (its code has expired); the newest code is still to be used.
        redeem(ada, _days_ago(now, days_ago, rng), reward, used=days_ago not in (30, 5))
    join(ada, now - timedelta(days=59), "review-rookie")
    plan.append((now - timedelta(days=50), ada, lambda at: engagement.write_review(store, ada, "Pike Place latte", at)))
    join(ada, now - timedelta(days=39), "share-the-love")
    give(ada, now - timedelta(days=30), grace, 50, "Coffee's on me! Thanks for the debugging help.")
    give(ada, now - timedelta(days=20), linus, 20, "For the kernel hackers' coffee fund")
    join(ada, now - timedelta(days=9), "four-week-streak")
    join(ada, now - timedelta(days=1.5), "visit-3-this-week")

    # Grace: exactly GRACE_QUALIFYING purchase Stars in the window, 45 short of Gold.
    stars = [rng.randint(8, 24) for _ in range(28)]
    while not 6 <= GRACE_QUALIFYING - sum(stars) <= 40:
        stars = stars[:-1] if sum(stars) > GRACE_QUALIFYING else [*stars, rng.randint(8, 24)]
    stars.append(GRACE_QUALIFYING - sum(stars))
    for index, value in enumerate(stars):
        buy(grace, _days_ago(now, 335 - index * (330 / len(stars)), rng), value / 2)
    redeem(grace, _days_ago(now, 100, rng), "extra-shot")
    give(grace, now - timedelta(days=15), alan, 25, "Found a bug in your order: it was perfect.")
    give(grace, now - timedelta(days=8), ada, 25, "Thanks for the notes on the compiler!")
    join(grace, now - timedelta(days=1), "try-a-new-drink")

    # Alan: an old cluster that has expired, and a cluster about to expire.
    for days_ago in (405, 402, 398):
        buy(alan, _days_ago(now, days_ago, rng), round(rng.uniform(8, 14), 1))
    give(alan, now - timedelta(days=396), linus, 30, "For the machine that thinks")
    redeem(alan, now - timedelta(days=395), "extra-shot")
    for days_ago in (346, 343, 341, 338):
        buy(alan, _days_ago(now, days_ago, rng), round(rng.uniform(9, 15), 1))
    for days_ago in (200, 150, 90, 40, 10):
        buy(alan, _days_ago(now, days_ago, rng), round(rng.uniform(5, 12), 1))

    # Linus: heavy user, Reserve.
    day = 410.0
    while day > 2:
        buy(linus, _days_ago(now, day, rng), round(rng.uniform(10, 26) * 20) / 20)
        day -= rng.choice((2, 3, 4))
    for days_ago, reward in ((300, "reserve-flight"), (200, "tumbler"), (120, "coffee-beans"), (45, "reserve-flight")):
        redeem(linus, _days_ago(now, days_ago, rng), reward)
    give(linus, now - timedelta(days=60), alan, 100, "For the Enigma of choosing a drink")
    join(linus, max(this_month(now)[0], now - timedelta(days=14)), "spend-50")
    review = engagement.write_review
    plan.append((now - timedelta(days=5), linus, lambda at: review(store, linus, "Old Town espresso", at)))
    answers = {qid: choices[0].en for qid, (_, choices) in SURVEY_QUESTIONS.items()}
    survey = engagement.answer_survey
    plan.append((now - timedelta(days=35), linus, lambda at: survey(store, linus, survey_id_for(at), answers, at)))
    return plan
