"""`/mentor …`: parse the text, run the matching service, answer ephemerally."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.core.deps import Deps
from bot.db.models import Member
from bot.db.session import retry_on_conflict, transaction
from bot.listeners.events.home import publish_home
from bot.listeners.shared import forget_verbs as forget
from bot.listeners.shared import profile_verbs
from bot.listeners.shared.admin_verbs import ADMIN_HANDLERS, run_admin_command
from bot.listeners.shared.people import current_member
from bot.listeners.shared.surfaces import open_modal
from bot.parsing.admin_commands import AdminCommand
from bot.parsing.commands import (
    Command,
    ForgetMe,
    Invalid,
    ListMine,
    RemoveSkill,
    ShowHelp,
    parse_command,
)
from bot.services import records
from bot.services.pausing import apply_pause_expiry
from bot.services.people import NotAllowed
from bot.ui import replies
from bot.ui.replies import Reply


def _remove(session: Session, command: RemoveSkill, member: Member) -> Reply:
    if command.kind == "offer":
        label, removed = records.remove_offer(session, member, command.skill)
    else:
        label, removed = records.remove_request(session, member, command.skill)
    return replies.removed_reply(command.kind, label, removed)


def _list(session: Session, _command: ListMine, member: Member) -> Reply:
    return replies.records_reply(records.member_records(session, member))


Handler = Callable[[Session, Any, Member], Reply]

# Offer and request (and the verbs that open modals) are handled in profile_verbs.
HANDLERS: dict[type, Handler] = {
    RemoveSkill: _remove,
    ListMine: _list,
}

# Answered without a table: help and problems in `answer`, forget-me in the listener.
ANSWERED_DIRECTLY: tuple[type, ...] = (ShowHelp, Invalid, ForgetMe)


def handled_command_types() -> frozenset[type]:
    """Every command type the listener knows what to do with (a test compares this with
    the command types the parser can return)."""
    return frozenset((*ANSWERED_DIRECTLY, *HANDLERS, *profile_verbs.HANDLERS, *ADMIN_HANDLERS))


def answer(deps: Deps, command: Command, context: BoltContext, client: WebClient) -> Reply:
    """The reply to a parsed command, after doing what it asks in one transaction."""
    if isinstance(command, ShowHelp):
        return replies.help_reply()
    if isinstance(command, Invalid):
        return replies.invalid_reply(command)
    handler = HANDLERS[type(command)]

    def decide() -> Reply:
        with transaction(deps.sessions) as session:
            member = current_member(session, context, client)
            apply_pause_expiry(member, deps.clock())  # a pause that has run out ends on read
            return handler(session, command, member)

    try:
        return retry_on_conflict(decide)
    except NotAllowed as refusal:
        return replies.refusal_reply(str(refusal))


def register(app: App, deps: Deps) -> None:
    @app.command(ids.SLASH_COMMAND)
    def handle_mentor_command(
        ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient
    ) -> None:
        ack()
        parsed = parse_command(command.get("text") or "")
        if isinstance(parsed, AdminCommand):
            run_admin_command(deps, parsed, command, context, client, respond)
            return
        if isinstance(parsed, ForgetMe):
            forget.ask_to_confirm(deps, context, respond)
            return
        outcome = profile_verbs.outcome_for(
            deps, parsed, context, client, response_url=command.get("response_url")
        ) or profile_verbs.Outcome(
            reply=answer(deps, parsed, context, client),
            changed=isinstance(parsed, profile_verbs.OTHER_CHANGES),
        )
        # The modal first: its trigger_id is only good for 3 seconds.
        if outcome.modal is not None and not open_modal(
            client, command.get("trigger_id"), outcome.modal
        ):
            respond(response_type="ephemeral", **replies.modal_failed_reply().to_kwargs())
        if outcome.reply is not None:
            respond(response_type="ephemeral", **outcome.reply.to_kwargs())
        if outcome.changed:
            publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")
