"""Submitting the profile modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.surfaces import confirm, member_transaction
from bot.parsing.forms import parse_profile
from bot.parsing.view_state import profile_input
from bot.services import profiles
from bot.services.people import NotAllowed
from bot.ui import replies
from bot.ui.modals import (
    CIRCLE_OPTION,
    DIRECTORY_OPTION,
    PUBLIC_THANKS_OPTION,
    REVERSE_OPTION,
    ModalContext,
)


def submit_profile(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)
    view = body.get("view") or {}
    modal_context = ModalContext.from_metadata(view.get("private_metadata"))
    raw = profile_input(
        view,
        reverse_value=REVERSE_OPTION,
        listed_value=DIRECTORY_OPTION,
        public_thanks_value=PUBLIC_THANKS_OPTION,
        circle_value=CIRCLE_OPTION,
    )
    form, errors = parse_profile(raw)
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    try:
        with member_transaction(deps, context, client) as (session, member):
            profiles.save_profile_form(session, member, form, deps.clock())
    except NotAllowed as refusal:
        ack(response_action="errors", errors={ids.PROFILE_STAGE_BLOCK: str(refusal)})
        return
    ack()
    confirm(modal_context.response_url, replies.profile_saved_reply())
    publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")


def register(app: App) -> None:
    app.view(ids.PROFILE_MODAL)(submit_profile)
