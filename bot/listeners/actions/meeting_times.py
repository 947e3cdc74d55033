"""The Find a time button (on the intro and the learner's nudge): opens the proposed
slots in the clicker's own time."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import still_active
from bot.listeners.shared.pair_clicks import open_clicked_modal
from bot.services import pairs
from bot.services.meeting_times import pair_proposal, reader
from bot.services.pairs import PairAccess
from bot.ui.meeting_times import find_a_time_modal


def open_find_a_time(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    now = deps_of(context).clock()

    def build(_session: Session, access: PairAccess) -> View:
        pair = still_active(access).pair
        return find_a_time_modal(
            pair.id,
            pair_proposal(pair, now),
            reader=reader(access.member),
            partner=reader(access.partner),
            learner=reader(pair.mentee),
            mentor=reader(pair.mentor),
            seen=pair.first_meeting_at,
        )

    open_clicked_modal(
        pairs.pair_for, build, body=body, context=context, client=client, respond=respond
    )


def register(app: App) -> None:
    app.action(ids.FIND_A_TIME)(open_find_a_time)
