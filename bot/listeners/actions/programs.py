"""Join as learner, Join as teacher, Not now: on the invitation DM and on App Home.

Only the invited person's own click counts: the invitation is looked up by who clicked,
so a forged click can't enrol anyone else.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.db.session import transaction
from bot.listeners.events.home import publish_home
from bot.listeners.shared import program_tasks
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_clicks import clicked_value, tell_clicker
from bot.services.pairs import parse_id
from bot.services.programs import answer_invitation
from bot.ui import admin_replies
from bot.ui import programs as programs_ui

ANSWER_OF = {
    ids.PROGRAM_JOIN_LEARNER: "learner",
    ids.PROGRAM_JOIN_TEACHER: "teacher",
    ids.PROGRAM_NOT_NOW: "declined",
}


def answer(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    program_id = parse_id(clicked_value(body))
    chosen = ANSWER_OF[body["actions"][0]["action_id"]]
    answered = None
    if program_id is not None:
        with transaction(deps.sessions) as session:
            answered = answer_invitation(
                session,
                team_id=team_id,
                user_id=user_id,
                program_id=program_id,
                answer=chosen,
                now=deps.clock(),
            )
    from_message = (body.get("container") or {}).get("type") == "message"
    if answered is None:
        tell_clicker(respond, programs_ui.closed_invitation())
    elif from_message:
        reply = programs_ui.answered_message(answered.card, has_skills=answered.has_skills)
        respond(replace_original=True, **reply.to_kwargs())
    publish_home(deps, client, team_id=team_id, user_id=user_id)


def send_chart(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    if not is_admin(
        deps, client, team_id=team_id, user_id=user_id, enterprise_id=context.enterprise_id
    ):
        tell_clicker(respond, admin_replies.refusal())
        return
    program_id = parse_id(clicked_value(body))
    sent = program_id is not None and program_tasks.send_program_chart(
        deps, client, team_id=team_id, user_id=user_id, program_id=program_id
    )
    if not sent:
        tell_clicker(respond, programs_ui.program_gone())


def register(app: App) -> None:
    for action_id in ANSWER_OF:
        app.action(action_id)(answer)
    app.action(ids.PROGRAM_SEND_CHART)(send_chart)
