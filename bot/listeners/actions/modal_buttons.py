"""Buttons that open the offer, request and profile modals (help message and App Home),
and the edit / remove menus next to each offer and request in App Home."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.models import Member
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.surfaces import member_transaction, open_modal
from bot.services import profiles
from bot.services.people import NotAllowed
from bot.ui import modals, replies
from bot.ui.home import EDIT, REMOVE, read_menu_value
from bot.ui.modals import ModalContext

# Builds the modal to open for the person who clicked, inside their transaction.
BuildModal = Callable[[Session, Member, ModalContext], View]
# Builds the modal that edits the member's offer or request with this id.
EditModal = Callable[[int, Session, Member, ModalContext], View]
# Removes the member's offer or request with this id (nothing when it isn't theirs).
RemoveItem = Callable[[Session, Member, int], object]


def _new_offer(session: Session, member: Member, context: ModalContext) -> View:
    return modals.offer_modal(profiles.offer_draft(session, member), context)


def _new_request(session: Session, member: Member, context: ModalContext) -> View:
    return modals.request_modal(profiles.request_draft(session, member), context)


def _profile(_session: Session, member: Member, context: ModalContext) -> View:
    return modals.profile_modal(profiles.profile_draft(member), context)


def _edit_offer(offer_id: int, session: Session, member: Member, context: ModalContext) -> View:
    return modals.offer_modal(profiles.offer_draft(session, member, offer_id), context)


def _edit_request(request_id: int, session: Session, member: Member, context: ModalContext) -> View:
    draft = profiles.request_draft(session, member, request_id=request_id)
    editing = ModalContext(response_url=context.response_url, request_id=draft.request_id)
    return modals.request_modal(draft, editing)


def _selected_value(body: dict[str, Any]) -> str:
    action = (body.get("actions") or [{}])[0]
    return str((action.get("selected_option") or {}).get("value") or "")


def _show(
    build: BuildModal,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """Open the modal `build` makes, or tell the person why not (when we can)."""
    response_url = body.get("response_url")
    try:
        with member_transaction(deps_of(context), context, client) as (session, member):
            view = build(session, member, ModalContext(response_url=response_url))
    except NotAllowed as refusal:
        if response_url:
            respond(replace_original=False, **replies.refusal_reply(str(refusal)).to_kwargs())
        return
    if not open_modal(client, body.get("trigger_id"), view) and response_url:
        respond(replace_original=False, **replies.modal_failed_reply().to_kwargs())


def open_offer_modal(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    _show(_new_offer, body, context, client, respond)


def open_request_modal(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    _show(_new_request, body, context, client, respond)


def open_profile_modal(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    _show(_profile, body, context, client, respond)


def _choose(
    edit: EditModal,
    remove: RemoveItem,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """The App Home overflow menu next to one offer or request: edit it, or remove it."""
    choice = read_menu_value(_selected_value(body))
    if choice is not None and choice[0] == EDIT:
        _show(partial(edit, choice[1]), body, context, client, respond)
    elif choice is not None and choice[0] == REMOVE:
        deps = deps_of(context)
        with member_transaction(deps, context, client) as (session, member):
            remove(session, member, choice[1])
        publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")


def choose_from_offer_menu(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    _choose(_edit_offer, profiles.remove_offer_by_id, body, context, client, respond)


def choose_from_request_menu(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    _choose(_edit_request, profiles.withdraw_request_by_id, body, context, client, respond)


def register(app: App) -> None:
    app.action(ids.OPEN_OFFER_MODAL)(open_offer_modal)
    app.action(ids.OPEN_REQUEST_MODAL)(open_request_modal)
    app.action(ids.OPEN_PROFILE_MODAL)(open_profile_modal)
    app.action(ids.OFFER_MENU)(choose_from_offer_menu)
    app.action(ids.REQUEST_MENU)(choose_from_request_menu)
