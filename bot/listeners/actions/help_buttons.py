"""Buttons on the help message."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.listeners.commands.mentor import outcome_of
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.command_outcome import CommandRequest
from bot.parsing.commands import ListMine


def show_my_list(ack: Ack, respond: Respond, context: BoltContext, client: WebClient) -> None:
    ack()
    reply = outcome_of(CommandRequest(deps_of(context), context, client), ListMine()).reply
    if reply is not None:
        respond(response_type="ephemeral", replace_original=False, **reply.to_kwargs())


def register(app: App) -> None:
    app.action(ids.SHOW_MY_LIST)(show_my_list)
