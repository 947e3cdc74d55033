"""Submissions of the private check-in note, of "Need help", and of end-of-pairing
feedback."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.core.deps import Deps
from bot.cycle.endings import Outcome
from bot.db.session import transaction
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.pairs import (
    done_view,
    metadata,
    refuse_in_field,
    submitted,
    submitter_pair,
)
from bot.services import checkins
from bot.services.admins import named_admins
from bot.slack.admin_directory import WorkspaceAdminDirectory
from bot.ui import checkin as checkin_ui
from bot.ui import help_request as help_ui
from bot.ui.endings import feedback_thanks, read_feedback


def register(app: App, deps: Deps) -> None:
    # "Need help" goes to every program admin: the named ones and Slack's own admins.
    workspace_admins = WorkspaceAdminDirectory()

    @app.view(ids.CHECKIN_HELP_MODAL)
    def ask_for_help(
        ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        said, errors = help_ui.read_help(submitted(view))
        if errors:
            ack(response_action="errors", errors=errors)
            return
        team_id, user_id = context.team_id or "", context.user_id or ""
        checkin_id = metadata(view).get("checkin")
        changed = for_pair_member(
            deps,
            refuse_in_field(ack, ids.CHECKIN_HELP_TEXT),
            lambda session: checkins.ask_for_help(
                session,
                checkins.checkin_for(
                    session, team_id=team_id, checkin_id=checkin_id, user_id=user_id
                ),
                said,
                deps.clock(),
            ),
        )
        if changed is None:
            return
        ack(
            response_action="update",
            view=done_view("Ask for a hand", help_ui.help_sent_words(changed=changed)),
        )
        if changed:
            # Asked only after the request is safely stored; the DMs go through the outbox.
            from_slack = workspace_admins.admins(client, team_id)
            with transaction(deps.sessions) as session:
                found = checkins.checkin_for(
                    session, team_id=team_id, checkin_id=checkin_id, user_id=user_id
                )
                admins = sorted(set(from_slack) | set(named_admins(session, team_id)))
                checkins.ask_admins_for_help(session, found, admins, deps.clock())

    @app.view(ids.CHECKIN_NOTE_MODAL)
    def save_note(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        note, errors = checkin_ui.read_note(submitted(view))
        if note is None:
            ack(response_action="errors", errors=errors)
            return

        def save(session: Session) -> str:
            found = checkins.checkin_for(
                session,
                team_id=context.team_id or "",
                checkin_id=metadata(view).get("checkin"),
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

    @app.view(ids.FEEDBACK_MODAL)
    def save_feedback(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        carried = metadata(view)
        form, errors = read_feedback(submitted(view), ending_now=bool(carried.get("ending_now")))
        if form is None:
            ack(response_action="errors", errors=errors)
            return
        result = for_pair_member(
            deps,
            refuse_in_field(ack, ids.FEEDBACK_DECISION),
            lambda session: checkins.save_feedback(
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
