"""Buttons on the private fit questions: good fit / not sure / not a fit two weeks in,
pair again yes / no at the end, and Send thanks (opens its modal)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.listeners.shared.pair_clicks import (
    find_clicked,
    open_clicked_modal,
    refuse_clicker,
    tell_clicker,
)
from bot.services import fit, pairs
from bot.services.pairs import PairAccess
from bot.ui import fit as fit_ui
from bot.ui.expectations import not_a_fit_modal

ANSWERS = {
    ids.FIT_GOOD: "good_fit",
    ids.FIT_NOT_SURE: "not_sure",
    ids.AGAIN_YES: "again_yes",
    ids.AGAIN_NO: "again_no",
}


def answer_fit(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    deps = deps_of(context)
    answer = ANSWERS[body["actions"][0]["action_id"]]
    stored = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: fit.record_fit(
            session, find_clicked(pairs.pair_for, session, context, body), answer, deps.clock()
        ),
    )
    if stored:
        tell_clicker(respond, fit_ui.fit_noted(answer))


def _not_a_fit(session: Session, access: PairAccess, now: datetime) -> View:
    """Store the private answer, then the existing not-a-fit flow: end it kindly."""
    still_active(access)
    fit.record_fit(session, access, "not_a_fit", now)
    return not_a_fit_modal(access.pair.id, access.partner.slack_user_id)


def _thanks(_session: Session, access: PairAccess) -> View:
    return fit_ui.send_thanks_modal(access.pair.id, access.partner.slack_user_id)


def open_not_a_fit(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    now = deps_of(context).clock()
    open_clicked_modal(
        pairs.pair_for,
        lambda session, access: _not_a_fit(session, access, now),
        body=body,
        context=context,
        client=client,
        respond=respond,
    )


def open_send_thanks(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    open_clicked_modal(
        pairs.pair_for, _thanks, body=body, context=context, client=client, respond=respond
    )


def register(app: App) -> None:
    for action_id in ANSWERS:
        app.action(action_id)(answer_fit)
    app.action(ids.FIT_NOT_A_FIT)(open_not_a_fit)
    app.action(ids.SEND_THANKS)(open_send_thanks)
