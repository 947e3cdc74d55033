"""`/mentor …`: parse the text, run the matching service, answer ephemerally."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import ids
from bot.admin_commands import AdminCommand
from bot.commands import (
    Command,
    Invalid,
    ListMine,
    OfferSkills,
    RemoveSkill,
    RequestSkills,
    ShowHelp,
    parse_command,
)
from bot.db.models import Member
from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners.commands.admin import run_admin_command
from bot.listeners.people import current_member
from bot.services import records
from bot.services.people import NotAllowed
from bot.ui import replies
from bot.ui.replies import Reply


def _offer(session: Session, command: OfferSkills, member: Member) -> Reply:
    if not command.skills:
        return replies.invalid_reply(
            Invalid("say which skill you can teach", "/mentor offer public speaking")
        )
    return replies.offers_saved_reply(
        records.save_offers(session, member, command.skills, command.level)
    )


def _request(session: Session, command: RequestSkills, member: Member) -> Reply:
    if not command.skills:
        return replies.invalid_reply(
            Invalid("say which skill you want to learn", "/mentor request negotiation")
        )
    return replies.requests_saved_reply(records.save_requests(session, member, command.skills))


def _remove(session: Session, command: RemoveSkill, member: Member) -> Reply:
    if command.kind == "offer":
        label, removed = records.remove_offer(session, member, command.skill)
    else:
        label, removed = records.remove_request(session, member, command.skill)
    return replies.removed_reply(command.kind, label, removed)


def _list(session: Session, _command: ListMine, member: Member) -> Reply:
    return replies.records_reply(records.member_records(session, member))


Handler = Callable[[Session, Any, Member], Reply]

HANDLERS: dict[type, Handler] = {
    OfferSkills: _offer,
    RequestSkills: _request,
    RemoveSkill: _remove,
    ListMine: _list,
}


def answer(deps: Deps, command: Command, context: BoltContext, client: WebClient) -> Reply:
    """The reply to a parsed command, after doing what it asks in one transaction."""
    if isinstance(command, ShowHelp):
        return replies.help_reply()
    if isinstance(command, Invalid):
        return replies.invalid_reply(command)
    handler = HANDLERS[type(command)]
    try:
        with transaction(deps.sessions) as session:
            return handler(session, command, current_member(session, context, client))
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
        reply = answer(deps, parsed, context, client)
        respond(response_type="ephemeral", **reply.to_kwargs())
