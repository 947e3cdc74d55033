"""The buttons on a circle's check-in: each member answers for themselves, may keep a
private note, and may ask the program admins for a hand (the modals' submissions are here
too), and at a circle's end each member's private feedback form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.cycle.checkins import Answer
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.shared.pair_clicks import (
    clicked_value,
    open_clicked_modal,
    refuse_clicker,
    tell_clicker,
)
from bot.listeners.views.help_submission import submit_help_request
from bot.listeners.views.note_submission import submit_note
from bot.listeners.views.pairs import done_view, metadata, refuse_in_field, submitted
from bot.parsing.circle_forms import read_circle_feedback
from bot.services.circle_cycle import (
    CircleCheckInAccess,
    EndedCircleAccess,
    ask_circle_for_help,
    circle_checkin_for,
    current_circle_note,
    ended_circle_for,
    record_circle_answer,
    save_circle_feedback,
    save_circle_note,
    tell_admins_about_circle_help,
)
from bot.ui import checkin as checkin_ui
from bot.ui import circles as circles_ui
from bot.ui import help_request as help_ui

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


def _note(session: Session, found: CircleCheckInAccess) -> View:
    return checkin_ui.note_modal(found.checkin.id, current_circle_note(session, found), circle=True)


def open_circle_note(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        circle_checkin_for, _note, body=body, context=context, client=client, respond=respond
    )


def save_note(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    submit_note(ack, view, context, find=circle_checkin_for, save=save_circle_note)


def _help(_session: Session, found: CircleCheckInAccess) -> View:
    return help_ui.circle_help_modal(found.checkin.id)


def open_circle_help(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    # "Need help" first asks what would help; the admins hear of it once it's sent.
    ack()
    open_clicked_modal(
        circle_checkin_for, _help, body=body, context=context, client=client, respond=respond
    )


def ask_for_help(ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    submit_help_request(
        ack,
        view,
        context,
        client,
        find=circle_checkin_for,
        ask=ask_circle_for_help,
        tell_admins=tell_admins_about_circle_help,
    )


def _feedback(_session: Session, found: EndedCircleAccess) -> View:
    return circles_ui.circle_feedback_modal(found.circle.id, found.circle.skill.label)


def open_circle_feedback(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        ended_circle_for, _feedback, body=body, context=context, client=client, respond=respond
    )


def save_feedback(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    form, errors = read_circle_feedback(submitted(view))
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    rating, learned = form
    recorded = for_pair_member(
        deps,
        refuse_in_field(ack, ids.CIRCLE_FEEDBACK_RATING),
        lambda session: save_circle_feedback(
            session,
            ended_circle_for(
                session,
                metadata(view).get("circle"),
                team_id=context.team_id or "",
                user_id=context.user_id or "",
            ),
            rating,
            learned,
            deps.clock(),
        ),
    )
    if recorded is None:
        return
    ack(
        response_action="update",
        view=done_view("Thank you", circles_ui.circle_feedback_thanks(recorded=recorded)),
    )


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(answer_circle_checkin)
    app.action(ids.CIRCLE_CHECKIN_NOTE)(open_circle_note)
    app.view(ids.CIRCLE_NOTE_MODAL)(save_note)
    app.action(ids.CIRCLE_CHECKIN_NEED_HELP)(open_circle_help)
    app.view(ids.CIRCLE_HELP_MODAL)(ask_for_help)
    app.action(ids.CIRCLE_FEEDBACK)(open_circle_feedback)
    app.view(ids.CIRCLE_FEEDBACK_MODAL)(save_feedback)
