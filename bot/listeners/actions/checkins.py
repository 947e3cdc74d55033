"""Buttons on check-ins (met, not yet, need help, end, note) and on end-of-pairing DMs."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.cycle.checkins import Answer
from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners.actions.pairs import clicked_value, tell_clicker
from bot.services import checkins, pairs
from bot.services.admins import named_admins
from bot.services.pairs import NotYours
from bot.slack.admin_directory import WorkspaceAdminDirectory
from bot.ui import checkin as checkin_ui
from bot.ui.endings import feedback_modal

ANSWERS = {
    ids.CHECKIN_MET: Answer.MET,
    ids.CHECKIN_NOT_YET: Answer.NOT_YET,
    ids.CHECKIN_NEED_HELP: Answer.NEED_HELP,
}


def _feedback_target(value: str | None) -> tuple[object, object]:
    try:
        data = json.loads(value or "")
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    return data.get("pair"), data.get("cycle")


def register(app: App, deps: Deps) -> None:
    # "Need help" goes to every program admin: the named ones and Slack's own admins.
    workspace_admins = WorkspaceAdminDirectory()

    def answer(
        ack: Ack,
        body: dict[str, Any],
        context: BoltContext,
        client: WebClient,
        respond: Respond,
    ) -> None:
        ack()
        chosen = ANSWERS[body["actions"][0]["action_id"]]
        try:
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                changed = checkins.record_answer(session, found, chosen, deps.clock())
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        if chosen == Answer.NEED_HELP and changed:
            # Asked only after the answer is safely stored; the DMs go through the outbox.
            team_id = context.team_id or ""
            from_slack = workspace_admins.admins(client, team_id)
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session, team_id, clicked_value(body), context.user_id or ""
                )
                admins = sorted(set(from_slack) | set(named_admins(session, team_id)))
                checkins.ask_admins_for_help(session, found, admins, deps.clock())
        tell_clicker(respond, checkin_ui.answer_reply(chosen, changed=changed))

    for action_id in ANSWERS:
        app.action(action_id)(answer)

    @app.action(ids.CHECKIN_NOTE)
    def open_note(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        try:
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                view = checkin_ui.note_modal(
                    found.checkin.id, checkins.current_note(session, found)
                )
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.action(ids.CHECKIN_END)
    def open_end(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        try:
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                pair = found.access.pair
                if not pair.active:
                    raise NotYours(pairs.PAIR_OVER)
                view = feedback_modal(
                    pair_id=pair.id,
                    cycle=pair.cycle,
                    partner=found.access.partner.display_name,
                    ending_now=True,
                )
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.action(ids.SHARE_FEEDBACK)
    def open_feedback(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        pair_id, cycle = _feedback_target(clicked_value(body))
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session, context.team_id or "", pair_id, context.user_id or ""
                )
                stretch = pairs.parse_id(cycle)
                if stretch is None or stretch > access.pair.cycle:
                    raise NotYours(pairs.NOT_YOURS)
                view = feedback_modal(
                    pair_id=access.pair.id,
                    cycle=stretch,
                    partner=access.partner.display_name,
                    ending_now=False,
                )
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)
