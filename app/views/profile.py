"""Profile: who the member is, their codes, the birthday, dark mode, the language, "Simulate a visit" (embedded
mock backend only) and "Sign out"."""

from __future__ import annotations

from datetime import date, datetime

import flet as ft

from app.api.models import InboxKind
from app.components.appearance import AppearanceChoice
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed, use_screen, use_session
from app.components.feedback import InlineError, when_loaded
from app.components.forms import EarnedNote, FormCard, SubmitButton
from app.components.layout import SectionCard, SectionHeader
from app.components.pill import Pill
from app.components.text_input import TextInput
from app.i18n import LANGUAGES, Translator
from app.state import InboxState, ProfileState, Session


@ft.component
def ProfileScreen() -> ft.Control:
    session = use_session()
    state = use_screen(ProfileState)
    t = use_i18n()
    return when_loaded(
        state, t._("Loading your profile"), t._("Your profile could not load"), lambda: _sections(t, session, state)
    )


def _sections(t: Translator, session: Session, state: ProfileState) -> list[ft.Control]:
    profile = state.profile
    if profile is None:
        return []
    number = " ".join(profile.member_number[i : i + 4] for i in range(0, len(profile.member_number), 4))
    controls: list[ft.Control] = []
    controls.append(
        SectionCard(
            ft.Row(
                [
                    ft.CircleAvatar(content=ft.Text(profile.name[:1], size=24), radius=28),
                    ft.Column(
                        [
                            ft.Text(profile.name, theme_style=ft.TextThemeStyle.TITLE_LARGE),
                            ft.Text(profile.email, size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                            # Translators: {tier} is the tier's name (Green, Gold, Reserve: brand names).
                            Pill(t._("{tier} member", tier=profile.tier), ft.Icons.WORKSPACE_PREMIUM),
                        ],
                        spacing=4,
                        expand=True,
                    ),
                ],
                spacing=16,
            )
        )
    )
    controls.append(
        SectionCard(
            ft.Column(
                [
                    _fact(t._("Member number"), number),
                    _fact(t._("Friend code"), profile.friend_code),
                    _fact(t._("Referral code"), profile.referral_code),
                    _fact(t._("Member since"), t.month_year(profile.joined_at)),
                ],
                spacing=10,
            )
        )
    )
    controls += [SectionHeader(t._("Birthday")), BirthdayForm(state)]
    controls += [SectionHeader(t._("Friends' leaderboard")), LeaderboardSwitch(t, state)]
    controls += [
        SectionHeader(t._("Appearance")),
        SectionCard(AppearanceChoice(), padding=12),
        SectionHeader(t._("Language")),
        SectionCard(LanguageChoice(), padding=12),
    ]
    if session.demo_tools:
        controls += [SectionHeader(t._("Demo")), VisitForm(state)]
    controls += [SectionHeader(t._("Inbox")), InboxPreferences()]
    sign_out = ft.OutlinedButton(t._("Sign out"), icon=ft.Icons.LOGOUT, on_click=session.sign_out, width=float("inf"))
    controls.append(sign_out)
    return controls


def _fact(label: str, value: str) -> ft.Control:
    return ft.Row(
        [
            ft.Text(label, color=ft.Colors.ON_SURFACE_VARIANT, expand=True),
            ft.Text(value, weight=ft.FontWeight.W_600),
        ]
    )


@ft.component
def LanguageChoice() -> ft.Control:
    """One radio per language, each written in its own language ("English", "Español"), so a member who cannot read
    the language on screen still finds theirs. Choosing one switches every screen at once and is kept on the device."""
    session = use_session()
    speech = use_observed(session.speech)

    async def choose(e: ft.Event[ft.RadioGroup]) -> None:
        for code in LANGUAGES:
            if code == e.control.value:
                await session.set_language(code)

    return ft.Semantics(
        label=speech.t._("Language"),
        container=True,
        content=ft.RadioGroup(
            value=speech.language,
            on_change=choose,
            content=ft.Row(
                [ft.Radio(value=code, label=spec.name) for code, spec in LANGUAGES.items()], wrap=True, spacing=8
            ),
        ),
    )


@ft.component
def BirthdayForm(state: ProfileState) -> ft.Control:
    t = use_i18n()
    picking, set_picking = ft.use_state(False)

    def picked(e: ft.Event[ft.DatePicker]) -> None:
        value = e.control.value
        if isinstance(value, datetime | date):
            state.pick_birthday(value if not isinstance(value, datetime) else value.date())
        set_picking(False)

    current = state.profile.birthday if state.profile else None
    ft.use_dialog(
        ft.DatePicker(
            value=datetime(current.year, current.month, current.day) if current else datetime(1990, 1, 1),
            first_date=datetime(1900, 1, 1),
            last_date=datetime.now(),
            help_text=t._("Your birthday"),
            on_change=picked,
            on_dismiss=lambda: set_picking(False),
        )
        if picking
        else None
    )
    labels = t._("Save birthday"), t._("Saving...")
    rows: list[ft.Control] = [
        ft.Text(state.profile.birthday_rule if state.profile else "", size=13),
        TextInput(
            state.birthday_text,
            state.texts_revision,
            state.set_birthday_text,
            label=t._("Birthday"),
            hint_text=t._("YYYY-MM-DD"),
            suffix_icon=IconAction(ft.Icons.CALENDAR_MONTH, t._("Pick birthday"), on_click=lambda: set_picking(True)),
            error=state.birthday_error,
            disabled=state.saving,
        ),
        SubmitButton(*labels, ft.Icons.CAKE_OUTLINED, state.save_birthday, state.saving, tonal=True),
    ]
    if state.birthday_saved:
        rows.append(ft.Text(t._("Birthday saved."), color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600))
    return FormCard(rows)


@ft.component
def VisitForm(state: ProfileState) -> ft.Control:
    t = use_i18n()
    labels = t._("Simulate a visit"), t._("Recording...")
    rows: list[ft.Control] = [
        ft.Text(t._("Record a purchase in store, as if you had scanned your card at the counter."), size=13),
        TextInput(
            state.visit_amount,
            state.texts_revision,
            state.set_visit_amount,
            label=t._("Amount spent"),
            keyboard_type=ft.KeyboardType.NUMBER,
            prefix_icon=ft.Icons.PAYMENTS_OUTLINED,
            error=state.visit_error,
            disabled=state.visiting,
        ),
        SubmitButton(*labels, ft.Icons.STOREFRONT_OUTLINED, state.simulate_visit, state.visiting),
    ]
    visit = state.last_visit
    if visit is not None:
        # Everything the visit caused, so the balance adds up: the purchase, then each bonus it completed.
        # Translators: {reason} is what the API says was bought ("Purchase at Pike Place, 12.50").
        said = [t._("{reason}.", reason=visit.entry.reason)]
        # Translators: {reason} is the API's name for a bonus; {stars} is "+25 Stars".
        said += [t._("{reason}: {stars}.", reason=b.reason, stars=t.signed_stars(b.stars)) for b in visit.bonuses]
        earned = visit.stars + sum(bonus.stars for bonus in visit.bonuses)
        said.append(t._("Balance now {stars}.", stars=t.stars(visit.balance_after)))
        rows.append(EarnedNote(t.stars(earned), " ".join(said)))
    return FormCard(rows)


@ft.component
def InboxPreferences() -> ft.Control:
    """Which kinds of news the inbox shows: each can be turned off, except account and security notices."""
    inbox = use_screen(InboxState)
    t = use_i18n()

    async def load() -> None:
        await inbox.ensure_loaded()

    ft.use_effect(load, [])
    rows: list[ft.Control] = [ft.Text(t._("Choose what your inbox tells you about."), size=13)]
    if inbox.preference_error:
        rows.append(InlineError(inbox.preference_error))
    for pref in inbox.preferences:

        async def changed(e: ft.Event[ft.Switch], kind: InboxKind = pref.kind) -> None:
            await inbox.set_preference(kind, bool(e.control.value))

        rows.append(
            ft.Switch(
                # Translators: {kind} is the API's name for a kind of news ("Account and security").
                label=pref.title if pref.can_turn_off else t._("{kind} (always on)", kind=pref.title),
                value=pref.enabled,
                disabled=not pref.can_turn_off or inbox.saving_kind is not None,
                on_change=changed,
                key=f"pref-{pref.kind}",
            )
        )
    return FormCard(rows)


def LeaderboardSwitch(t: Translator, state: ProfileState) -> ft.Control:
    """Off by default: the member shows on friends' leaderboards only once they turn it on (and leaves at once)."""

    async def changed(e: ft.Event[ft.Switch]) -> None:
        await state.set_on_leaderboard(bool(e.control.value))

    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Switch(
                    label=t._("Show me on my friends' leaderboard"),
                    value=state.on_leaderboard,
                    on_change=changed,
                    disabled=state.saving_leaderboard,
                )
            ]
        ),
        ft.Text(
            t._("Friends see the Stars you earned this week, never your balance."),
            size=13,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if state.leaderboard_error:
        rows.append(InlineError(state.leaderboard_error))
    return SectionCard(ft.Column(rows, spacing=6), padding=12)
