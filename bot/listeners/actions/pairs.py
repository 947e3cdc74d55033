"""Buttons on a pair's intro: set expectations, first meeting scheduled, not a good fit."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.pair_access import still_active
from bot.listeners.shared.pair_clicks import open_clicked_modal
from bot.services import goals, pairs
from bot.services.agreements import expectations_to_edit
from bot.services.pairs import PairAccess
from bot.ui.expectations import expectations_modal, not_a_fit_modal
from bot.ui.first_meeting import first_meeting_modal


def _expectations(session: Session, access: PairAccess) -> View:
    return expectations_modal(
        access.pair.id,
        access.partner.slack_user_id,
        expectations_to_edit(session, access.pair),
        learners=goals.learner_views(session, access.pair),
    )


def _not_a_fit(_session: Session, access: PairAccess) -> View:
    still_active(access)
    return not_a_fit_modal(access.pair.id, access.partner.slack_user_id)


def _first_meeting(_session: Session, access: PairAccess) -> View:
    pair = still_active(access).pair
    return first_meeting_modal(pair.id, access.partner.slack_user_id, pair.first_meeting_at)


def open_expectations(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        pairs.pair_for, _expectations, body=body, context=context, client=client, respond=respond
    )


def open_not_a_fit(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        pairs.pair_for, _not_a_fit, body=body, context=context, client=client, respond=respond
    )


def open_first_meeting(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        pairs.pair_for, _first_meeting, body=body, context=context, client=client, respond=respond
    )


def register(app: App) -> None:
    app.action(ids.SET_EXPECTATIONS)(open_expectations)
    app.action(ids.NOT_A_FIT)(open_not_a_fit)
    app.action(ids.FIRST_MEETING_SCHEDULED)(open_first_meeting)
