"""Buttons of the learning log: "Log a session" (check-ins, App Home) and "Mark done" on an
open action item in a check-in."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.shared.pair_clicks import (
    clicked_value,
    open_clicked_modal,
    refuse_clicker,
    tell_clicker,
)
from bot.services import learning_log, pairs
from bot.services.pairs import PairAccess
from bot.ui import learning_log as log_ui


def _log_modal(_session: Session, access: PairAccess) -> View:
    pair = still_active(access).pair
    return log_ui.log_session_modal(
        pair_id=pair.id,
        mentor_name=pair.mentor.display_name,
        mentee_name=pair.mentee.display_name,
    )


def open_log_session(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        pairs.pair_for, _log_modal, body=body, context=context, client=client, respond=respond
    )


def mark_action_done(
    ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    changed = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: learning_log.mark_done(
            session,
            clicked_value(body),
            team_id=context.team_id or "",
            user_id=context.user_id or "",
            now=deps.clock(),
        ),
    )
    if changed is not None:
        tell_clicker(respond, log_ui.action_done_reply(changed=changed))


def register(app: App) -> None:
    app.action(ids.LOG_SESSION)(open_log_session)
    app.action(ids.LOG_ACTION_DONE)(mark_action_done)
