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


def _earned(result: EarnResult | None, t: Translator) -> list[ft.Control]:
    if result is None:
        return []
    return [EarnedNote(t.stars(result.stars), f"{result.message} Balance now {t.stars(result.balance_after)}.")]


def _rate(state: EarnState, rating: int) -> Callable[[], None]:
    return lambda: state.set_rating(rating)


@ft.component
def ReviewForm(state: EarnState) -> ft.Control:
    t = use_i18n()
    stars_row = ft.Row(
        [
            IconAction(
                ft.Icons.STAR_ROUNDED if i <= state.rating else ft.Icons.STAR_BORDER_ROUNDED,
                f"Rate {i} star" if i == 1 else f"Rate {i} stars",
                on_click=_rate(state, i),
                color=ft.Colors.AMBER_700,
                disabled=state.posting_review,
            )
            for i in range(1, 6)
        ],
        spacing=0,
    )
    rows: list[ft.Control] = [
        Heading("How was your last visit?", theme_style=None),
        stars_row,
        TextInput(
            state.review_text,
            state.texts_revision,
            state.set_review_text,
            label="Review",
            multiline=True,
            min_lines=2,
            max_lines=5,
            max_length=state.program.review_rules.max_chars if state.program else None,
            error=state.review_text_error,
            error_max_lines=3,
            disabled=state.posting_review,
        ),
        SubmitButton("Post review", "Posting...", ft.Icons.SEND, state.post_review, state.posting_review),
    ]
    return FormCard(rows + _earned(state.review_result, t), error=state.review_error, spacing=10)


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
                    ft.Text(f"You have answered \u201c{survey.title}\u201d. Thank you!", expand=True),
                ],
                spacing=10,
            )
        )
    busy = state.submitting_survey
    rows: list[ft.Control] = [
        Heading(f"{survey.title}: {t.stars(survey.stars)}", theme_style=None),
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
    rows.append(SubmitButton("Submit survey", "Submitting...", ft.Icons.SEND, state.submit_survey, busy))
    return FormCard(rows + _earned(state.survey_result, t), error=state.survey_error, spacing=8)
