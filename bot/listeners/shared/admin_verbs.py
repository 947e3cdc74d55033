"""`/mentor admin …`: check the person is a program admin, then do what they asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.listeners.shared import admin_tasks
from bot.listeners.shared.admin_access import is_admin
from bot.parsing.admin_commands import (
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
from bot.services import admin_stats
from bot.services.admins import add_admin, is_workspace_admin, named_admins, remove_admin
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round
from bot.slack.find_people import find_people_named
from bot.slack.users import fetch_profile
from bot.ui import admin_replies
from bot.ui.admin_home import stats_reply
from bot.ui.replies import Reply


def _say(respond: Respond, reply: Reply) -> None:
    respond(response_type="ephemeral", **reply.to_kwargs())


def _resolve(client: WebClient, person: PersonRef, *, deactivated: bool = False) -> str | Reply:
    """A Slack user id for `person`, or the answer when a plain @name is nobody's or
    several people's (anyone in the workspace, not only people who used the app)."""
    if person.user_id is not None:
        return person.user_id
    name = person.name or ""
    found = find_people_named(client, name, deactivated=deactivated)
    if len(found) == 1:
        return found[0]
    return (
        admin_replies.ambiguous_person(name, found) if found else admin_replies.unknown_person(name)
    )


def _add(deps: Deps, client: WebClient, team_id: str, user_id: str, command: AddAdmin) -> Reply:
    target = _resolve(client, command.person)
    if isinstance(target, Reply):
        return target
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
        added = add_admin(session, team_id=team_id, user_id=target, added_by=user_id)
    deps.admin_checks.forget(team_id=team_id, user_id=target)
    return admin_replies.admin_added(target, added)


def _remove(deps: Deps, client: WebClient, team_id: str, command: RemoveAdmin) -> Reply:
    # Someone who left can still be taken off the list by name.
    target = _resolve(client, command.person, deactivated=True)
    if isinstance(target, Reply):
        return target
    with transaction(deps.sessions) as session:
        removed = remove_admin(session, team_id=team_id, user_id=target)
    deps.admin_checks.forget(team_id=team_id, user_id=target)
    still_admin = is_workspace_admin(fetch_profile(client, target))
    return admin_replies.admin_removed(target, removed=removed, still_admin=still_admin)


def _stats(deps: Deps, team_id: str) -> Reply:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        health = admin_stats.program_health(session, team_id, now=now, timezone=schedule.timezone)
        upcoming = next_round(session, schedule, now)
    return stats_reply(health, upcoming)


@dataclass(frozen=True)
class AdminRequest:
    """Who asked, and how to answer them."""

    deps: Deps
    team_id: str
    user_id: str
    trigger_id: str
    client: WebClient
    respond: Respond

    def say(self, reply: Reply) -> None:
        _say(self.respond, reply)


def _open_settings(request: AdminRequest, _command: OpenSettings) -> None:
    admin_tasks.open_settings(
        request.deps, request.client, team_id=request.team_id, trigger_id=request.trigger_id
    )


def _preview(request: AdminRequest, _command: PreviewRound) -> None:
    admin_tasks.open_preview(
        request.deps, request.client, team_id=request.team_id, trigger_id=request.trigger_id
    )


def _skip(request: AdminRequest, _command: SkipRound) -> None:
    request.say(admin_replies.words(admin_tasks.skip(request.deps, request.team_id)))


def _unskip(request: AdminRequest, _command: UndoSkip) -> None:
    request.say(admin_replies.words(admin_tasks.unskip(request.deps, request.team_id)))


def _show_stats(request: AdminRequest, _command: ShowStats) -> None:
    request.say(_stats(request.deps, request.team_id))


def _export(request: AdminRequest, _command: SendExport) -> None:
    request.say(admin_replies.on_its_way("The CSV export"))
    admin_tasks.send_export(
        request.deps, request.client, team_id=request.team_id, user_id=request.user_id
    )


def _chart(request: AdminRequest, _command: SendChart) -> None:
    request.say(admin_replies.on_its_way("The program health chart"))
    admin_tasks.send_chart(
        request.deps, request.client, team_id=request.team_id, user_id=request.user_id
    )


def _add_admin(request: AdminRequest, command: AddAdmin) -> None:
    request.say(_add(request.deps, request.client, request.team_id, request.user_id, command))


def _remove_admin(request: AdminRequest, command: RemoveAdmin) -> None:
    request.say(_remove(request.deps, request.client, request.team_id, command))


def _list_admins(request: AdminRequest, _command: ListAdmins) -> None:
    with request.deps.sessions() as session:
        request.say(admin_replies.admin_list(named_admins(session, request.team_id)))


def _help(request: AdminRequest, _command: AdminHelp) -> None:
    request.say(admin_replies.admin_help())


# Every admin command type and what runs it (a test checks none is missing).
ADMIN_HANDLERS: dict[type, Callable[[AdminRequest, Any], None]] = {
    OpenSettings: _open_settings,
    PreviewRound: _preview,
    SkipRound: _skip,
    UndoSkip: _unskip,
    ShowStats: _show_stats,
    SendExport: _export,
    SendChart: _chart,
    AddAdmin: _add_admin,
    RemoveAdmin: _remove_admin,
    ListAdmins: _list_admins,
    AdminHelp: _help,
}


def run_admin_command(
    deps: Deps,
    command: AdminCommand,
    payload: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    team_id, user_id = context.team_id or "", context.user_id or ""
    if not is_admin(
        deps, client, team_id=team_id, user_id=user_id, enterprise_id=context.enterprise_id
    ):
        _say(respond, admin_replies.refusal())
        return
    request = AdminRequest(
        deps=deps,
        team_id=team_id,
        user_id=user_id,
        trigger_id=payload.get("trigger_id") or "",
        client=client,
        respond=respond,
    )
    ADMIN_HANDLERS[type(command)](request, command)
