"""`/mentor thanks @someone for …`: store and send the thanks, or say why it can't go."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.listeners.shared.command_outcome import (
    CommandOutcome,
    CommandRequest,
    Situation,
    member_verb,
)
from bot.parsing.thanks import SendThanks
from bot.services import thanks
from bot.slack.users import fetch_profile
from bot.ui import thanks as thanks_ui


def _decide(session: Session, command: SendThanks, who: Situation) -> CommandOutcome:
    result = thanks.send_thanks(session, who.member, command, now=who.now)
    if isinstance(result, thanks.ThanksRefused):
        return CommandOutcome(
            reply=thanks_ui.thanks_refused_reply(result.reason, recipient=command.recipient)
        )
    return CommandOutcome(
        reply=thanks_ui.thanks_sent_reply(
            recipient=result.recipient,
            endorsed=result.endorsed,
            public=result.public,
            channel=command.channel,
        )
    )


_store_and_send = member_verb(_decide)


def _is_bot(request: CommandRequest, user_id: str) -> bool:
    """Whether Slack says `user_id` is a bot (an unknown id or a failed call: no)."""
    try:
        return fetch_profile(request.client, user_id).is_bot
    except (SlackApiError, KeyError):
        return False


def send_thanks(request: CommandRequest, command: Any) -> CommandOutcome:
    """Send the thanks; a bot is told apart from a person who never used the app."""
    outcome = _store_and_send(request, command)
    refused = outcome.reply is not None and outcome.reply.text == thanks_ui.REFUSED_TEXT
    if refused and command.recipient != request.user_id and _is_bot(request, command.recipient):
        return CommandOutcome(
            reply=thanks_ui.thanks_refused_reply("bot", recipient=command.recipient)
        )
    return outcome
