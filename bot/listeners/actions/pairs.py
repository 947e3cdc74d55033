"""Buttons on a pair's intro: set expectations, first meeting scheduled, not a good fit."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot import ids
from bot.deps import Deps
from bot.listeners.actions.pair_clicks import (
    find_clicked,
    modal_opener,
    refuse_clicker,
    tell_clicker,
)
from bot.listeners.pair_access import for_pair_member, still_active
from bot.services import pairs
from bot.services.agreements import expectations_to_edit
from bot.services.pairs import PairAccess
from bot.ui import checkin as checkin_ui
from bot.ui.expectations import expectations_modal, not_a_fit_modal


def _expectations(session: Session, access: PairAccess) -> View:
    return expectations_modal(
        access.pair.id,
        access.partner.slack_user_id,
        expectations_to_edit(session, access.pair),
    )


def _not_a_fit(_session: Session, access: PairAccess) -> View:
    still_active(access)
    return not_a_fit_modal(access.pair.id, access.partner.slack_user_id)


def register(app: App, deps: Deps) -> None:
    app.action(ids.SET_EXPECTATIONS)(modal_opener(deps, pairs.pair_for, _expectations))
    app.action(ids.NOT_A_FIT)(modal_opener(deps, pairs.pair_for, _not_a_fit))

    @app.action(ids.FIRST_MEETING_SCHEDULED)
    def first_meeting_scheduled(
        ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond
    ) -> None:
        ack()
        first = for_pair_member(
            deps,
            refuse_clicker(respond),
            lambda session: pairs.mark_first_meeting(
                session,
                still_active(find_clicked(pairs.pair_for, session, context, body)),
                deps.clock(),
            ),
        )
        if first is None:
            return
        words = (
            ":calendar: Wonderful — your first meeting is on the calendar. Enjoy it!"
            if first
            else ":calendar: Already noted: your first meeting is scheduled."
        )
        tell_clicker(respond, checkin_ui.refusal(words))
