"""Star Pool (a section of Friends): the member's pools and invitations, one progress bar to each pool's goal, who
gave what, the pool's own activity; create a pool, join or decline, give Stars, redeem the goal (owner), leave."""

from __future__ import annotations

import flet as ft

from app.api.models import Pool
from app.components.context import use_i18n
from app.components.feedback import InlineError
from app.components.forms import FormCard, SubmitButton
from app.components.layout import Heading, SectionCard
from app.components.stars import StarsProgress
from app.components.text_input import StarsInput, TextInput
from app.i18n import Translator
from app.state.pools import PoolsState
from app.views.friends_layout import tap

ACTIVITY_SHOWN = 5


def content(pools: PoolsState, t: Translator) -> list[ft.Control]:
    controls: list[ft.Control] = []
    rules = pools.rules
    if rules is not None:
        controls.append(
            ft.Text(
                t.n_(
                    "Save Stars with up to {n} friend for a reward. Stars in a pool never expire; if you leave, your "
                    "unspent Stars come back.",
                    "Save Stars with up to {n} friends for a reward. Stars in a pool never expire; if you leave, your "
                    "unspent Stars come back.",
                    rules.max_invites,
                ),
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
    controls += [PoolCard(pools, pool) for pool in pools.pools]
    if pools.creating:
        controls.append(CreatePoolForm(pools))
    else:
        controls.append(ft.FilledTonalButton(t._("Create a pool"), icon=ft.Icons.GROUP_ADD, on_click=pools.open_create))
    return controls


@ft.component
def CreatePoolForm(pools: PoolsState) -> ft.Control:
    t = use_i18n()
    errors = pools.create_errors
    goal_picker = ft.Semantics(
        label=t._("Goal reward"),
        value=next((g.name for g in pools.goals if g.id == pools.goal_id), t._("none chosen")),
        container=True,
        expand=True,
        content=ft.Dropdown(
            label=t._("Goal reward"),
            value=pools.goal_id,
            options=[
                # Translators: a reward and its cost, "Free drink (150 Stars)".
                ft.DropdownOption(key=g.id, text=t._("{reward} ({stars})", reward=g.name, stars=t.stars(g.cost)))
                for g in pools.goals
            ],
            on_select=lambda e: pools.set_goal(e.control.value),
            leading_icon=ft.Icons.REDEEM,
            error_text=errors.get("goal"),
            expand=True,
        ),
    )
    invites = [
        ft.Checkbox(
            label=friend.name,
            value=friend.id in pools.invite_ids,
            on_change=lambda _e, fid=friend.id: pools.toggle_invite(fid),
        )
        for friend in pools.friends
    ]
    rows: list[ft.Control] = [
        Heading(t._("Create a pool"), weight=None),
        TextInput(pools.name, pools.texts_revision, pools.set_name, label=t._("Pool name"), error=errors.get("name"),
                  max_length=80),
        ft.Row([goal_picker]),
        ft.Text(t._("Invite friends"), weight=ft.FontWeight.W_600),
        *(invites or [ft.Text(t._("Add friends first to invite them."), color=ft.Colors.ON_SURFACE_VARIANT)]),
    ]
    if errors.get("invites"):
        rows.append(ft.Text(errors["invites"], color=ft.Colors.ERROR, size=12))
    rows.append(
        ft.Row(
            [
                ft.TextButton(t._("Cancel"), on_click=pools.close_create),
                SubmitButton(t._("Start the pool"), t._("Starting..."), ft.Icons.CHECK, pools.create, pools.saving),
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    )
    return FormCard(rows, error=errors.get("form"))


@ft.component
def PoolCard(pools: PoolsState, pool: Pool) -> ft.Control:
    t = use_i18n()
    busy = pools.busy.get(pool.id)
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.SAVINGS_OUTLINED, color=ft.Colors.PRIMARY),
                ft.Column(
                    [
                        ft.Text(pool.name, weight=ft.FontWeight.W_600),
                        ft.Text(t._("Goal: {reward} · owner {name}", reward=pool.goal.name, name=pool.owner_name),
                                size=13, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ]
        ),
        StarsProgress(pool.progress, _progress_label(pool, t), _progress_caption(pool, t)),
    ]
    if pool.my_role == "invited":
        rows.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        t._("Decline {pool}", pool=pool.name),
                        on_click=tap(pools.answer, pool.id, False),
                        disabled=busy is not None,
                    ),
                    ft.FilledButton(
                        t._("Join {pool}", pool=pool.name),
                        icon=ft.Icons.CHECK,
                        on_click=tap(pools.answer, pool.id, True),
                        disabled=busy is not None,
                    ),
                ],
                alignment=ft.MainAxisAlignment.END,
                wrap=True,
            )
        )
        return SectionCard(ft.Column(rows, spacing=10), bgcolor=ft.Colors.SECONDARY_CONTAINER)
    rows.append(ft.Text(t._("Who gave what"), weight=ft.FontWeight.W_600, size=13))
    rows += [
        ft.Row(
            [
                ft.Text(_member(m.name, m.role, t), expand=True, size=13),
                ft.Text(t.stars(m.given), size=13),
            ]
        )
        for m in pool.members
        if m.role in ("owner", "member", "invited")
    ]
    rows.append(
        ft.Row(
            [
                StarsInput(
                    pools.amounts.get(pool.id, ""),
                    pools.texts_revision,
                    lambda text: pools.set_amount(pool.id, text),
                    t._("Stars to give to {pool}", pool=pool.name),
                    expand=True,
                ),
                SubmitButton(
                    t.p_("verb", "Give"), t._("Giving..."), ft.Icons.ADD, tap(pools.give, pool.id), busy == "give",
                    tonal=True,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    )
    if pools.give_errors.get(pool.id):
        rows.append(InlineError(pools.give_errors[pool.id]))
    actions: list[ft.Control] = [
        ft.TextButton(t._("Leave {pool}", pool=pool.name), icon=ft.Icons.LOGOUT, on_click=tap(pools.leave, pool.id),
                      disabled=busy is not None)
    ]
    if pool.my_role == "owner":
        actions.append(
            ft.FilledButton(
                t._("Redeem {reward}", reward=pool.goal.name),
                icon=ft.Icons.REDEEM,
                on_click=tap(pools.redeem_goal, pool.id),
                disabled=not pool.can_redeem_goal or busy is not None,
            )
        )
    rows.append(ft.Row(actions, alignment=ft.MainAxisAlignment.END, wrap=True))
    if pool.activity:
        rows.append(ft.Text(t._("Pool activity"), weight=ft.FontWeight.W_600, size=13))
        rows += [
            ft.Text(
                # Translators: one line of a pool's activity: its date, then what happened (written by the API).
                t._("{date} · {what}", date=t.date(a.created_at), what=a.text),
                size=12,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
            for a in pool.activity[:ACTIVITY_SHOWN]
        ]
    return SectionCard(ft.Column(rows, spacing=10))


def _progress_label(pool: Pool, t: Translator) -> str:
    """The bar's accessible name: how far the pool is, in words."""
    # Translators: a progress bar's name, "Weekend treats: 120 of 300 Stars".
    return t.n_(
        "{pool}: {stars} of {n} Star",
        "{pool}: {stars} of {n} Stars",
        pool.goal.cost,
        pool=pool.name,
        stars=pool.stars,
    )


def _progress_caption(pool: Pool, t: Translator) -> str:
    given, goal = t.stars(pool.stars), t.stars(pool.goal.cost)
    if pool.stars_to_goal:
        return t._("{given} of {goal} · {left} to go", given=given, goal=goal, left=t.stars(pool.stars_to_goal))
    return t._("{given} of {goal} · goal reached", given=given, goal=goal)


def _member(name: str, role: str, t: Translator) -> str:
    """A member's name as the pool shows it, with the owner and those still invited marked."""
    if role == "owner":
        return t._("{name} (owner)", name=name)
    if role == "invited":
        return t._("{name} (invited)", name=name)
    return name
