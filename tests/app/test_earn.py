from __future__ import annotations

from app.state import EarnState, ProgramState, Session


async def test_a_review_credits_its_stars_once(session: Session) -> None:
    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    before = (await session.client.summary()).balance
    rule = next(r for r in earn.program.earn_rules if r.kind == "review")  # type: ignore[union-attr]

    earn.set_rating(5)
    earn.set_review_text("Lovely flat white and a friendly barista.")
    await earn.post_review()

    assert earn.review_error is None and earn.review_result is not None
    assert earn.review_result.stars == rule.stars
    assert session.member.balance == before + earn.review_result.stars

    earn.set_rating(4)
    earn.set_review_text("Second visit today, still lovely.")
    await earn.post_review()

    assert earn.review_error  # the API's refusal, shown next to the form
    assert earn.review_result is None
    assert (await session.client.summary()).balance == before + (rule.stars or 0)


async def test_a_review_needs_a_rating_before_it_is_sent(session: Session) -> None:
    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    earn.set_review_text("No rating chosen here.")
    await earn.post_review()
    assert earn.review_error == "Choose a rating from 1 to 5 stars."


async def test_the_survey_credits_once_and_the_second_answer_is_refused(session: Session) -> None:
    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    survey = earn.survey
    assert survey is not None and not survey.answered
    before = (await session.client.summary()).balance

    earn.answer(survey.questions[0].id, survey.questions[0].choices[0])
    await earn.submit_survey()
    assert earn.survey_error and earn.survey_error.startswith("Please answer")  # every question first

    for q in survey.questions:
        earn.answer(q.id, q.choices[-1])
    await earn.submit_survey()
    assert earn.survey_result is not None and earn.survey_result.stars == survey.stars
    assert session.member.balance == before + survey.stars

    await earn.submit_survey()
    assert earn.survey_error and earn.survey_result is None
    assert (await session.client.summary()).balance == before + survey.stars


async def test_ways_to_earn_shows_the_members_tier_rate(session: Session) -> None:
    earn = session.screen(EarnState)
    await earn.ensure_loaded()
    assert earn.profile is not None and earn.profile.tier == "Gold"
    assert earn.earn_rate == 1.2
    assert earn.referral is not None and earn.referral.code


async def test_how_it_works_loads_the_program(session: Session) -> None:
    program_state = session.screen(ProgramState)
    await program_state.ensure_loaded()
    program = program_state.program
    assert program is not None and [t.name for t in program.tiers] == ["Green", "Gold", "Reserve"]
    assert program.rules_text
