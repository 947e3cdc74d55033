"""`/mentor` verbs that may open a modal or change what App Home shows: offer, request,
find, skills, pause, resume, profile.

Each handler decides inside one transaction and returns an Outcome; the listener then
opens the modal first (the trigger_id lives 3 s), answers, and refreshes App Home.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.db.models import Member, Offer
from bot.db.models import Skill as SkillRow
from bot.db.session import retry_on_conflict
from bot.listeners.shared.surfaces import member_transaction
from bot.parsing.commands import (
    Command,
    EditProfile,
    FindSkill,
    Invalid,
    OfferSkills,
    PauseMatching,
    RemoveSkill,
    RequestSkills,
    ResumeMatching,
    ShowSkills,
)
from bot.services import directory, pausing, profiles, records, skills_catalogue
from bot.services.people import NotAllowed
from bot.ui import modals, replies
from bot.ui.modals import ModalContext
from bot.ui.replies import Reply

MAX_DIRECTORY_ENTRIES = 20
MAX_SKILLS_LISTED = 10


@dataclass(frozen=True)
class Outcome:
    reply: Reply | None = None
    modal: View | None = None
    changed: bool = False  # App Home must be published again


@dataclass(frozen=True)
class Situation:
    """What a handler knows besides the command: who, when, and where to confirm."""

    member: Member
    now: datetime
    response_url: str | None


def _offer(session: Session, command: OfferSkills, who: Situation) -> Outcome:
    context = ModalContext(response_url=who.response_url)
    if not command.skills:
        return Outcome(modal=modals.offer_modal(profiles.offer_draft(session, who.member), context))
    first_time = not profiles.has_started(session, who.member)
    saved = records.save_offers(session, who.member, command.skills, command.level)
    modal = (
        modals.profile_modal(profiles.profile_draft(who.member), context) if first_time else None
    )
    return Outcome(reply=replies.offers_saved_reply(saved), modal=modal, changed=True)


def _offered_among(session: Session, member: Member, slugs: list[str]) -> list[str]:
    return list(
        session.scalars(
            select(SkillRow.label)
            .join(Offer, Offer.skill_id == SkillRow.id)
            .where(Offer.member_id == member.id, SkillRow.slug.in_(slugs))
            .order_by(SkillRow.label)
        )
    )


def _request(session: Session, command: RequestSkills, who: Situation) -> Outcome:
    member = who.member
    if not command.skills:
        draft = profiles.request_draft(session, member)
        context = ModalContext(response_url=who.response_url)
        return Outcome(modal=modals.request_modal(draft, context))
    offered = _offered_among(session, member, [s.slug for s in command.skills])
    if offered:
        return Outcome(
            reply=replies.invalid_reply(
                Invalid(
                    f"you already offer {', '.join(offered)}, so you can't ask to learn it too",
                    "/mentor list",
                )
            )
        )
    first_time = not profiles.has_started(session, member)
    saved = records.save_requests(session, member, command.skills)
    modal = None
    if len(saved) == 1 and not saved[0].existed:
        # A new request: offer the details form (goal, rhythm…) straight away.
        draft = profiles.request_draft(session, member, skill=command.skills[0])
        context = ModalContext(
            response_url=who.response_url, request_id=draft.request_id, then_profile=first_time
        )
        modal = modals.request_modal(draft, context)
    elif first_time:
        modal = modals.profile_modal(
            profiles.profile_draft(member), ModalContext(response_url=who.response_url)
        )
    return Outcome(reply=replies.requests_saved_reply(saved), modal=modal, changed=True)


def _find(session: Session, command: FindSkill, who: Situation) -> Outcome:
    result = directory.find_mentors(
        session, who.member, command.skill, now=who.now, limit=MAX_DIRECTORY_ENTRIES
    )
    return Outcome(reply=replies.directory_reply(result))


def _skills(session: Session, _command: ShowSkills, who: Situation) -> Outcome:
    overview = skills_catalogue.skills_overview(
        session, who.member.team_id, limit=MAX_SKILLS_LISTED, now=who.now
    )
    return Outcome(reply=replies.skills_overview_reply(overview))


def _pause(_session: Session, command: PauseMatching, who: Situation) -> Outcome:
    state = pausing.pause_member(who.member, who.now, command.weeks)
    return Outcome(reply=replies.paused_reply(state), changed=True)


def _resume(_session: Session, _command: ResumeMatching, who: Situation) -> Outcome:
    was_paused = pausing.resume_member(who.member, who.now)
    return Outcome(reply=replies.resumed_reply(was_paused), changed=True)


def _profile(_session: Session, _command: EditProfile, who: Situation) -> Outcome:
    context = ModalContext(response_url=who.response_url)
    return Outcome(modal=modals.profile_modal(profiles.profile_draft(who.member), context))


Handler = Callable[[Session, Any, Situation], Outcome]

HANDLERS: dict[type, Handler] = {
    OfferSkills: _offer,
    RequestSkills: _request,
    FindSkill: _find,
    ShowSkills: _skills,
    PauseMatching: _pause,
    ResumeMatching: _resume,
    EditProfile: _profile,
}

# Commands handled elsewhere that still change what App Home shows.
OTHER_CHANGES: tuple[type, ...] = (RemoveSkill,)


def outcome_for(
    deps: Deps,
    command: Command,
    context: BoltContext,
    client: WebClient,
    *,
    response_url: str | None,
) -> Outcome | None:
    """The outcome of a command this module handles; None for the others."""
    handler = HANDLERS.get(type(command))
    if handler is None:
        return None

    def decide() -> Outcome:
        with member_transaction(deps, context, client) as (session, member):
            return handler(session, command, Situation(member, deps.clock(), response_url))

    try:
        return retry_on_conflict(decide)
    except NotAllowed as refusal:
        return Outcome(reply=replies.refusal_reply(str(refusal)))
