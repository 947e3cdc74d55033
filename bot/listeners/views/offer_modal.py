"""Submitting the offer modal: check, store, then show the profile modal the first time."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.models import Member
from bot.domain.records import SavedOffer
from bot.listeners.shared.skill_forms import SkillForm, submit_skill_form
from bot.parsing.forms import Errors, OfferForm, parse_offer
from bot.parsing.view_state import offer_input
from bot.services import profiles
from bot.ui import replies
from bot.ui.modals import ModalContext


def _read(view: dict[str, Any]) -> tuple[OfferForm | None, Errors]:
    return parse_offer(offer_input(view))


def _save(
    session: Session, member: Member, form: OfferForm, _context: ModalContext
) -> list[SavedOffer]:
    return profiles.save_offer_form(session, member, form)


OFFER = SkillForm(
    read=_read,
    save=_save,
    saved_reply=replies.offers_saved_reply,
    refusal_block=ids.OFFER_SKILLS_BLOCK,
)


def submit_offer(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    submit_skill_form(OFFER, ack=ack, body=body, context=context, client=client)


def register(app: App) -> None:
    app.view(ids.OFFER_MODAL)(submit_offer)
