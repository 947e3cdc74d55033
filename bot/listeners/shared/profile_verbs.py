"""`/mentor` verbs about the person's own records: offer, request, remove, list, find,
skills, pause, resume, profile.

Each decides inside one transaction (see `member_verb`) and returns a CommandOutcome: a
reply, maybe a modal to open, and whether App Home changed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Member, Offer
from bot.db.models import Skill as SkillRow
from bot.listeners.shared.command_outcome import CommandOutcome, Situation
from bot.parsing.commands import (
    EditProfile,
    FindSkill,
    Invalid,
    ListMine,
    OfferSkills,
    PauseMatching,
    RemoveSkill,
    RequestSkills,
    ResumeMatching,
    ShowSkills,
)
from bot.services import directory, pausing, profiles, records, skills_catalogue
from bot.ui import modals, replies
from bot.ui.modals import ModalContext

MAX_DIRECTORY_ENTRIES = 20
MAX_SKILLS_LISTED = 10


def offer(session: Session, command: OfferSkills, who: Situation) -> CommandOutcome:
    context = ModalContext(response_url=who.response_url)
    if not command.skills:
        return CommandOutcome(
            modal=modals.offer_modal(profiles.offer_draft(session, who.member), context)
        )
    first_time = not profiles.has_started(session, who.member)
    saved = records.save_offers(session, who.member, command.skills, command.level)
    modal = (
        modals.profile_modal(profiles.profile_draft(who.member), context) if first_time else None
    )
    return CommandOutcome(reply=replies.offers_saved_reply(saved), modal=modal, refresh_home=True)


def _offered_among(session: Session, member: Member, slugs: list[str]) -> list[str]:
    return list(
        session.scalars(
            select(SkillRow.label)
            .join(Offer, Offer.skill_id == SkillRow.id)
            .where(Offer.member_id == member.id, SkillRow.slug.in_(slugs))
            .order_by(SkillRow.label)
        )
    )


def request(session: Session, command: RequestSkills, who: Situation) -> CommandOutcome:
    member = who.member
    if not command.skills:
        draft = profiles.request_draft(session, member)
        context = ModalContext(response_url=who.response_url)
        return CommandOutcome(modal=modals.request_modal(draft, context))
    offered = _offered_among(session, member, [s.slug for s in command.skills])
    if offered:
        return CommandOutcome(
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
    return CommandOutcome(reply=replies.requests_saved_reply(saved), modal=modal, refresh_home=True)


def find(session: Session, command: FindSkill, who: Situation) -> CommandOutcome:
    result = directory.find_mentors(
        session, who.member, command.skill, now=who.now, limit=MAX_DIRECTORY_ENTRIES
    )
    return CommandOutcome(reply=replies.directory_reply(result))


def skills(session: Session, _command: ShowSkills, who: Situation) -> CommandOutcome:
    overview = skills_catalogue.skills_overview(
        session, who.member.team_id, limit=MAX_SKILLS_LISTED, now=who.now
    )
    return CommandOutcome(reply=replies.skills_overview_reply(overview))


def pause(_session: Session, command: PauseMatching, who: Situation) -> CommandOutcome:
    state = pausing.pause_member(who.member, who.now, command.weeks)
    return CommandOutcome(reply=replies.paused_reply(state), refresh_home=True)


def resume(_session: Session, _command: ResumeMatching, who: Situation) -> CommandOutcome:
    was_paused = pausing.resume_member(who.member, who.now)
    return CommandOutcome(reply=replies.resumed_reply(was_paused), refresh_home=True)


def profile(_session: Session, _command: EditProfile, who: Situation) -> CommandOutcome:
    context = ModalContext(response_url=who.response_url)
    return CommandOutcome(modal=modals.profile_modal(profiles.profile_draft(who.member), context))


def remove(session: Session, command: RemoveSkill, who: Situation) -> CommandOutcome:
    if command.kind == "offer":
        label, removed = records.remove_offer(session, who.member, command.skill)
    else:
        label, removed = records.remove_request(session, who.member, command.skill)
    return CommandOutcome(
        reply=replies.removed_reply(command.kind, label, removed), refresh_home=True
    )


def list_mine(session: Session, _command: ListMine, who: Situation) -> CommandOutcome:
    return CommandOutcome(reply=replies.records_reply(records.member_records(session, who.member)))
