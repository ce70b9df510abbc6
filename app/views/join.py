"""Join Starboard: name, email, password, an optional referral code and birthday; then the emailed 6-digit code.
Outside the signed-in shell, like sign-in. A new member goes to the first-run tour, then Home."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed, use_session
from app.components.feedback import InlineError
from app.components.layout import SectionCard
from app.components.welcome import DemoEmailCard, Field, Heading, OutsideShell
from app.state.join import JoinForm
from app.views.paths import SIGN_IN_PATH, TOUR_PATH, code_in_route


@ft.component
def JoinScreen() -> ft.Control:
    session = use_session()
    form = use_observed(session.join)
    t = use_i18n()
    page = ft.context.page
    show_password, set_show_password = ft.use_state(False)

    async def load() -> None:
        await form.load_program()

    def go_on_when_joined() -> None:
        if session.auth == "signed_in":
            page.navigate(TOUR_PATH if session.tour_pending else session.return_to)

    def take_claim_from_link() -> None:
        form.came_with_claim(code_in_route(page.route, "claim"))  # a gift's text message: /join?claim=CODE

    ft.use_effect(load, [])
    ft.use_effect(take_claim_from_link, [])
    ft.use_effect(go_on_when_joined, [session.auth])

    if form.step == "code":
        body = _code_step(form)
    else:
        bonus = form.welcome_bonus
        subtitle = (
            f"Join and get {t.stars(bonus)} to start, then earn Stars on every visit."
            if bonus
            else "Earn Stars on every visit and spend them on rewards."
        )
        body = [Heading("Join Starboard", subtitle), *_details(form, show_password, set_show_password)]
        if form.claim_code:
            body.insert(1, _gift_waiting(form.claim_code))
    return OutsideShell(
        [
            *body,
            *([InlineError(form.error)] if form.error else []),
            ft.ProgressBar(semantics_label="Working") if form.busy else ft.Container(height=4),
            ft.TextButton(
                "I already have an account", on_click=lambda: page.navigate(SIGN_IN_PATH), disabled=form.busy
            ),
        ]
    )


def _details(form: JoinForm, show_password: bool, set_show_password: Callable[[bool], None]) -> list[ft.Control]:
    errors, rev = form.field_errors, form.texts_revision
    return [
        Field(
            "Name",
            form.name,
            rev,
            lambda v: form.set_field("name", v),
            errors.get("name"),
            disabled=form.busy,
            autofill_hints=ft.AutofillHint.NAME,
            prefix_icon=ft.Icons.PERSON_OUTLINE,
        ),
        Field(
            "Email",
            form.email,
            rev,
            lambda v: form.set_field("email", v),
            errors.get("email"),
            disabled=form.busy,
            keyboard_type=ft.KeyboardType.EMAIL,
            autofill_hints=ft.AutofillHint.EMAIL,
            prefix_icon=ft.Icons.MAIL_OUTLINE,
        ),
        Field(
            "Password",
            form.password,
            rev,
            lambda v: form.set_field("password", v),
            errors.get("password"),
            disabled=form.busy,
            password=not show_password,
            helper="At least 8 characters",
            suffix_icon=IconAction(
                ft.Icons.VISIBILITY_OFF_OUTLINED if show_password else ft.Icons.VISIBILITY_OUTLINED,
                "Hide password" if show_password else "Show password",
                on_click=lambda: set_show_password(not show_password),
            ),
            autofill_hints=ft.AutofillHint.NEW_PASSWORD,
            prefix_icon=ft.Icons.LOCK_OUTLINE,
        ),
        Field(
            "Referral code (optional)",
            form.referral_code,
            rev,
            lambda v: form.set_field("referral_code", v),
            errors.get("referral_code"),
            disabled=form.busy,
            prefix_icon=ft.Icons.CARD_GIFTCARD_OUTLINED,
        ),
        Field(
            "Birthday (optional, YYYY-MM-DD)",
            form.birthday,
            rev,
            lambda v: form.set_field("birthday", v),
            errors.get("birthday"),
            disabled=form.busy,
            keyboard_type=ft.KeyboardType.DATETIME,
            prefix_icon=ft.Icons.CAKE_OUTLINED,
            on_submit=form.submit_details,
        ),
        ft.FilledButton(
            "Sending..." if form.busy else "Join Starboard",
            on_click=form.submit_details,
            disabled=form.busy,
            height=48,
        ),
    ]


def _code_step(form: JoinForm) -> list[ft.Control]:
    return [
        Heading("Check your email", form.sent),
        DemoEmailCard(form.emails),
        Field(
            "6-digit code",
            form.code,
            form.texts_revision,
            lambda v: form.set_field("code", v),
            form.field_errors.get("code"),
            disabled=form.busy,
            keyboard_type=ft.KeyboardType.NUMBER,
            autofill_hints=ft.AutofillHint.ONE_TIME_CODE,
            prefix_icon=ft.Icons.PIN_OUTLINED,
            on_submit=form.submit_code,
        ),
        ft.FilledButton(
            "Confirming..." if form.busy else "Confirm and join",
            on_click=form.submit_code,
            disabled=form.busy,
            height=48,
        ),
        ft.Row(
            [
                ft.TextButton("Send a new code", on_click=form.send_again, disabled=form.busy),
                ft.TextButton("Change details", on_click=form.change_details, disabled=form.busy),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    ]


def _gift_waiting(code: str) -> ft.Control:
    return SectionCard(
        ft.Row(
            [
                ft.Icon(ft.Icons.CARD_GIFTCARD, color=ft.Colors.PRIMARY),
                ft.Text(
                    f"Someone sent you Stars. Join, and they are yours right after (claim code {code}).",
                    expand=True,
                ),
            ],
            spacing=12,
        )
    )
