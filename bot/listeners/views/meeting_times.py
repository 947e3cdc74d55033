"""Submitting Find a time: the picked slot becomes the pair's first meeting."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.views.pairs import done_view, refuse_in_field, submitted, submitter_pair
from bot.parsing.view_state import picked_option
from bot.services.meeting_times import NOT_OFFERED, CannotPick, pick_slot, reader
from bot.ui.meeting_times import meeting_picked_saved


def save_picked_time(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    now = deps.clock()
    value = picked_option(submitted(view), ids.FIND_A_TIME_SLOT, ids.FIND_A_TIME_SLOT)

    # (what to show when saved, or why it wasn't)
    def pick(session: Session) -> tuple[str | None, str | None]:
        access = still_active(submitter_pair(session, context, view))
        try:
            slot = pick_slot(session, access, value, now)
        except CannotPick as refusal:
            return None, str(refusal)
        return meeting_picked_saved(slot, reader(access.member)), None

    refuse = refuse_in_field(ack, ids.FIND_A_TIME_SLOT)
    outcome = for_pair_member(deps, refuse, pick)
    if outcome is None:
        return
    saved, refusal = outcome
    if saved is not None:
        ack(response_action="update", view=done_view("First meeting", saved))
    else:
        refuse(refusal or NOT_OFFERED)


def register(app: App) -> None:
    app.view(ids.FIND_A_TIME_MODAL)(save_picked_time)
