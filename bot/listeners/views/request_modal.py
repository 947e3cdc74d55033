"""Submitting the request modal: check, store, then show the profile modal the first time."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.models import Member
from bot.domain.records import SavedRequestDetails
from bot.listeners.shared.skill_forms import SkillForm, submit_skill_form
from bot.parsing.forms import Errors, RequestForm, parse_request
from bot.parsing.view_state import request_input
from bot.services import profiles
from bot.ui import replies
from bot.ui.modals import ModalContext


def _read(view: dict[str, Any]) -> tuple[RequestForm | None, Errors]:
    return parse_request(request_input(view))


def _save(
    session: Session, member: Member, form: RequestForm, context: ModalContext
) -> SavedRequestDetails:
    # Editing carries the request's id in the modal; a new request has none.
    return profiles.save_request_form(session, member, form, request_id=context.request_id)


REQUEST = SkillForm(
    read=_read,
    save=_save,
    saved_reply=replies.request_details_saved_reply,
    refusal_block=ids.REQUEST_SKILL_BLOCK,
)


def submit_request(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    submit_skill_form(REQUEST, ack=ack, body=body, context=context, client=client)


def register(app: App) -> None:
    app.view(ids.REQUEST_MODAL)(submit_request)
