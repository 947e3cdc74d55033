"""Submitting the request modal: check, store, then show the profile modal the first time."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.deps import Deps
from bot.forms import FormRejected, parse_request
from bot.listeners.events.home import publish_home
from bot.listeners.views.state import request_input
from bot.listeners.views.surfaces import confirm, member_transaction
from bot.services import profiles
from bot.services.people import NotAllowed
from bot.ui import modals, replies
from bot.ui.modals import ModalContext


def register(app: App, deps: Deps) -> None:
    @app.view(ids.REQUEST_MODAL)
    def submit_request(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        view = body.get("view") or {}
        modal_context = ModalContext.from_metadata(view.get("private_metadata"))
        form, errors = parse_request(request_input(view))
        if form is None:
            ack(response_action="errors", errors=errors)
            return
        try:
            with member_transaction(deps, context, client) as (session, member):
                first_time = not profiles.has_started(session, member)
                saved = profiles.save_request_form(
                    session, member, form, request_id=modal_context.request_id
                )
                profile = profiles.profile_draft(member)
        except FormRejected as rejected:
            ack(response_action="errors", errors=rejected.errors)
            return
        except NotAllowed as refusal:
            ack(response_action="errors", errors={ids.REQUEST_SKILL_BLOCK: str(refusal)})
            return
        if first_time or modal_context.then_profile:
            ack(response_action="update", view=modals.profile_modal(profile, modal_context))
        else:
            ack()
        confirm(modal_context.response_url, replies.request_details_saved_reply(saved))
        publish_home(deps, client, context.team_id or "", context.user_id or "")
