"""The buttons on a program admin's help-request DM: take it on, open the pairing, end it
and rematch; for a circle, take it on. Every click is checked: only program admins get
through."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.db.session import transaction
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_clicks import clicked_value, refuse_clicker, tell_clicker
from bot.services import circle_cycle, help_requests
from bot.services.pairs import NotYours
from bot.ui import help_request as help_ui
from bot.ui.admin_common import REFUSAL
from bot.ui.replies import Reply


def act_on_help_request(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    team, user = context.team_id or "", context.user_id or ""
    refuse = refuse_clicker(respond)
    if not is_admin(deps, client, team_id=team, user_id=user, enterprise_id=context.enterprise_id):
        refuse(REFUSAL)
        return
    action = body["actions"][0]["action_id"]
    now = deps.clock()
    try:
        with transaction(deps.sessions) as session:
            found = help_requests.help_request(session, team, clicked_value(body))
            if action == ids.HELP_OPEN_PAIRING:
                view = help_ui.pairing_view(help_requests.pairing_facts(session, found, now))
                reply: Reply | None = None
            elif action == ids.HELP_TAKE:
                taken = help_requests.take(session, found, user, now)
                reply = help_ui.help_taken_answer(
                    asker=found.asker.slack_user_id,
                    taken_by=taken.taken_by,
                    by_you=taken.by_you,
                    when=taken.at,
                )
            else:
                ended = help_requests.end_and_rematch(session, found, now)
                reply = help_ui.ended_answer(ended=ended)
    except NotYours as refusal:
        refuse(str(refusal))
        return
    if reply is None:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    else:
        tell_clicker(respond, reply)


def take_circle_help_request(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    team, user = context.team_id or "", context.user_id or ""
    refuse = refuse_clicker(respond)
    if not is_admin(deps, client, team_id=team, user_id=user, enterprise_id=context.enterprise_id):
        refuse(REFUSAL)
        return
    try:
        with transaction(deps.sessions) as session:
            taken, asker = circle_cycle.take_circle_help(
                session, team_id=team, clicked=clicked_value(body), admin=user, now=deps.clock()
            )
    except NotYours as refusal:
        refuse(str(refusal))
        return
    tell_clicker(
        respond,
        help_ui.help_taken_answer(
            asker=asker, taken_by=taken.taken_by, by_you=taken.by_you, when=taken.at
        ),
    )


def register(app: App) -> None:
    app.action(ids.CIRCLE_HELP_TAKE)(take_circle_help_request)
    for action_id in (ids.HELP_TAKE, ids.HELP_OPEN_PAIRING, ids.HELP_END_AND_REMATCH):
        app.action(action_id)(act_on_help_request)
