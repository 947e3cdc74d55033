"""`/mentor …`: parse the text, look its verb up in one table, and do what the outcome says."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.listeners.events.home import publish_home
from bot.listeners.shared import profile_verbs
from bot.listeners.shared.admin_verbs import ADMIN_VERBS
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.command_outcome import (
    CommandOutcome,
    CommandRequest,
    Verb,
    member_verb,
)
from bot.listeners.shared.forget_verbs import ask_to_confirm
from bot.listeners.shared.log_verbs import export_log, show_log
from bot.listeners.shared.surfaces import open_modal
from bot.listeners.shared.thanks_verbs import send_thanks
from bot.parsing.commands import (
    Command,
    EditProfile,
    ExportLog,
    FindSkill,
    ForgetMe,
    Invalid,
    ListMine,
    OfferSkills,
    PauseMatching,
    RemoveSkill,
    RequestSkills,
    ResumeMatching,
    ShowHelp,
    ShowLog,
    ShowSkills,
    parse_command,
)
from bot.parsing.thanks import SendThanks
from bot.ui import replies


def _help(_request: CommandRequest, _command: ShowHelp) -> CommandOutcome:
    return CommandOutcome(reply=replies.help_reply())


def _invalid(_request: CommandRequest, command: Invalid) -> CommandOutcome:
    return CommandOutcome(reply=replies.invalid_reply(command))


# Every command type the parser can return, and the verb that answers it (a test compares
# this with the parser's command types).
VERBS: dict[type, Verb] = {
    ShowHelp: _help,
    Invalid: _invalid,
    OfferSkills: member_verb(profile_verbs.offer),
    RequestSkills: member_verb(profile_verbs.request),
    RemoveSkill: member_verb(profile_verbs.remove),
    ListMine: member_verb(profile_verbs.list_mine),
    FindSkill: member_verb(profile_verbs.find),
    ShowSkills: member_verb(profile_verbs.skills),
    PauseMatching: member_verb(profile_verbs.pause),
    ResumeMatching: member_verb(profile_verbs.resume),
    EditProfile: member_verb(profile_verbs.profile),
    ForgetMe: ask_to_confirm,
    ShowLog: show_log,
    ExportLog: export_log,
    SendThanks: send_thanks,
    **ADMIN_VERBS,  # each checks the person is a program admin first
}


def handled_command_types() -> frozenset[type]:
    """Every command type the listener knows what to do with."""
    return frozenset(VERBS)


def outcome_of(request: CommandRequest, command: Command) -> CommandOutcome:
    """What `command` does, decided (and stored) by its verb."""
    return VERBS[type(command)](request, command)


def carry_out(request: CommandRequest, outcome: CommandOutcome, respond: Respond) -> None:
    """Open the modal first (its trigger_id is only good for 3 seconds), answer, do the work
    the answer announced, then refresh App Home."""
    if outcome.modal is not None and not open_modal(
        request.client, request.trigger_id, outcome.modal
    ):
        respond(response_type="ephemeral", **replies.modal_failed_reply().to_kwargs())
    if outcome.reply is not None:
        respond(response_type="ephemeral", **outcome.reply.to_kwargs())
    if outcome.after_reply is not None:
        outcome.after_reply()
    if outcome.refresh_home:
        publish_home(request.deps, request.client, team_id=request.team_id, user_id=request.user_id)


def handle_mentor_command(
    ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
) -> None:
    ack()
    request = CommandRequest(
        deps_of(context),
        context,
        client,
        trigger_id=command.get("trigger_id"),
        response_url=command.get("response_url"),
    )
    carry_out(request, outcome_of(request, parse_command(command.get("text") or "")), respond)


def register(app: App) -> None:
    app.command(ids.SLASH_COMMAND)(handle_mentor_command)
