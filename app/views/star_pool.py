"""Star Pool (a section of Friends): the member's pools and invitations, one progress bar to each pool's goal, who
gave what, the pool's own activity; create a pool, join or decline, give Stars, redeem the goal (owner), leave.

To place it in the Friends screen: `PoolsState` in `FriendsState.SECTIONS` and
`lambda friends: StarPoolSection(friends.section(PoolsState))` in `app/views/friends.py: SECTIONS`.
"""

from __future__ import annotations

import flet as ft

from app.api.models import Pool
from app.components.buttons import IconAction
from app.components.context import use_i18n, use_observed
from app.components.feedback import InlineError
from app.components.forms import FormCard, SubmitButton
from app.components.layout import Heading, SectionCard
from app.components.stars import StarsProgress
from app.components.text_input import TextInput
from app.state.pools import PoolsState
from app.views.social_sections import section, tap

ACTIVITY_SHOWN = 5


@ft.component
def StarPoolSection(state: PoolsState) -> ft.Control:
    pools = use_observed(state)
    refresh = IconAction(ft.Icons.REFRESH, "Reload Star Pool", pools.refresh)
    return section("Star Pool", pools, "Loading your pools", lambda: _content(pools), refresh)


def _content(pools: PoolsState) -> list[ft.Control]:
    controls: list[ft.Control] = []
    rules = pools.rules
    if rules is not None:
        controls.append(
            ft.Text(
                f"Save Stars with up to {rules.max_invites} friends for a reward. Stars in a pool never expire; "
                "if you leave, your unspent Stars come back.",
                size=13,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
    controls += [PoolCard(pools, pool) for pool in pools.pools]
    if pools.creating:
        controls.append(CreatePoolForm(pools))
    else:
        controls.append(ft.FilledTonalButton("Create a pool", icon=ft.Icons.GROUP_ADD, on_click=pools.open_create))
    return controls


@ft.component
def CreatePoolForm(pools: PoolsState) -> ft.Control:
    errors = pools.create_errors
    goal_picker = ft.Semantics(
        label="Goal reward",
        value=next((g.name for g in pools.goals if g.id == pools.goal_id), "none chosen"),
        container=True,
        expand=True,
        content=ft.Dropdown(
            label="Goal reward",
            value=pools.goal_id,
            options=[ft.DropdownOption(key=g.id, text=f"{g.name} ({g.cost:,} Stars)") for g in pools.goals],
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
        Heading("Create a pool", weight=None),
        TextInput(pools.name, pools.texts_revision, pools.set_name, label="Pool name", error=errors.get("name"),
                  max_length=80),
        ft.Row([goal_picker]),
        ft.Text("Invite friends", weight=ft.FontWeight.W_600),
        *(invites or [ft.Text("Add friends first to invite them.", color=ft.Colors.ON_SURFACE_VARIANT)]),
    ]
    if errors.get("invites"):
        rows.append(ft.Text(errors["invites"], color=ft.Colors.ERROR, size=12))
    rows.append(
        ft.Row(
            [
                ft.TextButton("Cancel", on_click=pools.close_create),
                SubmitButton("Start the pool", "Starting...", ft.Icons.CHECK, pools.create, pools.saving),
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
                        ft.Text(f"Goal: {pool.goal.name} · owner {pool.owner_name}", size=13,
                                color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                    expand=True,
                ),
            ]
        ),
        StarsProgress(
            pool.progress,
            f"{pool.name}: {pool.stars:,} of {pool.goal.cost:,} Stars",
            f"{t.stars(pool.stars)} of {t.stars(pool.goal.cost)}"
            + (f" · {t.stars(pool.stars_to_goal)} to go" if pool.stars_to_goal else " · goal reached"),
        ),
    ]
    if pool.my_role == "invited":
        rows.append(
            ft.Row(
                [
                    ft.OutlinedButton(f"Decline {pool.name}", on_click=tap(pools.answer, pool.id, False),
                                      disabled=busy is not None),
                    ft.FilledButton(f"Join {pool.name}", icon=ft.Icons.CHECK, on_click=tap(pools.answer, pool.id, True),
                                    disabled=busy is not None),
                ],
                alignment=ft.MainAxisAlignment.END,
                wrap=True,
            )
        )
        return SectionCard(ft.Column(rows, spacing=10), bgcolor=ft.Colors.SECONDARY_CONTAINER)
    rows.append(ft.Text("Who gave what", weight=ft.FontWeight.W_600, size=13))
    rows += [
        ft.Row(
            [
                ft.Text(m.name + (" (owner)" if m.role == "owner" else " (invited)" if m.role == "invited" else ""),
                        expand=True, size=13),
                ft.Text(t.stars(m.given), size=13),
            ]
        )
        for m in pool.members
        if m.role in ("owner", "member", "invited")
    ]
    rows.append(
        ft.Row(
            [
                TextInput(
                    pools.amounts.get(pool.id, ""),
                    pools.texts_revision,
                    lambda text: pools.set_amount(pool.id, text),
                    label=f"Stars to give to {pool.name}",
                    keyboard_type=ft.KeyboardType.NUMBER,
                    suffix="Stars",
                    expand=True,
                ),
                SubmitButton("Give", "Giving...", ft.Icons.ADD, tap(pools.give, pool.id), busy == "give", tonal=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    )
    if pools.give_errors.get(pool.id):
        rows.append(InlineError(pools.give_errors[pool.id]))
    actions: list[ft.Control] = [
        ft.TextButton(f"Leave {pool.name}", icon=ft.Icons.LOGOUT, on_click=tap(pools.leave, pool.id),
                      disabled=busy is not None)
    ]
    if pool.my_role == "owner":
        actions.append(
            ft.FilledButton(
                f"Redeem {pool.goal.name}",
                icon=ft.Icons.REDEEM,
                on_click=tap(pools.redeem_goal, pool.id),
                disabled=not pool.can_redeem_goal or busy is not None,
            )
        )
    rows.append(ft.Row(actions, alignment=ft.MainAxisAlignment.END, wrap=True))
    if pool.activity:
        rows.append(ft.Text("Pool activity", weight=ft.FontWeight.W_600, size=13))
        rows += [
            ft.Text(f"{a.created_at:%d %b} · {a.text}", size=12, color=ft.Colors.ON_SURFACE_VARIANT)
            for a in pool.activity[:ACTIVITY_SHOWN]
        ]
    return SectionCard(ft.Column(rows, spacing=10))
