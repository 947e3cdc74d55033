"""Submitting Find a time: the picked slot becomes the pair's first meeting."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.views.pairs import (
    done_view,
    metadata,
    refuse_in_field,
    submitted,
    submitter_pair,
)
from bot.parsing.view_state import picked_option
from bot.services.meeting_times import (
    CalendarFile,
    CannotPick,
    Offered,
    Picked,
    PickedMeanwhile,
    pick_slot,
    reader,
)
from bot.ui.meeting_times import (
    CALENDAR_COMMENT,
    meeting_picked_meanwhile,
    meeting_picked_saved,
)

log = logging.getLogger(__name__)


def save_picked_time(
    ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    deps = deps_of(context)
    now = deps.clock()
    value = picked_option(
        submitted(view), block_id=ids.FIND_A_TIME_SLOT, action_id=ids.FIND_A_TIME_SLOT
    )
    offered = Offered.from_metadata(metadata(view))

    # (what was stored, if anything; the words to show; whether they explain a refusal)
    def pick(session: Session) -> tuple[Picked | None, str, bool]:
        access = still_active(submitter_pair(session, context, view))
        try:
            picked = pick_slot(session, access, value, now, offered)
        except CannotPick as refusal:
            return None, str(refusal), True
        except PickedMeanwhile as first:
            return None, meeting_picked_meanwhile(first.slot, reader(access.member)), False
        return picked, meeting_picked_saved(picked.slot, reader(access.member)), False

    refuse = refuse_in_field(ack, ids.FIND_A_TIME_SLOT)
    outcome = for_pair_member(deps, refuse, pick)
    if outcome is None:
        return
    picked, words, refused = outcome
    if refused:
        refuse(words)
        return
    ack(response_action="update", view=done_view("First meeting", words))
    if picked is not None and picked.changed and picked.channel is not None:
        send_calendar_file(client, picked.channel, picked.calendar)


def send_calendar_file(client: WebClient, channel: str, calendar: CalendarFile) -> None:
    """The .ics in the pair's group DM, after the times went to the outbox: if Slack
    refuses the file, both still have the times (and the reminder)."""
    try:
        client.files_upload_v2(
            channel=channel,
            content=calendar.content,
            filename=calendar.filename,
            title=calendar.title,
            initial_comment=CALENDAR_COMMENT,
        )
    except SlackApiError as failure:
        log.warning("calendar file not sent: %s", failure.response.get("error"))


def register(app: App) -> None:
    app.view(ids.FIND_A_TIME_MODAL)(save_picked_time)
