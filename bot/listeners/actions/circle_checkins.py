"""The buttons on a circle's check-in: each member answers for themselves."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.core import ids
from bot.cycle.checkins import Answer
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.shared.pair_clicks import clicked_value, refuse_clicker, tell_clicker
from bot.services.circle_cycle import record_circle_answer
from bot.ui import checkin as checkin_ui

ANSWERS = {
    ids.CIRCLE_CHECKIN_MET: Answer.MET,
    ids.CIRCLE_CHECKIN_NOT_YET: Answer.NOT_YET,
}


def answer_circle_checkin(
    ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    chosen = ANSWERS[body["actions"][0]["action_id"]]
    changed = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: record_circle_answer(
            session,
            clicked_value(body),
            chosen,
            team_id=context.team_id or "",
            user_id=context.user_id or "",
            now=deps.clock(),
        ),
    )
    if changed is None:
        return
    tell_clicker(respond, checkin_ui.answer_reply(chosen, changed=changed))


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(answer_circle_checkin)
