"""The forms of Ways to earn that credit Stars: a review (rating and text) and the monthly survey."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.api.models import EarnResult
from app.components.buttons import IconAction
from app.components.feedback import InlineError
from app.components.layout import SectionCard
from app.components.stars import stars
from app.components.text_input import TextInput
from app.state import EarnState


def _earned(result: EarnResult) -> ft.Control:
    return ft.Container(
        content=ft.Column(
            [
                ft.Text(f"You earned {stars(result.stars)}", weight=ft.FontWeight.BOLD),
                ft.Text(f"{result.message} Balance now {stars(result.balance_after)}.", size=13),
            ],
            spacing=2,
        ),
        bgcolor=ft.Colors.PRIMARY_CONTAINER,
        border_radius=12,
        padding=12,
    )


def _rate(state: EarnState, rating: int) -> Callable[[], None]:
    return lambda: state.set_rating(rating)


@ft.component
def ReviewForm(state: EarnState) -> ft.Control:
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
        ft.Text("How was your last visit?", weight=ft.FontWeight.W_600),
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
            disabled=state.posting_review,
        ),
        ft.FilledButton(
            "Posting..." if state.posting_review else "Post review",
            icon=ft.Icons.SEND,
            on_click=state.post_review,
            disabled=state.posting_review,
        ),
    ]
    if state.review_error:
        rows.append(InlineError(state.review_error))
    if state.review_result is not None:
        rows.append(_earned(state.review_result))
    return SectionCard(ft.Column(rows, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


@ft.component
def SurveyForm(state: EarnState) -> ft.Control:
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
    rows: list[ft.Control] = [
        ft.Text(f"{survey.title}: {stars(survey.stars)}", weight=ft.FontWeight.W_600),
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
    rows.append(
        ft.FilledButton(
            "Submitting..." if state.submitting_survey else "Submit survey",
            icon=ft.Icons.SEND,
            on_click=state.submit_survey,
            disabled=state.submitting_survey,
        )
    )
    if state.survey_error:
        rows.append(InlineError(state.survey_error))
    if state.survey_result is not None:
        rows.append(_earned(state.survey_result))
    return SectionCard(ft.Column(rows, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))
