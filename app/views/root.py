"""The root component: provides the session store, follows its theme mode and notices, and routes URLs to screens.

URLs are real paths (`/rewards`), so reload, back and deep links work: `/signin`, `/join`, `/reset-password` and
the tour (`/welcome`) are outside the shell; every other screen renders inside `Shell` (top bar + bottom
navigation), which sends a signed-out visitor to `/signin` and brings them back afterwards.
"""

from __future__ import annotations

import flet as ft

from app.components.context import provide_session, use_observed
from app.i18n.browser import locale_configuration
from app.state import Session, ThemeMode
from app.views.join import JoinScreen
from app.views.paths import JOIN_PATH, RESET_PASSWORD_PATH, SIGN_IN_PATH, TOUR_PATH
from app.views.reset_password import ResetPasswordScreen
from app.views.routes import SCREENS
from app.views.shell import NotFound, Shell
from app.views.signin import SignInScreen
from app.views.tour import TourScreen

BRAND_SEED = "#00695C"  # deep teal


def _theme() -> ft.Theme:
    # Nothing here that Flutter cannot compare: the client rebuilds the page (and parses this theme again) on every
    # route change, and a theme that is not equal to the last one is animated to over 200 ms, every widget rebuilt
    # each frame. A `WidgetStateProperty` (what `NavigationBarTheme.label_text_style` becomes) never compares equal,
    # so the bottom bar's label style is its own (`Frame` in app/views/shell.py; `python -m benchmarks.frames`).
    return ft.Theme(color_scheme_seed=BRAND_SEED)


THEME_MODES: dict[ThemeMode, ft.ThemeMode] = {
    "system": ft.ThemeMode.SYSTEM,
    "light": ft.ThemeMode.LIGHT,
    "dark": ft.ThemeMode.DARK,
}


def configure_page(page: ft.Page, session: Session) -> None:
    """Page-wide settings, once per browser session, before the first render."""
    page.title = "Starboard"
    page.padding = 0
    page.spacing = 0
    page.theme = _theme()
    page.dark_theme = _theme()
    page.theme_mode = THEME_MODES[session.theme_mode]
    page.locale_configuration = locale_configuration(session.speech.language)


def _routes() -> list[ft.Route]:
    children = [ft.Route(index=True, component=SCREENS[0].component)]
    children += [ft.Route(path=s.path.lstrip("/"), component=s.component) for s in SCREENS[1:]]
    return [
        ft.Route(path=SIGN_IN_PATH.lstrip("/"), component=SignInScreen),
        ft.Route(path=JOIN_PATH.lstrip("/"), component=JoinScreen),
        ft.Route(path=RESET_PASSWORD_PATH.lstrip("/"), component=ResetPasswordScreen),
        ft.Route(path=TOUR_PATH.lstrip("/"), component=TourScreen),
        ft.Route(component=Shell, children=children),
    ]


@ft.component
def App(session: Session) -> ft.Control:
    page = ft.context.page
    notice = use_observed(session.notices).current

    def follow_theme() -> None:
        page.theme_mode = THEME_MODES[session.theme_mode]

    def show_notice() -> None:
        if notice is not None:
            page.show_dialog(
                ft.SnackBar(
                    ft.Text(notice.text),
                    behavior=ft.SnackBarBehavior.FLOATING,
                    show_close_icon=True,
                    # Above the bottom navigation (80 px), so the tabs stay usable while a notice shows.
                    margin=ft.Margin.only(left=12, right=12, bottom=92),
                )
            )

    speech = use_observed(session.speech)

    def follow_language() -> None:
        # Flutter's own texts (date picker, text-field menus) speak the member's language too.
        page.locale_configuration = locale_configuration(speech.language)

    ft.use_effect(follow_theme, [session.theme_mode])
    ft.use_effect(follow_language, [speech.language])
    ft.use_effect(show_notice, [notice.id if notice else None])
    routes = ft.use_memo(_routes, [])
    return provide_session(session, lambda: ft.Router(routes, not_found=NotFound))
