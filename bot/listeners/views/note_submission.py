"""The private note's submission, for a pair's check-in and for a circle's: the same
steps, with the check-in found and the note stored by the caller's services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from slack_bolt import Ack, BoltContext
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.help_submission import FindCheckIn
from bot.listeners.views.pairs import done_view, metadata, refuse_in_field, submitted
from bot.parsing.checkin_forms import read_note
from bot.ui import checkin as checkin_ui

Found = TypeVar("Found")


def submit_note(
    ack: Ack,
    view: dict[str, Any],
    context: BoltContext,
    *,
    find: FindCheckIn[Found],
    save: Callable[[Session, Found, str, datetime], None],
) -> None:
    """Check the note, store it for the submitter (only they ever see it), and say so."""
    deps = deps_of(context)
    note, errors = read_note(submitted(view))
    if note is None:
        ack(response_action="errors", errors=errors)
        return

    # Local: it stores this submission's note inside for_pair_member's transaction.
    def store(session: Session) -> str:
        found = find(
            session,
            metadata(view).get("checkin"),
            team_id=context.team_id or "",
            user_id=context.user_id or "",
        )
        save(session, found, note, deps.clock())
        return note

    if for_pair_member(deps, refuse_in_field(ack, ids.CHECKIN_NOTE_TEXT), store) is None:
        return
    ack(response_action="update", view=done_view("Note saved", checkin_ui.note_saved_reply().text))
