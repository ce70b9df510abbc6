"""The forms of Ways to earn that credit Stars: a review (rating and text) and the monthly survey."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.api.models import EarnResult
from app.components.buttons import IconAction
from app.components.context import use_i18n
from app.components.forms import EarnedNote, FormCard, SubmitButton
from app.components.layout import Heading, SectionCard
from app.components.text_input import TextInput
from app.i18n import Translator
from app.state import EarnState


def _earned(t: Translator, result: EarnResult | None) -> list[ft.Control]:
    if result is None:
        return []
    # Translators: {message} is the API's sentence about what was earned; {stars} the new balance ("1,430 Stars").
    detail = t._("{message} Balance now {stars}.", message=result.message, stars=t.stars(result.balance_after))
    return [EarnedNote(t.stars(result.stars), detail)]


def _rate(state: EarnState, rating: int) -> Callable[[], None]:
    return lambda: state.set_rating(rating)


@ft.component
def ReviewForm(state: EarnState) -> ft.Control:
    t = use_i18n()
    stars_row = ft.Row(
        [
            IconAction(
                ft.Icons.STAR_ROUNDED if i <= state.rating else ft.Icons.STAR_BORDER_ROUNDED,
                t.n_("Rate {n} star", "Rate {n} stars", i),
                on_click=_rate(state, i),
                color=ft.Colors.AMBER_700,
                disabled=state.posting_review,
            )
            for i in range(1, 6)
        ],
        spacing=0,
    )
    rows: list[ft.Control] = [
        Heading(t._("How was your last visit?"), theme_style=None),
        stars_row,
        TextInput(
            state.review_text,
            state.texts_revision,
            state.set_review_text,
            label=t._("Review"),
            multiline=True,
            min_lines=2,
            max_lines=5,
            max_length=state.program.review_rules.max_chars if state.program else None,
            error=state.review_text_error,
            error_max_lines=3,
            disabled=state.posting_review,
        ),
        SubmitButton(t._("Post review"), t._("Posting..."), ft.Icons.SEND, state.post_review, state.posting_review),
    ]
    return FormCard(rows + _earned(t, state.review_result), error=state.review_error, spacing=10)


@ft.component
def SurveyForm(state: EarnState) -> ft.Control:
    t = use_i18n()
    survey = state.survey
    if survey is None:
        return ft.Container()
    if survey.answered and state.survey_result is None:
        return SectionCard(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY),
                    ft.Text(
                        # Translators: {survey} is the survey's title, as the API wrote it.
                        t._("You have answered \u201c{survey}\u201d. Thank you!", survey=survey.title),
                        expand=True,
                    ),
                ],
                spacing=10,
            )
        )
    busy = state.submitting_survey
    rows: list[ft.Control] = [
        # Translators: {survey} is the survey's title, as the API wrote it; {stars} what answering earns ("50 Stars").
        Heading(t._("{survey}: {stars}", survey=survey.title, stars=t.stars(survey.stars)), theme_style=None),
    ]
    for question in survey.questions:
        rows.append(ft.Text(question.text, size=14))
        rows.append(
            ft.RadioGroup(
                value=state.answers.get(question.id),
                on_change=lambda e, qid=question.id: state.answer(qid, e.control.value),
                content=ft.Row(
                    [ft.Radio(value=choice, label=choice) for choice in question.choices],
                    wrap=True,
                    spacing=4,
                ),
            )
        )
    rows.append(SubmitButton(t._("Submit survey"), t._("Submitting..."), ft.Icons.SEND, state.submit_survey, busy))
    return FormCard(rows + _earned(t, state.survey_result), error=state.survey_error, spacing=8)
