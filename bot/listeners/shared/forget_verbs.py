"""`/mentor forget-me`: say what would be deleted and ask to confirm (nothing changes yet)."""

from __future__ import annotations

from bot.listeners.shared.command_outcome import CommandOutcome, CommandRequest
from bot.parsing.commands import ForgetMe
from bot.services.forget import kept_about
from bot.ui import leaving


def ask_to_confirm(request: CommandRequest, _command: ForgetMe) -> CommandOutcome:
    # Looked up, never created: asking to be forgotten must not store anyone.
    with request.deps.sessions() as session:
        kept = kept_about(session, team_id=request.team_id, user_id=request.user_id)
    reply = leaving.forget_confirmation(kept) if kept.anything else leaving.nothing_to_forget()
    return CommandOutcome(reply=reply)
