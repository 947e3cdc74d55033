"""Submissions of the admin modals: program settings, and Run now from the preview.

Both check again that the person submitting is a program admin: a view submission can
be forged as easily as a click."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import ids
from bot.core.deps import Deps
from bot.db.session import transaction
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.views.pairs import submitted
from bot.parsing.settings_form import read_settings
from bot.parsing.view_state import read_metadata
from bot.services import round_approvals
from bot.services.round_approvals import remember_slack_admins
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round, save_settings
from bot.slack.workspace_admins import workspace_admins
from bot.ui import admin_preview
from bot.ui.admin_common import notice_view, refusal_view
from bot.ui.admin_settings import saved_text

log = logging.getLogger(__name__)

# A submission by a program admin: (deps, ack, view, client, team_id, user_id).
AdminSubmission = Callable[[Deps, Ack, dict[str, Any], WebClient, str, str], None]


def _save_program_settings(
    deps: Deps, ack: Ack, view: dict[str, Any], client: WebClient, team: str, user: str
) -> None:
    form, errors = read_settings(submitted(view))
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team, now)
        save_settings(session, schedule, form, now, by=user)
        upcoming = next_round(session, schedule, now)
    ack(response_action="update", view=notice_view("Program settings", saved_text(upcoming)))
    if form.approve_rounds:
        _remember_slack_admins(deps, client, team)


def _remember_slack_admins(deps: Deps, client: WebClient, team: str) -> None:
    """Who Slack says administers the workspace, read after the ack (paging `users.list`
    can be slow): the approval DMs go to them too. If Slack can't say now, the list read
    last time stays."""
    try:
        admins = workspace_admins(client)
    except SlackApiError as failure:
        log.warning(
            "could not read the workspace's admins for round approvals",
            extra={"team_id": team, "reason": failure.response.get("error")},
        )
        return
    with transaction(deps.sessions) as session:
        remember_slack_admins(session, ensure_schedule(session, team, deps.clock()), admins)


def _previewed(view: dict[str, Any]) -> tuple[str, str] | None:
    """The round and input fingerprint a preview showed, when its metadata is sound."""
    metadata = read_metadata(view.get("private_metadata", ""))
    period, fingerprint = metadata.get("period"), metadata.get("fingerprint")
    if not isinstance(period, str) or not isinstance(fingerprint, str):
        return None
    return period, fingerprint


def _out_of_date(ack: Ack) -> None:
    ack(
        response_action="update",
        view=notice_view("Next round", "This preview is out of date; nothing ran."),
    )


def _confirm_run(
    deps: Deps, ack: Ack, view: dict[str, Any], client: WebClient, team: str, user: str
) -> None:
    if _previewed(view) is None:
        _out_of_date(ack)
        return
    ack(response_action="push", view=admin_preview.confirm_run_view(view["private_metadata"]))


def _run_previewed_round(
    deps: Deps, ack: Ack, view: dict[str, Any], client: WebClient, team: str, user: str
) -> None:
    previewed = _previewed(view)
    if previewed is None:
        _out_of_date(ack)
        return
    period, fingerprint = previewed
    # The round may take longer than Slack waits for an answer: say so, then run it.
    ack(response_action="update", view=admin_preview.running_view(period))
    result = round_approvals.run_now(deps, team, actor=user, period=period, fingerprint=fingerprint)
    client.views_update(view_id=view["id"], view=admin_preview.run_result_view(result))


SUBMISSIONS: dict[str, AdminSubmission] = {
    ids.ADMIN_SETTINGS_MODAL: _save_program_settings,
    ids.ADMIN_PREVIEW_MODAL: _confirm_run,
    ids.ADMIN_RUN_CONFIRM_MODAL: _run_previewed_round,
}


def admin_submission(
    ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    deps = deps_of(context)
    team, user = context.team_id or "", context.user_id or ""
    if not is_admin(deps, client, team_id=team, user_id=user, enterprise_id=context.enterprise_id):
        ack(response_action="update", view=refusal_view())
        return
    SUBMISSIONS[view["callback_id"]](deps, ack, view, client, team, user)


def register(app: App) -> None:
    for callback_id in SUBMISSIONS:
        app.view(callback_id)(admin_submission)
