"""`/mentor forget-me`: say what would be deleted and ask to confirm (nothing changes yet)."""

from __future__ import annotations

from slack_bolt import BoltContext, Respond

from bot.core.deps import Deps
from bot.services.forget import kept_about
from bot.ui import leaving


def ask_to_confirm(deps: Deps, context: BoltContext, respond: Respond) -> None:
    # Looked up, never created: asking to be forgotten must not store anyone.
    with deps.sessions() as session:
        kept = kept_about(session, team_id=context.team_id or "", user_id=context.user_id or "")
    reply = leaving.forget_confirmation(kept) if kept.anything else leaving.nothing_to_forget()
    respond(response_type="ephemeral", **reply.to_kwargs())
