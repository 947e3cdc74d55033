"""The buttons on a circle's check-in: each member answers for themselves, and may keep a
private note (its modal's submission is here too)."""

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
from bot.listeners.views.pairs import done_view, metadata, refuse_in_field, submitted
from bot.parsing.checkin_forms import read_note
from bot.services.circle_cycle import (
    CircleCheckInAccess,
    circle_checkin_for,
    current_circle_note,
    record_circle_answer,
    save_circle_note,
)
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
    deps = deps_of(context)
    note, errors = read_note(submitted(view))
    if note is None:
        ack(response_action="errors", errors=errors)
        return

    # Local: it stores this submission's note inside for_pair_member's transaction.
    def save(session: Session) -> str:
        found = circle_checkin_for(
            session,
            metadata(view).get("checkin"),
            team_id=context.team_id or "",
            user_id=context.user_id or "",
        )
        save_circle_note(session, found, note, deps.clock())
        return note

    saved = for_pair_member(deps, refuse_in_field(ack, ids.CHECKIN_NOTE_TEXT), save)
    if saved is None:
        return
    ack(response_action="update", view=done_view("Note saved", checkin_ui.note_saved_reply().text))


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(answer_circle_checkin)
    app.action(ids.CIRCLE_CHECKIN_NOTE)(open_circle_note)
    app.view(ids.CIRCLE_NOTE_MODAL)(save_note)
