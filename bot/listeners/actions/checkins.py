"""Buttons on check-ins (met, not yet, need help, end, note) and on end-of-pairing DMs."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.cycle.checkins import Answer
from bot.db.models import Member, Pair
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.shared.pair_clicks import (
    clicked_value,
    find_clicked,
    open_clicked_modal,
    refuse_clicker,
    tell_clicker,
)
from bot.services import checkins, goals, pairs
from bot.services.checkins import CheckInAccess
from bot.services.pairs import NotYours
from bot.ui import checkin as checkin_ui
from bot.ui import help_request as help_ui
from bot.ui.endings import feedback_modal, stretch_words

ANSWERS = {
    ids.CHECKIN_MET: Answer.MET,
    ids.CHECKIN_NOT_YET: Answer.NOT_YET,
}


def _feedback_target(value: str | None) -> tuple[object, object]:
    try:
        data = json.loads(value or "")
    except ValueError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    return data.get("pair"), data.get("cycle")


def _note(session: Session, found: CheckInAccess) -> View:
    return checkin_ui.note_modal(found.checkin.id, checkins.current_note(session, found))


def _help(_session: Session, found: CheckInAccess) -> View:
    still_active(found.access)
    return help_ui.help_modal(found.checkin.id, found.access.partner.slack_user_id)


def _learning(pair: Pair, member: Member) -> str | None:
    skill = goals.learns_in(pair, member)
    return skill.label if skill is not None else None


def _end(_session: Session, found: CheckInAccess) -> View:
    pair = still_active(found.access).pair
    return feedback_modal(
        pair_id=pair.id,
        cycle=pair.cycle,
        partner_id=found.access.partner.slack_user_id,
        ending_now=True,
        stretch=stretch_words(pair.duration),
        learning=_learning(pair, found.access.member),
    )


def answer_checkin(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    deps = deps_of(context)
    chosen = ANSWERS[body["actions"][0]["action_id"]]
    changed = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: checkins.record_answer(
            session,
            find_clicked(checkins.checkin_for, session, context, body),
            chosen,
            deps.clock(),
        ),
    )
    if changed is None:
        return
    tell_clicker(respond, checkin_ui.answer_reply(chosen, changed=changed))


def open_note(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        checkins.checkin_for, _note, body=body, context=context, client=client, respond=respond
    )


def open_need_help(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    # "Need help" first asks what would help; the admins hear of it once it's sent.
    ack()
    open_clicked_modal(
        checkins.checkin_for, _help, body=body, context=context, client=client, respond=respond
    )


def open_end(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        checkins.checkin_for, _end, body=body, context=context, client=client, respond=respond
    )


def open_feedback(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    pair_id, cycle = _feedback_target(clicked_value(body))

    # Local: it reads this click's pair and stretch inside for_pair_member's transaction.
    def build(session: Session) -> View:
        access = pairs.pair_for(
            session, pair_id, team_id=context.team_id or "", user_id=context.user_id or ""
        )
        stretch = pairs.parse_id(cycle)
        if stretch is None or stretch > access.pair.cycle:
            raise NotYours(pairs.NOT_YOURS)
        return feedback_modal(
            pair_id=access.pair.id,
            cycle=stretch,
            partner_id=access.partner.slack_user_id,
            ending_now=False,
            stretch=stretch_words(access.pair.duration),
            learning=_learning(access.pair, access.member),
        )

    view = for_pair_member(deps_of(context), refuse_clicker(respond), build)
    if view is not None:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(answer_checkin)
    app.action(ids.CHECKIN_NOTE)(open_note)
    app.action(ids.CHECKIN_NEED_HELP)(open_need_help)
    app.action(ids.CHECKIN_END)(open_end)
    app.action(ids.SHARE_FEEDBACK)(open_feedback)
