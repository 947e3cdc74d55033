"""Submissions of the private check-in note, of "Need help", and of end-of-pairing
feedback."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.cycle.endings import Outcome
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.help_submission import submit_help_request
from bot.listeners.views.pairs import (
    done_view,
    metadata,
    refuse_in_field,
    submitted,
    submitter_pair,
)
from bot.parsing.checkin_forms import read_note
from bot.parsing.pair_forms import read_feedback
from bot.services import checkins, pair_endings
from bot.ui import checkin as checkin_ui
from bot.ui.endings import feedback_thanks


def ask_for_help(ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    submit_help_request(
        ack,
        view,
        context,
        client,
        find=checkins.checkin_for,
        ask=checkins.ask_for_help,
        tell_admins=checkins.ask_admins_for_help,
    )


def save_note(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    note, errors = read_note(submitted(view))
    if note is None:
        ack(response_action="errors", errors=errors)
        return

    # Local: it stores this submission's note inside for_pair_member's transaction.
    def save(session: Session) -> str:
        found = checkins.checkin_for(
            session,
            metadata(view).get("checkin"),
            team_id=context.team_id or "",
            user_id=context.user_id or "",
        )
        checkins.save_note(session, found, note, deps.clock())
        return note

    saved = for_pair_member(deps, refuse_in_field(ack, ids.CHECKIN_NOTE_TEXT), save)
    if saved is None:
        return
    ack(
        response_action="update",
        view=done_view("Note saved", checkin_ui.note_saved_reply().text),
    )


def save_feedback(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    carried = metadata(view)
    form, errors = read_feedback(submitted(view), ending_now=bool(carried.get("ending_now")))
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    result = for_pair_member(
        deps,
        refuse_in_field(ack, ids.FEEDBACK_DECISION),
        lambda session: pair_endings.save_feedback(
            session,
            submitter_pair(session, context, view),
            cycle=carried.get("cycle"),
            form=form,
            now=deps.clock(),
        ),
    )
    if result is None:
        return
    if not result.recorded:
        words = "You already answered for this pairing — thank you."
    else:
        words = feedback_thanks(form.decision, extended=result.outcome == Outcome.EXTEND).text
    ack(response_action="update", view=done_view("Thank you", words))


def register(app: App) -> None:
    app.view(ids.CHECKIN_HELP_MODAL)(ask_for_help)
    app.view(ids.CHECKIN_NOTE_MODAL)(save_note)
    app.view(ids.FEEDBACK_MODAL)(save_feedback)
