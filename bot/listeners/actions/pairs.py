"""Buttons on a pair's intro: set expectations, first meeting scheduled, not a good fit."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.db.session import transaction
from bot.deps import Deps
from bot.services import pairs
from bot.services.pairs import NotYours
from bot.ui import checkin as checkin_ui
from bot.ui.expectations import expectations_modal, not_a_fit_modal
from bot.ui.replies import Reply


def clicked_value(body: dict[str, Any]) -> str | None:
    actions = body.get("actions") or [{}]
    return actions[0].get("value")


def tell_clicker(respond: Respond, reply: Reply) -> None:
    respond(response_type="ephemeral", replace_original=False, **reply.to_kwargs())


def register(app: App, deps: Deps) -> None:
    @app.action(ids.SET_EXPECTATIONS)
    def open_expectations(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                view = expectations_modal(
                    access.pair.id,
                    access.partner.display_name,
                    pairs.current_expectations(session, access.pair),
                )
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.action(ids.FIRST_MEETING_SCHEDULED)
    def first_meeting_scheduled(
        ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond
    ) -> None:
        ack()
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                if not access.pair.active:
                    raise NotYours(pairs.PAIR_OVER)
                first = pairs.mark_first_meeting(session, access, deps.clock())
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        words = (
            ":calendar: Wonderful — your first meeting is on the calendar. Enjoy it!"
            if first
            else ":calendar: Already noted: your first meeting is scheduled."
        )
        tell_clicker(respond, checkin_ui.refusal(words))

    @app.action(ids.NOT_A_FIT)
    def open_not_a_fit(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session, context.team_id or "", clicked_value(body), context.user_id or ""
                )
                if not access.pair.active:
                    raise NotYours(pairs.PAIR_OVER)
                view = not_a_fit_modal(access.pair.id, access.partner.display_name)
        except NotYours as refusal:
            tell_clicker(respond, checkin_ui.refusal(str(refusal)))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)
