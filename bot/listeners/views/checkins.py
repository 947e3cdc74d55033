"""Submissions of the private check-in note and of end-of-pairing feedback."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import ids
from bot.cycle.endings import Outcome
from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners.views.pairs import done_view, submitted
from bot.services import checkins, pairs
from bot.services.pairs import NotYours
from bot.ui import checkin as checkin_ui
from bot.ui.endings import feedback_thanks, read_feedback
from bot.ui.expectations import read_metadata


def register(app: App, deps: Deps) -> None:
    @app.view(ids.CHECKIN_NOTE_MODAL)
    def save_note(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        note, errors = checkin_ui.read_note(submitted(view))
        if note is None:
            ack(response_action="errors", errors=errors)
            return
        try:
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session,
                    context.team_id or "",
                    read_metadata(view.get("private_metadata", "")).get("checkin"),
                    context.user_id or "",
                )
                checkins.save_note(session, found, note, deps.clock())
        except NotYours as refusal:
            ack(response_action="errors", errors={ids.CHECKIN_NOTE_TEXT: str(refusal)})
            return
        ack(
            response_action="update",
            view=done_view("Note saved", checkin_ui.note_saved_reply().text),
        )

    @app.view(ids.FEEDBACK_MODAL)
    def save_feedback(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        metadata = read_metadata(view.get("private_metadata", ""))
        form, errors = read_feedback(submitted(view), ending_now=bool(metadata.get("ending_now")))
        if form is None:
            ack(response_action="errors", errors=errors)
            return
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session, context.team_id or "", metadata.get("pair"), context.user_id or ""
                )
                result = checkins.save_feedback(
                    session, access, cycle=metadata.get("cycle"), form=form, now=deps.clock()
                )
        except NotYours as refusal:
            ack(response_action="errors", errors={ids.FEEDBACK_DECISION: str(refusal)})
            return
        if not result.recorded:
            words = "You already answered for this pairing — thank you."
        else:
            words = feedback_thanks(form.decision, extended=result.outcome == Outcome.EXTEND).text
        ack(response_action="update", view=done_view("Thank you", words))
