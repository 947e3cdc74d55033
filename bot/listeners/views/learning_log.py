"""Submission of "Log a session": store the entry and queue it for the pair."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.views.pairs import done_view, refuse_in_field, submitted, submitter_pair
from bot.parsing.log_forms import read_session_log
from bot.services import learning_log


def save_session_log(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    form, errors = read_session_log(submitted(view))
    if form is None:
        ack(response_action="errors", errors=errors)
        return

    # Local: it stores this submission's form inside for_pair_member's transaction.
    def save(session: Session) -> int:
        access = still_active(submitter_pair(session, context, view))
        return learning_log.save_entry(session, access, form, deps.clock()).id

    if for_pair_member(deps, refuse_in_field(ack, ids.LOG_COVERED), save) is None:
        return
    ack(
        response_action="update",
        view=done_view(
            "Session logged",
            ":notebook: Saved. The entry is on its way to your intro's thread in your group "
            "message; `/mentor log` lists your whole log.",
        ),
    )


def register(app: App) -> None:
    app.view(ids.LOG_SESSION_MODAL)(save_session_log)
