"""`/mentor log` (the person's own learning log, newest first) and `/mentor log export`
(the whole log as a Markdown file in their DM)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.domain.learning_log import LoggedSession
from bot.listeners.shared.command_outcome import (
    CommandOutcome,
    CommandRequest,
    Situation,
    member_verb,
)
from bot.parsing.commands import ExportLog, ShowLog
from bot.services import learning_log
from bot.ui import learning_log as log_ui

EXPORT_FILENAME = "learning-log.md"


def _show(session: Session, _command: ShowLog, who: Situation) -> CommandOutcome:
    return CommandOutcome(reply=log_ui.log_list_reply(learning_log.entries_of(session, who.member)))


show_log = member_verb(_show)


def send_markdown(request: CommandRequest, markdown: str) -> None:
    """The file goes to the person's own DM with the app, nowhere else."""
    channel = request.client.conversations_open(users=request.user_id)["channel"]["id"]
    request.client.files_upload_v2(
        channel=channel,
        content=markdown,
        filename=EXPORT_FILENAME,
        title=log_ui.EXPORT_TITLE,
        initial_comment=log_ui.EXPORT_COMMENT,
    )


def export_log(request: CommandRequest, command: ExportLog) -> CommandOutcome:
    found: list[LoggedSession] = []

    # Local: it hands the entries read inside member_verb's transaction back to this verb.
    def collect(session: Session, _command: ExportLog, who: Situation) -> CommandOutcome:
        found.extend(learning_log.entries_of(session, who.member))
        return CommandOutcome()

    refused = member_verb(collect)(request, command)
    if refused.reply is not None:
        return refused
    if not found:
        return CommandOutcome(reply=log_ui.export_empty_reply())
    markdown = log_ui.log_markdown(found)
    return CommandOutcome(
        reply=log_ui.export_sent_reply(len(found)),
        after_reply=lambda: send_markdown(request, markdown),
    )
