"""The screen registry: screen states are made on first use, told what changed by tag, and set back to their
declared defaults on sign-out, whichever screen they belong to."""

from __future__ import annotations

from app.state import (
    ActivityState,
    CardState,
    ChallengesState,
    GiftState,
    HomeState,
    ProfileState,
    ProgramState,
    RewardsState,
    ScreenState,
    Session,
)
from app.state.base import declared_defaults
from app.views.routes import SCREENS
from tests.app.fakes import FakeContext


def remembered(state: ScreenState) -> dict[str, object]:
    return {name: getattr(state, name) for name in declared_defaults(type(state))}


async def test_signing_out_sets_every_screen_back_to_a_fresh_one(session: Session) -> None:
    for screen in SCREENS:
        await session.show(session.screen(screen.state))
    assert all(session.screen(s.state).status == "ready" for s in SCREENS)
    rewards, gift, profile = session.screen(RewardsState), session.screen(GiftState), session.screen(ProfileState)
    rewards.set_tab("mine")
    rewards.ask_to_redeem(next(r for r in rewards.rewards if r.can_redeem))
    gift.set_amount("12")
    gift.set_message("for you")
    profile.set_visit_amount("3.20")
    await session.screen(ActivityState).set_filter("earned")

    await session.sign_out()

    for screen in SCREENS:
        state = session.screen(screen.state)
        if state.members_data:
            assert remembered(state) == remembered(screen.state(FakeContext())), screen.path
    assert session.screen(ProgramState).is_fresh()  # the program's rules are every member's: kept
    assert session.member.balance is None and session.member.name is None


async def test_the_same_screen_state_serves_every_visit(session: Session) -> None:
    assert session.screen(HomeState) is session.screen(HomeState)
    home = session.screen(HomeState)
    await session.sign_out()
    assert session.screen(HomeState) is home  # reset in place: views keep observing the same object


async def test_a_redemption_invalidates_what_shows_stars_and_nothing_else(session: Session) -> None:
    home, activity, program = session.screen(HomeState), session.screen(ActivityState), session.screen(ProgramState)
    rewards = session.screen(RewardsState)
    for state in (home, activity, program, rewards):
        await state.ensure_loaded()

    rewards.ask_to_redeem(next(r for r in rewards.rewards if r.can_redeem))
    await rewards.confirm_redeem()

    assert not home.is_fresh() and not activity.is_fresh()
    assert program.is_fresh()  # the program's rules do not follow the member's Stars
    assert rewards.is_fresh()  # it loaded the catalog again itself


async def test_joining_a_challenge_invalidates_what_shows_challenges(session: Session) -> None:
    home, challenges, rewards = session.screen(HomeState), session.screen(ChallengesState), session.screen(RewardsState)
    for state in (home, challenges, rewards):
        await state.ensure_loaded()

    await challenges.join(challenges.in_section("open")[0])

    assert not home.is_fresh()  # Home lists the joined challenges
    assert challenges.is_fresh()  # it shows the API's answer already
    assert rewards.is_fresh()


async def test_a_screen_state_needs_only_a_small_context_and_reports_to_it(session: Session) -> None:
    context = FakeContext(client=session.client)
    card = CardState(context)

    assert await card.refresh()

    assert card.card is not None
    assert context.balance == card.card.balance  # the balance goes to whoever shows it, not to a sibling screen
    assert context.device.card == card.card  # kept on the device for offline use


async def test_a_reload_that_finds_the_same_data_re_renders_nothing(session: Session) -> None:
    """Observers (the views) hear of a reload only when its answer changed what the screen shows, or when the
    screen shows reloads (Home's bar): a revisit of a stale screen with the same data costs no render."""
    rewards, home = session.screen(RewardsState), session.screen(HomeState)
    await rewards.ensure_loaded()
    await home.ensure_loaded()
    heard: dict[str, list[str | None]] = {"rewards": [], "home": []}

    def on_rewards(_: object, field: str | None) -> None:
        heard["rewards"].append(field)

    def on_home(_: object, field: str | None) -> None:
        heard["home"].append(field)

    rewards.subscribe(on_rewards)  # listeners are held weakly: these names keep them
    home.subscribe(on_home)

    assert await rewards.refresh()
    assert heard["rewards"] == []
    assert await home.refresh()
    assert heard["home"].count("refreshing") == 2  # shown, then gone

    await session.client.simulate_purchase(200.0)  # more Stars: more rewards can be redeemed, the answer differs
    assert await rewards.refresh()
    assert heard["rewards"] != []
