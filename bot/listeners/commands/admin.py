"""`/mentor admin …`: check the person is a program admin, then do what they asked."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import func, select

from bot.admin_commands import (
    AddAdmin,
    AdminCommand,
    AdminHelp,
    ListAdmins,
    OpenSettings,
    PersonRef,
    PreviewRound,
    RemoveAdmin,
    SendChart,
    SendExport,
    ShowStats,
    SkipRound,
    UndoSkip,
)
from bot.db.models import Member
from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners import admin_tasks
from bot.listeners.admin_access import is_admin
from bot.services import admin_stats
from bot.services.admins import add_admin, is_workspace_admin, named_admins, remove_admin
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round
from bot.slack.users import fetch_profile
from bot.ui import admin_replies
from bot.ui.admin_home import stats_reply
from bot.ui.replies import Reply


def _say(respond: Respond, reply: Reply) -> None:
    respond(response_type="ephemeral", **reply.to_kwargs())


def _resolve(deps: Deps, team_id: str, person: PersonRef) -> str | None:
    """A Slack user id for `person`; a bare @name is looked up among the app's members."""
    if person.user_id is not None:
        return person.user_id
    wanted = (person.name or "").casefold()
    with deps.sessions() as session:
        found = session.scalars(
            select(Member.slack_user_id).where(
                Member.team_id == team_id, func.lower(Member.display_name) == wanted
            )
        ).all()
    return found[0] if len(found) == 1 else None


def _add(deps: Deps, client: WebClient, team_id: str, user_id: str, command: AddAdmin) -> Reply:
    target = _resolve(deps, team_id, command.person)
    if target is None:
        return admin_replies.unknown_person(command.person.name or "")
    try:
        profile = fetch_profile(client, target)
    except SlackApiError as refused:
        if refused.response.get("error") != "user_not_found":
            raise
        return admin_replies.cannot_be_admin(target)  # Slack no longer knows them: gone
    if profile.is_bot or profile.deleted:
        return admin_replies.cannot_be_admin(target)
    if is_workspace_admin(profile):
        return admin_replies.already_workspace_admin(target)
    with transaction(deps.sessions) as session:
        added = add_admin(session, team_id, target, added_by=user_id)
    deps.admin_checks.forget(team_id, target)
    return admin_replies.admin_added(target, added)


def _remove(deps: Deps, client: WebClient, team_id: str, command: RemoveAdmin) -> Reply:
    target = _resolve(deps, team_id, command.person)
    if target is None:
        return admin_replies.unknown_person(command.person.name or "")
    with transaction(deps.sessions) as session:
        removed = remove_admin(session, team_id, target)
    deps.admin_checks.forget(team_id, target)
    still_admin = is_workspace_admin(fetch_profile(client, target))
    return admin_replies.admin_removed(target, removed=removed, still_admin=still_admin)


def _stats(deps: Deps, team_id: str) -> Reply:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        health = admin_stats.program_health(session, team_id, now=now, timezone=schedule.timezone)
        upcoming = next_round(session, schedule, now)
    return stats_reply(health, upcoming)


def run_admin_command(
    deps: Deps,
    command: AdminCommand,
    payload: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    team_id, user_id = context.team_id or "", context.user_id or ""
    if not is_admin(deps, client, team_id, user_id, context.enterprise_id):
        _say(respond, admin_replies.refusal())
        return
    trigger_id = payload.get("trigger_id") or ""
    if isinstance(command, OpenSettings):
        admin_tasks.open_settings(deps, client, team_id, trigger_id)
    elif isinstance(command, PreviewRound):
        admin_tasks.open_preview(deps, client, team_id, trigger_id)
    elif isinstance(command, SkipRound):
        _say(respond, admin_replies.words(admin_tasks.skip(deps, team_id)))
    elif isinstance(command, UndoSkip):
        _say(respond, admin_replies.words(admin_tasks.unskip(deps, team_id)))
    elif isinstance(command, ShowStats):
        _say(respond, _stats(deps, team_id))
    elif isinstance(command, SendExport):
        _say(respond, admin_replies.on_its_way("The CSV export"))
        admin_tasks.send_export(deps, client, team_id, user_id)
    elif isinstance(command, SendChart):
        _say(respond, admin_replies.on_its_way("The program health chart"))
        admin_tasks.send_chart(deps, client, team_id, user_id)
    elif isinstance(command, AddAdmin):
        _say(respond, _add(deps, client, team_id, user_id, command))
    elif isinstance(command, RemoveAdmin):
        _say(respond, _remove(deps, client, team_id, command))
    elif isinstance(command, ListAdmins):
        with deps.sessions() as session:
            _say(respond, admin_replies.admin_list(named_admins(session, team_id)))
    else:
        assert isinstance(command, AdminHelp)
        _say(respond, admin_replies.admin_help())
