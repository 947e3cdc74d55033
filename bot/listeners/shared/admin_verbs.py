"""`/mentor admin …`: check the person is a program admin, then do what they asked."""

from __future__ import annotations

from functools import partial

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.listeners.shared import admin_tasks, program_tasks
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.command_outcome import CommandOutcome, CommandRequest, Verb
from bot.parsing.admin_commands import (
    AddAdmin,
    AdminHelp,
    ListAdmins,
    NewProgram,
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
from bot.services.round_shaping import change_counts
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round
from bot.slack.find_people import find_people_named
from bot.slack.users import fetch_profile
from bot.ui import admin_replies
from bot.ui.admin_home import stats_reply
from bot.ui.replies import Reply


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
        changes = change_counts(session, team_id)
    return stats_reply(health, upcoming, changes)


def _open_settings(request: CommandRequest, _command: OpenSettings) -> CommandOutcome:
    admin_tasks.open_settings(
        request.deps, request.client, team_id=request.team_id, trigger_id=request.trigger_id or ""
    )
    return CommandOutcome()


def _preview(request: CommandRequest, _command: PreviewRound) -> CommandOutcome:
    admin_tasks.open_preview(
        request.deps, request.client, team_id=request.team_id, trigger_id=request.trigger_id or ""
    )
    return CommandOutcome()


def _skip(request: CommandRequest, _command: SkipRound) -> CommandOutcome:
    return CommandOutcome(
        reply=admin_replies.words(admin_tasks.skip(request.deps, request.team_id))
    )


def _unskip(request: CommandRequest, _command: UndoSkip) -> CommandOutcome:
    return CommandOutcome(
        reply=admin_replies.words(admin_tasks.unskip(request.deps, request.team_id))
    )


def _show_stats(request: CommandRequest, command: ShowStats) -> CommandOutcome:
    if command.program is not None:
        return CommandOutcome(
            reply=program_tasks.program_stats(request.deps, request.team_id, command.program)
        )
    return CommandOutcome(reply=_stats(request.deps, request.team_id))


def _new_program(request: CommandRequest, _command: NewProgram) -> CommandOutcome:
    return CommandOutcome(
        modal=program_tasks.program_form(request.deps, request.client, request.team_id)
    )


def _export(request: CommandRequest, _command: SendExport) -> CommandOutcome:
    send = partial(
        admin_tasks.send_export,
        request.deps,
        request.client,
        team_id=request.team_id,
        user_id=request.user_id,
    )
    return CommandOutcome(reply=admin_replies.on_its_way("The CSV export"), after_reply=send)


def _chart(request: CommandRequest, _command: SendChart) -> CommandOutcome:
    send = partial(
        admin_tasks.send_chart,
        request.deps,
        request.client,
        team_id=request.team_id,
        user_id=request.user_id,
    )
    return CommandOutcome(
        reply=admin_replies.on_its_way("The program health chart"), after_reply=send
    )


def _add_admin(request: CommandRequest, command: AddAdmin) -> CommandOutcome:
    return CommandOutcome(
        reply=_add(request.deps, request.client, request.team_id, request.user_id, command)
    )


def _remove_admin(request: CommandRequest, command: RemoveAdmin) -> CommandOutcome:
    return CommandOutcome(reply=_remove(request.deps, request.client, request.team_id, command))


def _list_admins(request: CommandRequest, _command: ListAdmins) -> CommandOutcome:
    with request.deps.sessions() as session:
        return CommandOutcome(
            reply=admin_replies.admin_list(named_admins(session, request.team_id))
        )


def _help(_request: CommandRequest, _command: AdminHelp) -> CommandOutcome:
    return CommandOutcome(reply=admin_replies.admin_help())


def admins_only(verb: Verb) -> Verb:
    """`verb`, run only for program admins; anyone else is told it is for admins."""

    def run(request: CommandRequest, command: object) -> CommandOutcome:
        admin = is_admin(
            request.deps,
            request.client,
            team_id=request.team_id,
            user_id=request.user_id,
            enterprise_id=request.context.enterprise_id,
        )
        return verb(request, command) if admin else CommandOutcome(reply=admin_replies.refusal())

    return run


_VERBS: dict[type, Verb] = {
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
    NewProgram: _new_program,
}
# Every admin command type and what runs it, for program admins only (a test checks none
# is missing).
ADMIN_VERBS: dict[type, Verb] = {kind: admins_only(verb) for kind, verb in _VERBS.items()}
