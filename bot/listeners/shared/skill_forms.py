"""What submitting the offer modal and the request modal share: check the fields, store
them for the member, show the profile modal the first time, confirm and refresh App Home."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.db.models import Member
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.surfaces import confirm, member_transaction
from bot.parsing.forms import Errors, FormRejected
from bot.services import profiles
from bot.services.people import NotAllowed
from bot.ui import modals
from bot.ui.modals import ModalContext
from bot.ui.replies import Reply

Form = TypeVar("Form")
Saved = TypeVar("Saved")


@dataclass(frozen=True)
class SkillForm(Generic[Form, Saved]):
    """How one modal's fields are read, stored and confirmed."""

    read: Callable[[dict[str, Any]], tuple[Form | None, Errors]]
    save: Callable[[Session, Member, Form, ModalContext], Saved]
    saved_reply: Callable[[Saved], Reply]
    # Where a refusal (say, a paused or removed member) is shown in the modal.
    refusal_block: str


def submit_skill_form(
    kind: SkillForm[Form, Saved],
    *,
    ack: Ack,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
) -> None:
    """Answer the submission of the modal `kind` describes."""
    deps = deps_of(context)
    view = body.get("view") or {}
    modal_context = ModalContext.from_metadata(view.get("private_metadata"))
    form, errors = kind.read(view)
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    try:
        with member_transaction(deps, context, client) as (session, member):
            first_time = not profiles.has_started(session, member)
            saved = kind.save(session, member, form, modal_context)
            profile = profiles.profile_draft(member)
    except FormRejected as rejected:
        ack(response_action="errors", errors=rejected.errors)
        return
    except NotAllowed as refusal:
        ack(response_action="errors", errors={kind.refusal_block: str(refusal)})
        return
    if first_time or modal_context.then_profile:
        ack(response_action="update", view=modals.profile_modal(profile, modal_context))
    else:
        ack()
    confirm(modal_context.response_url, kind.saved_reply(saved))
    publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")
