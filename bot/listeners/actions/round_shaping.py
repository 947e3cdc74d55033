"""The preview's shaping buttons: a pair's Lock / Drop / Swap menu, Choose (another
mentor), Add pair, Re-solve and Back. Only program admins get through; the modal is
updated in place."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.core.deps import Deps
from bot.listeners.actions.admin import AdminClick, run_admin_click, show
from bot.parsing.shape_forms import read_pair_choice, read_pick
from bot.services import round_shaping
from bot.services.admin_rounds import preview_round
from bot.ui import admin_preview
from bot.ui.admin_common import notice_view
from bot.ui.round_shaping import add_pair_modal, refusal_text, resolved_view, swap_view

ShapeClick = AdminClick

OUT_OF_DATE = "That button is out of date; nothing changed."


def _show_preview(
    deps: Deps, client: WebClient, body: dict[str, Any], team: str, note: str | None = None
) -> None:
    show(client, body, admin_preview.preview_modal(preview_round(deps, team), note=note))


def _pair_menu(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    option = body["actions"][0].get("selected_option") or {}
    choice = read_pair_choice(str(option.get("value") or ""))
    if choice is None:
        _show_preview(deps, client, body, team, OUT_OF_DATE)
        return
    if choice.what == "swap":
        options = round_shaping.swap_choice(deps, team, mentor=choice.mentor, mentee=choice.mentee)
        if options is None:
            _show_preview(deps, client, body, team, refusal_text(round_shaping.GONE.problems))
            return
        show(client, body, swap_view(options))
        return
    change = round_shaping.lock_pair if choice.what == "lock" else round_shaping.drop_pair
    refused = change(deps, team, actor=user, mentor=choice.mentor, mentee=choice.mentee)
    _show_preview(deps, client, body, team, refusal_text(refused.problems) if refused else None)


def _pick(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    pick = read_pick(str(body["actions"][0].get("value") or ""))
    if pick is None:
        _show_preview(deps, client, body, team, OUT_OF_DATE)
        return
    refused = round_shaping.pick_swap(
        deps,
        team,
        actor=user,
        period=pick.period,
        mentor=pick.mentor,
        mentee=pick.mentee,
        skill=pick.skill,
    )
    _show_preview(deps, client, body, team, refusal_text(refused.problems) if refused else None)


def _add(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    view_id = (body.get("view") or {}).get("id") or ""
    client.views_push(trigger_id=body["trigger_id"], view=add_pair_modal(view_id))


def _resolve(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    # A round of tens of thousands takes seconds: say so first, then show the result.
    show(client, body, notice_view("Re-solved", ":hourglass: Re-solving the round…"))
    diff = round_shaping.resolve(deps, team, actor=user)
    show(client, body, resolved_view(diff))


def _back(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    _show_preview(deps, client, body, team)


CLICKS: dict[str, ShapeClick] = {
    ids.ADMIN_SHAPE_PAIR: _pair_menu,
    ids.ADMIN_SHAPE_PICK: _pick,
    ids.ADMIN_SHAPE_ADD: _add,
    ids.ADMIN_SHAPE_RESOLVE: _resolve,
    ids.ADMIN_SHAPE_BACK: _back,
}


def shape_click(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    run_admin_click(CLICKS, ack, body, context, client)


def register(app: App) -> None:
    for action_id in CLICKS:
        app.action(action_id)(shape_click)
