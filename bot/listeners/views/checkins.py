"""Submissions of the private check-in note, of "Need help", and of end-of-pairing
feedback."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.cycle.endings import Outcome
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.help_submission import submit_help_request
from bot.listeners.views.note_submission import submit_note
from bot.listeners.views.pairs import (
    done_view,
    metadata,
    refuse_in_field,
    submitted,
    submitter_pair,
)
from bot.parsing.pair_forms import read_feedback
from bot.services import checkins, pair_endings
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
    submit_note(ack, view, context, find=checkins.checkin_for, save=checkins.save_note)


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
